import { satisfies, validRange } from '@renovatebot/pep440';
import type { PyprojectDocument } from './document.js';
import type { ProjectMetadata } from './projectMetadata.js';
import { ConfigError } from '../core/errors.js';

/** The CPython minor versions with official images, newest last. */
export const SUPPORTED_PYTHONS = ['3.9', '3.10', '3.11', '3.12', '3.13', '3.14'] as const;
const VERSION = /^3(\.(0|[1-9]\d?)){0,2}$/;

export interface PythonVersionSources {
  readonly doc: PyprojectDocument;
  readonly metadata: ProjectMetadata;
  /** The target's `python_version`, and the target name for the error path. */
  readonly targetVersion?: { readonly value: string; readonly target: string };
  /** Contents of `.python-version` beside the pyproject, and its display path. */
  readonly pythonVersionFile?: { readonly text: string; readonly path: string };
}

/**
 * The target's python_version, else `.python-version`, else the newest supported CPython that
 * satisfies requires-python. A version that violates requires-python is an error.
 */
export function resolvePythonVersion(sources: PythonVersionSources): string {
  const { doc, metadata } = sources;
  const requires = metadata.requiresPython;
  if (requires && !memo(`valid\u0000${requires.spec}`, () => validRange(requires.spec))) {
    throw doc.error(
      requires.path,
      `invalid requires-python "${requires.spec}"`,
      'a PEP 440 specifier set, e.g. ">=3.10,<3.13"',
    );
  }
  const fits = (version: string) => !requires || someRelease(version, requires.spec);

  if (sources.targetVersion) {
    const { value, target } = sources.targetVersion;
    if (!fits(value)) {
      throw doc.error(
        ['tool', 'microb', 'target', target, 'python_version'],
        `python_version "${value}" does not satisfy requires-python "${requires?.spec}"`,
        `pick a version allowed by requires-python (${describeAllowed(requires?.spec)})`,
      );
    }
    return value;
  }
  if (sources.pythonVersionFile) {
    const { text, path } = sources.pythonVersionFile;
    const lines = text.split(/\r?\n/);
    const index = lines.findIndex((l) => l.trim() !== '' && !l.trim().startsWith('#'));
    const raw = (lines[index] ?? '').trim().replace(/^(cpython-|python)/, '');
    const location = { file: path, line: index + 1, column: 1 };
    if (!VERSION.test(raw)) {
      throw new ConfigError(
        location,
        '.python-version',
        `unsupported version ${JSON.stringify(raw)} in .python-version`,
        'write a CPython version such as 3.12 or 3.12.4',
      );
    }
    if (!fits(raw)) {
      throw new ConfigError(
        location,
        '.python-version',
        `.python-version says ${raw}, which does not satisfy requires-python "${requires?.spec}"`,
        `change one of them (${describeAllowed(requires?.spec)})`,
      );
    }
    return raw;
  }
  const newest = [...SUPPORTED_PYTHONS].reverse().find(fits);
  if (!newest) {
    throw doc.error(
      requires?.path ?? ['project'],
      `no supported Python (${SUPPORTED_PYTHONS.join(', ')}) satisfies requires-python "${requires?.spec}"`,
      'widen requires-python or set python_version in the target',
    );
  }
  return newest;
}

/** True when some release of `version` ("3", "3.11" or "3.11.4") satisfies the specifier set. */
function someRelease(version: string, spec: string): boolean {
  // asked once per target with the same few versions: check each pair once (bounded memo)
  return memo(`${version}\u0000${spec}`, () => anyRelease(version, spec));
}

/** Answers about the same few versions and specifiers, asked once per target: a bounded memo. */
const answers = new Map<string, boolean>();
function memo(key: string, compute: () => boolean): boolean {
  const known = answers.get(key);
  if (known !== undefined) return known;
  if (answers.size > 1000) answers.clear();
  const answer = compute();
  answers.set(key, answer);
  return answer;
}

function anyRelease(version: string, spec: string): boolean {
  const parts = version.split('.');
  if (parts.length === 3) return satisfies(version, spec);
  const minors = parts.length === 2 ? [parts[1] ?? '0'] : Array.from({ length: 20 }, (_, i) => String(i));
  return minors.some((minor) =>
    Array.from({ length: 40 }, (_, patch) => `3.${minor}.${patch}`).some((v) => satisfies(v, spec)),
  );
}

function describeAllowed(spec: string | undefined): string {
  const allowed = SUPPORTED_PYTHONS.filter((v) => spec === undefined || someRelease(v, spec));
  return allowed.length > 0
    ? `supported and allowed: ${allowed.join(', ')}`
    : 'no supported version is allowed';
}
