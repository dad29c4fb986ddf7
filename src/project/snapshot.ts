import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { referencedFiles } from '../core/index.js';
import type { ProjectSnapshot } from '../core/index.js';

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
  for (const relative of referencedFiles(pyprojectText)) {
    files.set(relative, await readOptional(path.join(dir, relative)));
  }
  return { pyprojectPath, pyprojectText, files };
}

async function readOptional(file: string): Promise<string | null> {
  try {
    return await readFile(file, 'utf8');
  } catch {
    return null;
  }
}
