/**
 * A local stand-in for the GitHub Actions runner's cache service, on 127.0.0.1, that the real
 * @actions/cache client talks to (nothing of @actions/cache is mocked):
 * - the cache API (twirp JSON, the v2 protocol the installed @actions/cache speaks when
 *   ACTIONS_CACHE_SERVICE_V2 is set) on its own port, see twirpCacheApi.ts;
 * - archives in Azure-compatible blob storage (azurite) behind signed (SAS) URLs, which
 *   the client uploads to with the Azure SDK and downloads from over plain HTTP.
 * It can play the failures a real service has: down, slow, over quota, HTTP errors.
 *
 *   const service = await startCacheService();
 *   const restoreEnv = service.applyEnv({ GITHUB_WORKSPACE: dir, RUNNER_TEMP: tmp });
 *   ... restoreCache / saveCache ...
 *   await service.setFault({ kind: 'down' });
 *   restoreEnv(); await service.stop();
 */
import {
  BlobSASPermissions,
  BlobServiceClient,
  generateBlobSASQueryParameters,
  StorageSharedKeyCredential,
} from '@azure/storage-blob';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { DEV_ACCOUNT, DEV_ACCOUNT_KEY, startAzurite } from './azurite.js';
import { CacheApi, type CacheEntry, type CacheFault } from './twirpCacheApi.js';

export type { CacheEntry, CacheFault, ApiCall } from './twirpCacheApi.js';

const CONTAINER = 'actions-cache';

export interface CacheServiceStandIn {
  /** ACTIONS_RESULTS_URL. */
  readonly url: string;
  /** The variables @actions/cache reads to find and authenticate to the service. */
  readonly env: Readonly<Record<string, string>>;
  readonly api: CacheApi;
  /** Finalized entries, oldest first. */
  entries(): CacheEntry[];
  setFault(fault: CacheFault): Promise<void>;
  /** Sets env (plus `extra`) on process.env; returns a function that puts the old values back. */
  applyEnv(extra?: Readonly<Record<string, string>>): () => void;
  stop(): Promise<void>;
}

function listen(server: Server, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

function close(server: Server): Promise<void> {
  return new Promise((resolve) => {
    if (!server.listening) return resolve();
    server.close(() => resolve());
    // keep-alive sockets would keep answering a "down" service
    server.closeAllConnections();
  });
}

export async function startCacheService(): Promise<CacheServiceStandIn> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'microb-cache-service-'));
  const azurite = await startAzurite(dataDir);
  const credential = new StorageSharedKeyCredential(DEV_ACCOUNT, DEV_ACCOUNT_KEY);
  const blobService = new BlobServiceClient(azurite.accountUrl, credential);
  const container = blobService.getContainerClient(CONTAINER);
  await container.createIfNotExists();

  const signedUrl = (blobName: string, permissions: string): string => {
    const sas = generateBlobSASQueryParameters(
      {
        containerName: CONTAINER,
        blobName,
        permissions: BlobSASPermissions.parse(permissions),
        expiresOn: new Date(Date.now() + 60 * 60_000),
      },
      credential,
    );
    return `${container.getBlobClient(blobName).url}?${sas.toString()}`;
  };

  const token = `stand-in-${randomBytes(12).toString('hex')}`;
  const api = new CacheApi(
    {
      signedUploadUrl: (name) => signedUrl(name, 'cw'),
      signedDownloadUrl: (name) => signedUrl(name, 'r'),
      async blobSize(name) {
        try {
          return (await container.getBlobClient(name).getProperties()).contentLength ?? null;
        } catch {
          return null;
        }
      },
    },
    token,
  );
  const server = createServer((req, res) => {
    api.handle(req, res).catch((e: unknown) => {
      if (!res.headersSent) res.writeHead(500, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ code: 'internal', msg: String(e) }));
    });
  });
  const port = await listen(server, 0);
  const url = `http://127.0.0.1:${port}/`;
  const env: Record<string, string> = {
    ACTIONS_CACHE_SERVICE_V2: 'true',
    ACTIONS_RESULTS_URL: url,
    ACTIONS_RUNTIME_TOKEN: token,
    // not a GHES host, so the client keeps the v2 protocol
    GITHUB_SERVER_URL: 'https://github.com',
    // loopback never goes through a proxy, whatever the machine has configured
    NO_PROXY: '127.0.0.1,localhost',
    no_proxy: '127.0.0.1,localhost',
  };

  return {
    url,
    env,
    api,
    entries: () => api.entries.filter((e) => e.finalized),
    async setFault(fault) {
      api.fault = fault;
      if (fault.kind === 'down') await close(server);
      else if (!server.listening) await listen(server, port);
    },
    applyEnv(extra = {}) {
      const all = { ...env, ...extra };
      const before = new Map(Object.keys(all).map((k) => [k, process.env[k]]));
      // the v1 variable would win over ACTIONS_RESULTS_URL for some code paths: keep it out
      before.set('ACTIONS_CACHE_URL', process.env['ACTIONS_CACHE_URL']);
      delete process.env['ACTIONS_CACHE_URL'];
      Object.assign(process.env, all);
      return () => {
        for (const [k, v] of before) {
          if (v === undefined) delete process.env[k];
          else process.env[k] = v;
        }
      };
    },
    async stop() {
      await close(server);
      await azurite.stop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
