/**
 * The one reader and the one writer of project files. On a pull request every file beside the
 * pyproject is the PR author's, and git happily commits symlinks and (in a prepared checkout)
 * FIFOs: a `.python-version` linked to /proc/self/environ, a requirements file that is a FIFO,
 * /dev/zero or /proc/self/fd/1, a `.microb/app.Dockerfile` linked to ~/.npmrc.
 *
 * Reading: a path from the pyproject is checked before anything is read — relative, inside the
 * project directory after resolving every symlink of its directories, the file itself not a
 * symlink (lstat), a regular file, at most 1 MiB — then opened with O_NOFOLLOW|O_NONBLOCK (a FIFO
 * can't block the open), checked again on the open descriptor (fstat) and read with a bound.
 * An error names the file and what is wrong with it, never what it holds.
 *
 * Writing: into the project's real `.microb/` directory (never a symlink), each file written to
 * a fresh name (O_CREAT|O_EXCL|O_NOFOLLOW) and renamed over the old one. rename(2) replaces a
 * symlink itself instead of following it, so a committed link is swapped for the generated file
 * and whatever it pointed at is never opened. (The other choice, generated files in RUNNER_TEMP,
 * would hide them from the workspace, where PR checks and `git diff` look at them.)
 */
import { constants } from 'node:fs';
import { lstat, mkdir, open, realpath, rename, rm } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import path from 'node:path';

/** Every project file microb reads (pyproject included) is at most this big. */
const MAX_PROJECT_FILE_BYTES = 1024 * 1024;

/** A project file that can't be read safely: the shells print it without a stack trace. */
export class ProjectReadError extends Error {
  override readonly name = 'ProjectReadError';
}

/** A generated file that can't be written safely. */
export class ProjectWriteError extends Error {
  override readonly name = 'ProjectWriteError';
}

const code = (e: unknown): string | undefined => (e as NodeJS.ErrnoException | undefined)?.code;
const inside = (root: string, p: string): boolean => {
  const rel = path.relative(root, p);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
};

/** The project directory: as named (for messages and outputs) and with every symlink resolved. */
export interface ProjectRoot {
  readonly dir: string;
  readonly real: string;
}

/**
 * The project directory must itself be reached without a symlink committed in the workspace
 * (a PR can turn `app/` into a link to anywhere): every component from GITHUB_WORKSPACE down is
 * lstat'ed. Above the workspace, the path is the workflow's own choice.
 */
export async function projectRoot(dir: string, fail: (why: string) => Error): Promise<ProjectRoot> {
  const root = await findProjectRoot(dir, fail);
  if (root === null) throw fail(`the project directory ${path.resolve(dir)} does not exist`);
  return root;
}

/** projectRoot, or null when the directory does not exist. */
export async function findProjectRoot(
  dir: string,
  fail: (why: string) => Error,
): Promise<ProjectRoot | null> {
  const abs = path.resolve(dir);
  const workspace = process.env.GITHUB_WORKSPACE ? path.resolve(process.env.GITHUB_WORKSPACE) : undefined;
  if (workspace && inside(workspace, abs) && abs !== workspace) {
    let at = workspace;
    for (const part of path.relative(workspace, abs).split(path.sep)) {
      at = path.join(at, part);
      const st = await lstat(at).catch(() => undefined);
      if (st?.isSymbolicLink()) {
        throw fail(
          `${path.relative(workspace, at)} is a symlink (microb reads and writes a project only through real directories)`,
        );
      }
    }
  }
  try {
    return { dir: abs, real: await realpath(abs) };
  } catch (e) {
    if (code(e) === 'ENOENT' || code(e) === 'ENOTDIR') return null;
    throw fail(`cannot open the project directory ${abs} (${code(e) ?? String(e)})`);
  }
}

/** `"name"`: a project-chosen name shown with its control characters escaped. */
const shown = (name: string): string => JSON.stringify(name);

/**
 * Where the project file `relative` (as written in the pyproject) is, or null when it does not
 * exist. Throws ProjectReadError when it is not a file microb may read.
 */
export async function checkProjectFile(
  root: ProjectRoot,
  relative: string,
  fail: (why: string) => Error,
): Promise<string | null> {
  if (relative === '' || relative.includes('\0')) throw fail(`${shown(relative)} is not a valid file name`);
  if (path.isAbsolute(relative)) {
    throw fail(
      `${shown(relative)} is an absolute path, outside the project directory: name a file inside it`,
    );
  }
  const abs = path.resolve(root.real, relative);
  if (!inside(root.real, abs)) throw fail(`${shown(relative)} is outside the project directory`);
  let parent: string;
  try {
    parent = await realpath(path.dirname(abs));
  } catch (e) {
    if (code(e) === 'ENOENT' || code(e) === 'ENOTDIR') return null;
    throw fail(`${shown(relative)} cannot be looked up (${code(e) ?? String(e)})`);
  }
  if (!inside(root.real, parent)) {
    throw fail(`${shown(relative)} is outside the project directory (a directory on its way is a symlink)`);
  }
  const file = path.join(parent, path.basename(abs));
  let st;
  try {
    st = await lstat(file);
  } catch (e) {
    if (code(e) === 'ENOENT' || code(e) === 'ENOTDIR') return null;
    throw fail(`${shown(relative)} cannot be looked up (${code(e) ?? String(e)})`);
  }
  if (st.isSymbolicLink()) throw fail(`${shown(relative)} is a symlink: commit the file itself`);
  if (!st.isFile()) throw fail(`${shown(relative)} is not a regular file`);
  if (st.size > MAX_PROJECT_FILE_BYTES) throw fail(`${shown(relative)} is larger than 1 MiB`);
  return file;
}

/**
 * A regular file, at most 1 MiB, read without following a symlink and without blocking on a
 * FIFO or a device; `name` is how errors show it.
 */
export async function readRegularFile(
  file: string,
  name: string,
  fail: (why: string) => Error,
): Promise<string> {
  let handle;
  try {
    handle = await open(file, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK);
  } catch (e) {
    if (code(e) === 'ELOOP') throw fail(`${shown(name)} is a symlink: commit the file itself`);
    if (code(e) === 'ENOENT') throw fail(`${shown(name)} does not exist`);
    if (code(e) === 'EISDIR') throw fail(`${shown(name)} is a directory`);
    throw fail(`${shown(name)} cannot be opened (${code(e) ?? String(e)})`);
  }
  try {
    const st = await handle.stat();
    if (!st.isFile()) throw fail(`${shown(name)} is not a regular file`);
    if (st.size > MAX_PROJECT_FILE_BYTES) throw fail(`${shown(name)} is larger than 1 MiB`);
    // the size can change between fstat and read: read one byte past the cap to know
    const buffer = Buffer.alloc(MAX_PROJECT_FILE_BYTES + 1);
    let length = 0;
    for (;;) {
      const { bytesRead } = await handle.read(buffer, length, buffer.length - length, null);
      if (bytesRead === 0) break;
      length += bytesRead;
      if (length > MAX_PROJECT_FILE_BYTES) throw fail(`${shown(name)} is larger than 1 MiB`);
    }
    return buffer.subarray(0, length).toString('utf8');
  } finally {
    await handle.close();
  }
}

/**
 * Writes `content` as `<project>/<dirName>/<fileName>` (both single names), never through a
 * symlink; returns the path as seen from `root.dir`.
 */
export async function writeGeneratedFile(
  root: ProjectRoot,
  dirName: string,
  fileName: string,
  content: string,
): Promise<string> {
  for (const name of [dirName, fileName]) {
    if (name === '' || name === '.' || name === '..' || /[/\\\0]/.test(name)) {
      throw new ProjectWriteError(`cannot write ${shown(name)}: not a single file name`);
    }
  }
  const realDir = path.join(root.real, dirName);
  const shownDir = path.join(root.dir, dirName);
  const st = await lstat(realDir).catch((e: unknown) => {
    if (code(e) === 'ENOENT') return undefined;
    throw e;
  });
  if (st === undefined) {
    await mkdir(realDir).catch((e: unknown) => {
      if (code(e) !== 'EEXIST') throw e;
    });
    const again = await lstat(realDir);
    if (!again.isDirectory() || again.isSymbolicLink())
      throw new ProjectWriteError(`${shownDir} is not a directory`);
  } else if (st.isSymbolicLink()) {
    throw new ProjectWriteError(
      `${shownDir} is a symlink: microb writes generated files only into a real ${dirName} directory; remove the link`,
    );
  } else if (!st.isDirectory()) {
    throw new ProjectWriteError(
      `${shownDir} is not a directory: remove it, microb writes its generated files there`,
    );
  }
  const temp = path.join(realDir, `.${fileName}.${randomBytes(6).toString('hex')}.tmp`);
  const handle = await open(
    temp,
    constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW,
    0o644,
  );
  try {
    try {
      await handle.writeFile(content);
    } finally {
      await handle.close();
    }
    await rename(temp, path.join(realDir, fileName));
  } catch (e) {
    await rm(temp, { force: true });
    if (code(e) === 'EISDIR' || code(e) === 'ENOTEMPTY' || code(e) === 'EEXIST')
      throw new ProjectWriteError(`${path.join(shownDir, fileName)} is a directory: remove it`);
    throw e;
  }
  return path.join(shownDir, fileName);
}
