import {
  compile,
  ConfigError,
  type CompileOptions,
  type CompileResult,
} from '../../../src/compiler/index.js';

/** A snapshot from inline text, as the shells would read it. */
export function snapshot(pyproject: string, files: Record<string, string> = {}) {
  return {
    pyprojectPath: 'proj/pyproject.toml',
    pyprojectText: pyproject,
    files: new Map<string, string | null>([
      ['.python-version', null],
      ['.dockerignore', null],
      ...Object.entries(files),
    ]),
  };
}

export function compileText(
  pyproject: string,
  options: CompileOptions = {},
  files: Record<string, string> = {},
): CompileResult {
  return compile(snapshot(pyproject, files), options);
}

/** The ConfigError compile throws, or a failure naming what it returned instead. */
export function configError(
  pyproject: string,
  options: CompileOptions = {},
  files: Record<string, string> = {},
): ConfigError {
  try {
    compileText(pyproject, options, files);
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('expected a ConfigError, but compile succeeded');
}

export const PROJECT = `[project]
name = "app"
version = "1.0"
requires-python = ">=3.11,<3.12"
`;
