import { lstat, readdir } from 'node:fs/promises';
import path from 'node:path';
import { MAX_REQUIREMENTS_FILES, nestedRequirementFiles, referencedFiles } from '../compiler/index.js';
import type { EntryKind, ProjectSnapshot } from '../compiler/index.js';
import {
  checkProjectFile,
  ProjectReadError,
  findProjectRoot,
  readRegularFile,
  type ProjectRoot,
} from './safeFs.js';

export { ProjectReadError } from './safeFs.js';

const HINT = 'microb reads only regular files of at most 1 MiB inside the project directory';

/**
 * Read a pyproject and the files beside it that its configuration refers to, through the safe
 * reader (safeFs.ts): every referenced path of every target is checked before any is read.
 */
export async function readProjectSnapshot(pyprojectPath: string): Promise<ProjectSnapshot> {
  const fail = (why: string) => new ProjectReadError(`${pyprojectPath}: error: ${why}\n  hint: ${HINT}`);
  const root = await findProjectRoot(path.dirname(pyprojectPath), fail);
  const pyprojectName = path.basename(pyprojectPath);
  const pyprojectFile = root && (await checkProjectFile(root, pyprojectName, fail));
  if (!root || pyprojectFile === null) {
    throw new ProjectReadError(
      `${pyprojectPath}: error: cannot read the pyproject (no such file)\n  hint: pass the path with --file (default: ./pyproject.toml)`,
    );
  }
  const pyprojectText = await readRegularFile(pyprojectFile, pyprojectName, fail);

  const referenced = referencedFiles(pyprojectText);
  const checked: [string, string | null][] = [];
  for (const relative of referenced) checked.push([relative, await checkProjectFile(root, relative, fail)]);
  const files = new Map<string, string | null>();
  // requirements files may pull in others (-r/-c, relative to their own directory): each one is
  // checked when it is found, and one the reader refuses is left unread (null) for the compiler
  // to report at the line that names it
  const queue = [...checked];
  for (let i = 0; i < queue.length && i < referenced.length + MAX_REQUIREMENTS_FILES + 16; i++) {
    const [relative, file] = queue[i] as [string, string | null];
    if (files.has(relative)) continue;
    const text = file === null ? null : await readRegularFile(file, relative, fail);
    files.set(relative, text);
    if (text === null || relative.startsWith('.') || relative.endsWith('.lock') || relative.endsWith('.toml'))
      continue;
    for (const nested of nestedRequirementFiles(relative, text)) {
      if (files.has(nested)) continue;
      let found: string | null;
      try {
        found = await checkProjectFile(root, nested, fail);
      } catch (error) {
        if (!(error instanceof ProjectReadError)) throw error;
        found = null;
      }
      queue.push([nested, found]);
    }
  }
  const layout = new Map([...(await listEntries(root, '')), ...(await listEntries(root, 'src'))]);
  // PEP 751 named locks (pylock.<name>.toml) can't be listed by name up front: read those present
  for (const [relative, kind] of layout) {
    if (kind !== 'file' || !/^pylock\.[^./]+\.toml$/.test(relative) || files.has(relative)) continue;
    const file = await checkProjectFile(root, relative, fail);
    files.set(relative, file === null ? null : await readRegularFile(file, relative, fail));
  }
  return { pyprojectPath, pyprojectText, files, layout };
}

/**
 * The entries of `root/sub` (not hidden ones) as `sub/name` → kind; none if it is not a real
 * directory (a symlinked `src` is not followed). A symlink entry is `other`.
 */
async function listEntries(root: ProjectRoot, sub: string): Promise<[string, EntryKind][]> {
  const dir = path.join(root.real, sub);
  let entries;
  try {
    if (!(await lstat(dir)).isDirectory()) return [];
    entries = await readdir(dir, { withFileTypes: true });
  } catch {
    return [];
  }
  const out: [string, EntryKind][] = [];
  for (const entry of entries.filter((e) => !e.name.startsWith('.'))) {
    const relative = sub === '' ? entry.name : `${sub}/${entry.name}`;
    let kind: EntryKind = 'other';
    if (entry.isFile()) kind = 'file';
    else if (entry.isDirectory())
      kind = (await isRegularFile(path.join(root.real, relative, '__init__.py'))) ? 'package' : 'dir';
    out.push([relative, kind]);
  }
  return out.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

async function isRegularFile(file: string): Promise<boolean> {
  try {
    return (await lstat(file)).isFile();
  } catch {
    return false;
  }
}
