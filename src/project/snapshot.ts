import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { MAX_REQUIREMENTS_FILES, nestedRequirementFiles } from '../config/lock/requirementsFiles.js';
import { referencedFiles } from '../core/index.js';
import type { EntryKind, ProjectSnapshot } from '../core/index.js';

/** The error for a pyproject that can't be read: the shells print it without a stack trace. */
export class ProjectReadError extends Error {
  override readonly name = 'ProjectReadError';
}

/** Read a pyproject and the files beside it that its configuration refers to. */
export async function readProjectSnapshot(pyprojectPath: string): Promise<ProjectSnapshot> {
  let pyprojectText: string;
  try {
    pyprojectText = await readFile(pyprojectPath, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why =
      code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : String(code ?? error);
    throw new ProjectReadError(
      `${pyprojectPath}: error: cannot read the pyproject (${why})\n  hint: pass the path with --file (default: ./pyproject.toml)`,
    );
  }
  const dir = path.dirname(pyprojectPath);
  const files = new Map<string, string | null>();
  const queue = referencedFiles(pyprojectText);
  // requirements files may pull in others (-r/-c, relative to their own directory): read those too
  for (let i = 0; i < queue.length && i < MAX_REQUIREMENTS_FILES + 16; i++) {
    const relative = queue[i] as string;
    if (files.has(relative)) continue;
    const text = await readOptional(path.join(dir, relative));
    files.set(relative, text);
    if (
      text !== null &&
      !relative.startsWith('.') &&
      !relative.endsWith('.lock') &&
      !relative.endsWith('.toml')
    )
      queue.push(...nestedRequirementFiles(relative, text).filter((f) => !files.has(f)));
  }
  const layout = new Map([...(await listEntries(dir, '')), ...(await listEntries(dir, 'src'))]);
  // PEP 751 named locks (pylock.<name>.toml) can't be listed by name up front: read those present
  for (const [relative, kind] of layout)
    if (kind === 'file' && /^pylock\.[^./]+\.toml$/.test(relative) && !files.has(relative))
      files.set(relative, await readOptional(path.join(dir, relative)));
  return { pyprojectPath, pyprojectText, files, layout };
}

/** The entries of `dir/sub` (not hidden ones) as `sub/name` → kind; none if it is not a directory. */
async function listEntries(dir: string, sub: string): Promise<[string, EntryKind][]> {
  let entries;
  try {
    entries = await readdir(path.join(dir, sub), { withFileTypes: true });
  } catch {
    return [];
  }
  const out: [string, EntryKind][] = [];
  for (const entry of entries.filter((e) => !e.name.startsWith('.'))) {
    const relative = sub === '' ? entry.name : `${sub}/${entry.name}`;
    let kind: EntryKind = 'other';
    if (entry.isFile()) kind = 'file';
    else if (entry.isDirectory())
      kind = (await isFile(path.join(dir, relative, '__init__.py'))) ? 'package' : 'dir';
    out.push([relative, kind]);
  }
  return out.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

async function isFile(file: string): Promise<boolean> {
  try {
    return (await stat(file)).isFile();
  } catch {
    return false;
  }
}

async function readOptional(file: string): Promise<string | null> {
  try {
    return await readFile(file, 'utf8');
  } catch {
    return null;
  }
}
