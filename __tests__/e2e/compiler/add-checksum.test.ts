import { createHash } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  dockerRun,
  ensureE2E,
  removeImages,
  tempDir,
  uniqueTag,
  writeFiles,
  type TempDir,
} from '../support/index.js';
import { generateAndBuild } from './harness.js';

const BODY = 'downloaded by BuildKit, verified by checksum\n';

describe('add_files with a checksum: BuildKit downloads from a loopback HTTP server and verifies', () => {
  let server: Server;
  let url: string;
  let work: TempDir;
  const tags: string[] = [];

  beforeAll(async () => {
    await ensureE2E();
    work = await tempDir('microb-e2e-add-');
    server = createServer((_req, res) => res.end(BODY));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/payload.txt`;
  });

  afterAll(async () => {
    await removeImages(...tags);
    server?.close();
    await work?.cleanup();
  });

  const project = async (name: string, checksum: string) => {
    const dir = path.join(work.path, name);
    await writeFiles(dir, {
      'pyproject.toml': `[project]\nname = "add-app"\nversion = "1"\nrequires-python = ">=3.11,<3.12"\n[build-system]\nrequires = ["setuptools>=61"]\nbuild-backend = "setuptools.build_meta"\n[tool.setuptools]\npy-modules = []\n[tool.microb.target.default]\nadd_files = [{ src = "${url}", dst = "/app/payload.txt", checksum = "${checksum}" }]\ncommand = ["cat", "/app/payload.txt"]\n`,
    });
    return path.join(dir, 'pyproject.toml');
  };

  it('the right sha256 builds and the file is in the image', async () => {
    const sha = createHash('sha256').update(BODY).digest('hex');
    const tag = uniqueTag('add-ok');
    tags.push(tag);
    await generateAndBuild({ pyproject: await project('ok', `sha256:${sha}`), tag });
    expect((await dockerRun(tag)).stdout).toBe(BODY);
  });

  it('a wrong sha256 fails the build', async () => {
    const tag = uniqueTag('add-bad');
    await expect(
      generateAndBuild({ pyproject: await project('bad', `sha256:${'0'.repeat(64)}`), tag }),
    ).rejects.toThrow(/checksum|digest/i);
  });
});
