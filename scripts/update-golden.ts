/**
 * Rewrites __tests__/golden/*.Dockerfile from the bundled examples. Run after an intended change
 * to the generated Dockerfile (`npx tsx scripts/update-golden.ts`) and review the diff.
 */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { GOLDEN_CASES } from '../__tests__/examples.js';
import { compile } from '../src/compiler/index.js';
import { readProjectSnapshot } from '../src/workspace/snapshot.js';

const root = path.resolve(import.meta.dirname, '..');
for (const c of GOLDEN_CASES) {
  const snapshot = await readProjectSnapshot(path.join('examples', c.example, 'pyproject.toml'));
  const result = compile(snapshot, {
    ...(c.target && { target: c.target }),
    ...(c.buildArgs && { buildArgs: c.buildArgs }),
  });
  await writeFile(path.join(root, '__tests__/golden', `${c.name}.Dockerfile`), result.dockerfile);
  console.log(`${c.name}: ${result.target} (${result.dockerfile.split('\n').length} lines)`);
}
