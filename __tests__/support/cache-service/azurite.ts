/**
 * Azure-compatible blob storage on 127.0.0.1 (azurite), where the stand-in cache service hands
 * out signed upload and download URLs, as the runner's cache service does with Azure Blob
 * Storage. One child process per service, its own data directory, stopped by its pid.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { onProcessExit, killQuietly, waitForExit, watchParent } from '../../e2e/support/cleanup.js';

/** Azurite's fixed development account: public, documented, valid only against azurite. */
export const DEV_ACCOUNT = 'devstoreaccount1';
export const DEV_ACCOUNT_KEY =
  'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==';

export interface Azurite {
  /** `http://127.0.0.1:PORT/devstoreaccount1`: the account URL (path-style, as on loopback). */
  readonly accountUrl: string;
  readonly pid: number;
  stop(): Promise<void>;
}

function azuriteBlobMain(): string {
  const require = createRequire(import.meta.url);
  return path.join(path.dirname(require.resolve('azurite/package.json')), 'dist', 'src', 'blob', 'main.js');
}

export async function startAzurite(dataDir: string): Promise<Azurite> {
  const args = [
    azuriteBlobMain(),
    '--blobHost',
    '127.0.0.1',
    '--blobPort',
    '0',
    '--location',
    dataDir,
    '--silent',
    // azurite would otherwise send usage data off the machine; only loopback traffic here
    '--disableTelemetry',
    // @azure/storage-blob may speak a newer REST version than this azurite knows
    '--skipApiVersionCheck',
    '--loose',
  ];
  const child: ChildProcess = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  const pid = child.pid;
  if (pid === undefined) throw new Error('azurite did not start');
  const unregister = onProcessExit(() => killQuietly(pid));
  watchParent(pid);

  const port = await new Promise<number>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`azurite did not listen within 30 s:\n${out}`)), 30_000);
    const onData = (chunk: Buffer) => {
      out += chunk.toString();
      const m = /listens on http:\/\/127\.0\.0\.1:(\d+)/.exec(out);
      if (m?.[1]) {
        clearTimeout(timer);
        resolve(Number(m[1]));
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`azurite exited (${code}) before listening:\n${out}`));
    });
  });
  // keep draining so a chatty azurite never blocks on a full pipe
  child.stdout?.resume();
  child.stderr?.resume();

  return {
    accountUrl: `http://127.0.0.1:${port}/${DEV_ACCOUNT}`,
    pid,
    async stop() {
      killQuietly(pid);
      await waitForExit(pid);
      unregister();
    },
  };
}
