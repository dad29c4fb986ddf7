import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { GOLDEN_CASES } from '../../examples.js';
import { compile } from '../../../src/compiler/index.js';
import { readProjectSnapshot } from '../../../src/workspace/snapshot.js';

const root = path.resolve(import.meta.dirname, '../../..');

describe('golden Dockerfiles of the bundled examples', () => {
  for (const c of GOLDEN_CASES) {
    it(`${c.name} matches __tests__/golden/${c.name}.Dockerfile byte for byte, every time`, async () => {
      const snapshot = await readProjectSnapshot(path.join(root, 'examples', c.example, 'pyproject.toml'));
      const options = {
        ...(c.target && { target: c.target }),
        ...(c.buildArgs && { buildArgs: c.buildArgs }),
      };
      const first = compile(snapshot, options).dockerfile;
      const second = compile(snapshot, options).dockerfile;
      expect(second).toBe(first);
      const golden = await readFile(path.join(root, '__tests__/golden', `${c.name}.Dockerfile`), 'utf8');
      expect(first, 'run `npx tsx scripts/update-golden.ts` after an intended change').toBe(golden);
    });
  }
});
