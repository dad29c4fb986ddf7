/**
 * Writes the JSON Schemas generated from the key table (src/compiler/resolve/keys.ts) into
 * schema/: `npm run schema` after a change to the table; `--check` exits 1 when a committed file
 * is stale (the unit test schema.test.ts checks the same).
 */
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { schemaFiles } from './schemaFiles.js';

const root = path.resolve(import.meta.dirname, '..');
const check = process.argv.includes('--check');
let stale = 0;
for (const [file, text] of Object.entries(await schemaFiles())) {
  const target = path.join(root, file);
  const current = await readFile(target, 'utf8').catch(() => null);
  if (current === text) continue;
  if (check) {
    console.error(`${file} is stale: run \`npm run schema\``);
    stale++;
  } else {
    await writeFile(target, text);
    console.log(`${file} written`);
  }
}
process.exit(stale > 0 ? 1 : 0);
