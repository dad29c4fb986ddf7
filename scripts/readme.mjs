// Splices docs/*.md (and bench/results.md) into README.md between markers, so the front door
// shows every input, workflow and figure while each part is written, tested and reviewed in one
// place. `node scripts/readme.mjs` rewrites README.md; `--check` exits 1 when it is stale.
//
//   <!-- BEGIN docs/action.md (+1) -->  …  <!-- END docs/action.md -->
//
// "(+1)" demotes the spliced file's headings by one level; its first heading becomes the
// README section's title.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const readmePath = path.join(root, 'README.md');
const MARKER = /<!-- BEGIN (\S+)(?: \(\+(\d)\))? -->\n[\s\S]*?<!-- END \1 -->/g;

export function spliceReadme(readme, read = (file) => readFileSync(path.join(root, file), 'utf8')) {
  return readme.replace(MARKER, (_all, file, demote) => {
    const by = Number(demote ?? 0);
    let inFence = false;
    const body = read(file)
      .trimEnd()
      .split('\n')
      .map((line) => {
        if (/^(```|~~~)/.test(line)) inFence = !inFence;
        return !inFence && by > 0 && /^#{1,5} /.test(line) ? `${'#'.repeat(by)}${line}` : line;
      })
      .join('\n');
    return `<!-- BEGIN ${file}${demote ? ` (+${demote})` : ''} -->\n\n${body}\n\n<!-- END ${file} -->`;
  });
}

const current = readFileSync(readmePath, 'utf8');
const wanted = spliceReadme(current);
if (process.argv.includes('--check')) {
  if (wanted !== current) {
    console.error('README.md is stale: run `node scripts/readme.mjs`');
    process.exit(1);
  }
} else if (wanted !== current) {
  writeFileSync(readmePath, wanted);
  console.log('README.md updated');
}
