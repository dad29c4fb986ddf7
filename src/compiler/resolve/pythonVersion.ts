import { satisfies, validRange } from '@renovatebot/pep440';
import type { PyprojectDocument } from '../pyproject/document.js';
import type { ProjectMetadata } from '../pyproject/projectMetadata.js';
import { ConfigError, type SourceLocation } from '../model/errors.js';

/**
 * The CPython minor versions with official `python:X.Y` images, newest last, each with the newest
 * patch release microb knows of: the one list every version is checked against (update it with
 * each CPython release). A patch above it is refused: `python:3.14.99` does not exist.
 */
export const PYTHON_RELEASES = [
  ['3.9', 25],
  ['3.10', 19],
  ['3.11', 14],
  ['3.12', 12],
  ['3.13', 9],
  ['3.14', 0],
] as const satisfies readonly (readonly [string, number])[];
export const SUPPORTED_PYTHONS = PYTHON_RELEASES.map(([minor]) => minor);
const NEWEST_PATCH = new Map<string, number>(PYTHON_RELEASES);
const VERSION = /^3(\.(0|[1-9]\d?)){0,2}$/;
const FREE_THREADED = /^(3\.\d+(?:\.\d+)?)(t|[+-]freethreaded)$/;

export interface ResolvedPython {
  readonly version: string;
  /** `file:line:col: warning: …` lines with their hint (a patch pin). */
  readonly warnings: readonly string[];
}

/** Why `version` ("3", "3.11", "3.11.4") has no official image, with a hint; undefined when it has one. */
export function unavailablePython(version: string): { problem: string; hint: string } | undefined {
  const freeThreaded = FREE_THREADED.exec(version);
  if (freeThreaded)
    return {
      problem: `free-threaded CPython ${version} has no official python image`,
      hint: `write "${freeThreaded[1] ?? ''}" for the standard build; a free-threaded image needs a base image of your own`,
    };
  if (!VERSION.test(version))
    return {
      problem: `invalid Python version ${JSON.stringify(version)}`,
      hint: 'write "3.12" (or "3.12.4")',
    };
  if (version === '3') return undefined;
  const [major, minor, patch] = version.split('.');
  const newest = NEWEST_PATCH.get(`${major}.${minor}`);
  if (newest === undefined)
    return {
      problem: `Python ${version} has no official image microb supports`,
      hint: `use one of ${SUPPORTED_PYTHONS.join(', ')}`,
    };
  if (patch !== undefined && Number(patch) > newest)
    return {
      problem: `Python ${version} is not a CPython release (the newest ${major}.${minor} is ${major}.${minor}.${newest})`,
      hint: `write "${major}.${minor}" to follow its newest patch release`,
    };
  return undefined;
}

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
export function resolvePythonVersion(sources: PythonVersionSources): ResolvedPython {
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
    const at = ['tool', 'microb', 'target', target, 'python_version'];
    const unavailable = unavailablePython(value);
    if (unavailable) throw doc.error(at, unavailable.problem, unavailable.hint);
    if (!fits(value)) {
      throw doc.error(
        at,
        `python_version "${value}" does not satisfy requires-python "${requires?.spec}"`,
        `pick a version allowed by requires-python (${describeAllowed(requires?.spec)})`,
      );
    }
    return { version: value, warnings: patchPin(value, () => ({ file: doc.file, ...doc.position(at) })) };
  }
  if (sources.pythonVersionFile) {
    const { text, path } = sources.pythonVersionFile;
    const lines = text.split(/\r?\n/);
    const index = lines.findIndex((l) => l.trim() !== '' && !l.trim().startsWith('#'));
    const raw = (lines[index] ?? '').trim().replace(/^(cpython-|python)/, '');
    const location = { file: path, line: index + 1, column: 1 };
    const unavailable = unavailablePython(raw);
    if (unavailable) {
      const invalid = !VERSION.test(raw) && !FREE_THREADED.test(raw);
      throw new ConfigError(
        location,
        '.python-version',
        invalid
          ? `unsupported version ${JSON.stringify(raw.slice(0, 40))} in .python-version`
          : unavailable.problem,
        invalid ? 'write a CPython version such as 3.12 or 3.12.4' : unavailable.hint,
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
    return { version: raw, warnings: patchPin(raw, () => location) };
  }
  const newest = [...SUPPORTED_PYTHONS].reverse().find(fits);
  if (!newest) {
    throw doc.error(
      requires?.path ?? ['project'],
      `no supported Python (${SUPPORTED_PYTHONS.join(', ')}) satisfies requires-python "${requires?.spec}"`,
      'widen requires-python or set python_version in the target',
    );
  }
  return { version: newest, warnings: [] };
}

/** A patch pin keeps the image on that release, without later security fixes: say so. */
function patchPin(version: string, where: () => SourceLocation): string[] {
  const parts = version.split('.');
  if (parts.length !== 3) return [];
  // located only when there is something to say: the source map is built lazily
  const location = where();
  const minor = `${parts[0]}.${parts[1]}`;
  return [
    `${location.file}:${location.line}:${location.column}: warning: Python ${version} pins a patch release: the image keeps it, without the security fixes of later ${minor} releases\n  hint: write "${minor}" to follow the newest ${minor} release`,
  ];
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
