import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { readProjectSnapshot } from '../../../src/workspace/snapshot.js';

let dir: string | undefined;
afterEach(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

it('the snapshot reads the files a requirements file pulls in with -r / -c, and the locks beside it', async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'microb-locks-snap-'));
  await mkdir(path.join(dir, 'reqs'));
  await writeFile(
    path.join(dir, 'pyproject.toml'),
    '[tool.microb.target.default]\nrequirements = "reqs/prod.txt"\n',
  );
  await writeFile(path.join(dir, 'reqs/prod.txt'), '-r base.txt\n-c ../constraints.txt\n');
  await writeFile(path.join(dir, 'reqs/base.txt'), 'six\n');
  await writeFile(path.join(dir, 'constraints.txt'), 'six==1.16.0\n');
  await writeFile(path.join(dir, 'uv.lock'), 'version = 1\n');
  await writeFile(path.join(dir, 'pylock.api.toml'), 'lock-version = "1.0"\n');
  const snapshot = await readProjectSnapshot(path.join(dir, 'pyproject.toml'));
  expect(snapshot.files.get('reqs/base.txt')).toBe('six\n');
  expect(snapshot.files.get('constraints.txt')).toBe('six==1.16.0\n');
  expect(snapshot.files.get('uv.lock')).toBe('version = 1\n');
  expect(snapshot.files.get('pylock.api.toml')).toBe('lock-version = "1.0"\n');
  expect(snapshot.files.get('poetry.lock')).toBeNull();
});
