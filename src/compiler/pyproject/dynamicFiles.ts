/**
 * `[tool.setuptools.dynamic] dependencies = { file = […] }` (and `optional-dependencies`): the
 * pyproject says where setuptools reads the dependencies from, so the compiler reads the same
 * files and the deps stage installs them like static ones (cached, no backend needed).
 *
 * The lines are read the way setuptools reads them: one requirement per line, blank lines and
 * `#` comments skipped. pip options (`-r`, `-e`, `--index-url`) are not requirements: setuptools
 * fails on them, so does this, at the file's line. Not pip's requirements format (no options, no
 * backslash continuations), so not lock/requirementsLines.ts's reader: this file is setuptools'.
 */
import { CREDENTIAL_HINT, findUrlCredential } from '../model/credentials.js';
import { ConfigError } from '../model/errors.js';
import type { ProjectSnapshot } from '../model/types.js';
import { isTable, type PyprojectDocument } from './document.js';
import { formatRequirement, parseRequirement, Pep508Error } from './pep508.js';
import type { ProjectMetadata } from './projectMetadata.js';
import { MAX_REQUIREMENTS, MAX_VALUE_BYTES } from './limits.js';
import type { KeyPath } from './sourceMap.js';

const DYNAMIC: KeyPath = ['tool', 'setuptools', 'dynamic'];
const SAFE_RELATIVE_PATH = /^(?!\/)(?!.*(^|\/)\.\.(\/|$))[A-Za-z0-9_@%+=:./-]+$/;
// eslint-disable-next-line no-control-regex -- looking for control characters on purpose
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f]/;

/** `{ file = "a" }` / `{ file = ["a", "b"] }` → the paths; anything else → undefined. */
function filesOf(value: unknown): string[] | undefined {
  if (!isTable(value)) return undefined;
  const file = value.file;
  if (typeof file === 'string') return [file];
  if (Array.isArray(file) && file.every((f) => typeof f === 'string')) return file as string[];
  return undefined;
}

const SETUPTOOLS_BACKENDS = new Set([undefined, 'setuptools.build_meta', 'setuptools.build_meta:__legacy__']);

/** One `{ file = … }` of `[tool.setuptools.dynamic]`: where it is written, and its paths (undefined: not a file list). */
interface FileSource {
  readonly path: KeyPath;
  readonly files: readonly string[] | undefined;
}

/**
 * What `[tool.setuptools.dynamic]` says setuptools reads the dynamic dependencies from, in a
 * setuptools project that declares them dynamic; undefined when there is nothing to read.
 * `withDynamicFromFiles` reads these, `dynamicDependencyFiles` lists them for the snapshot.
 */
function dynamicSources(
  doc: PyprojectDocument,
  metadata: ProjectMetadata,
): { dependencies?: FileSource; optional?: readonly (FileSource & { group: string })[] } | undefined {
  if (metadata.source !== 'pep621' || !SETUPTOOLS_BACKENDS.has(metadata.buildSystem.backend))
    return undefined;
  const table = doc.get(DYNAMIC);
  if (!isTable(table)) return undefined;
  const optional = table['optional-dependencies'];
  return {
    ...(metadata.dynamic.includes('dependencies') && {
      dependencies: { path: [...DYNAMIC, 'dependencies'], files: filesOf(table.dependencies) },
    }),
    ...(metadata.dynamic.includes('optional-dependencies') &&
      isTable(optional) && {
        optional: Object.entries(optional).map(([group, value]) => ({
          group,
          path: [...DYNAMIC, 'optional-dependencies', group],
          files: filesOf(value),
        })),
      }),
  };
}

/**
 * Every file `withDynamicFromFiles` reads, for the snapshot reader; an unsafe path is left out
 * (compile refuses it at its pyproject line).
 */
export function dynamicDependencyFiles(doc: PyprojectDocument, metadata: ProjectMetadata): string[] {
  const sources = dynamicSources(doc, metadata);
  if (sources === undefined) return [];
  return [sources.dependencies, ...(sources.optional ?? [])]
    .flatMap((source) => source?.files ?? [])
    .filter((f) => SAFE_RELATIVE_PATH.test(f));
}

/**
 * The metadata with `dependencies` / `optional-dependencies` read from the files setuptools reads
 * them from, and taken out of `dynamic`. Unchanged when the pyproject does not say where they are.
 */
export function withDynamicFromFiles(
  doc: PyprojectDocument,
  metadata: ProjectMetadata,
  snapshot: ProjectSnapshot,
): ProjectMetadata {
  const sources = dynamicSources(doc, metadata);
  if (sources === undefined) return metadata;
  let { dependencies, dynamic } = metadata;
  const optionalDependencies = new Map(metadata.optionalDependencies);
  const read = ({ path, files }: FileSource): string[] | undefined =>
    files && files.flatMap((file) => readRequirementsFile(doc, snapshot, path, file));
  const listed = sources.dependencies && read(sources.dependencies);
  if (listed) {
    dependencies = listed;
    dynamic = dynamic.filter((d) => d !== 'dependencies');
  }
  if (sources.optional !== undefined) {
    const groups = sources.optional.map((source) => [source.group, read(source)] as const);
    if (groups.every(([, files]) => files !== undefined)) {
      for (const [group, files] of groups) optionalDependencies.set(group, files ?? []);
      dynamic = dynamic.filter((d) => d !== 'optional-dependencies');
    }
  }
  if (dynamic === metadata.dynamic) return metadata;
  return { ...metadata, dependencies, optionalDependencies, dynamic };
}

function readRequirementsFile(
  doc: PyprojectDocument,
  snapshot: ProjectSnapshot,
  path: KeyPath,
  file: string,
): string[] {
  if (!SAFE_RELATIVE_PATH.test(file))
    throw doc.error(
      [...path, 'file'],
      `unsupported dependency file path ${JSON.stringify(file)}`,
      'a relative path inside the project, without spaces or ".."',
    );
  const text = snapshot.files.get(file);
  if (text == null)
    throw doc.error(
      [...path, 'file'],
      `dependency file "${file}" does not exist`,
      'the path is relative to the pyproject.toml, as setuptools reads it',
    );
  const shown = siblingPath(snapshot.pyprojectPath, file);
  const out: string[] = [];
  text.split('\n').forEach((raw, i) => {
    const line = raw.replace(/\r$/, '');
    const at = (column: number, problem: string, hint: string) =>
      new ConfigError({ file: shown, line: i + 1, column }, `${path.join('.')}.file`, problem, hint);
    if (CONTROL.test(line))
      throw at(
        line.search(CONTROL) + 1,
        'a control character in a dependency line',
        'one requirement per line',
      );
    const requirement = line.replace(/(^|\s)#.*$/, '').trim();
    if (requirement === '') return;
    const start = line.indexOf(requirement);
    if (requirement.startsWith('-'))
      throw at(
        start + 1,
        `${JSON.stringify((requirement.split(/\s/)[0] ?? '').slice(0, 40))} is a pip option, not a requirement (setuptools reads only requirements here)`,
        'list requirements only; for a pip requirements file with options use the target key `requirements`',
      );
    if (Buffer.byteLength(requirement, 'utf8') > MAX_VALUE_BYTES)
      throw at(start + 1, `a requirement longer than ${MAX_VALUE_BYTES} bytes`, 'one requirement per line');
    let parsed;
    try {
      parsed = parseRequirement(requirement);
    } catch (error) {
      if (error instanceof Pep508Error)
        throw at(start + error.offset + 1, `invalid requirement: ${error.problem}`, error.hint);
      throw error;
    }
    const credential = findUrlCredential(requirement);
    if (credential !== undefined)
      throw at(
        start + credential.index + 1,
        `a ${credential.scheme} URL contains credentials`,
        CREDENTIAL_HINT,
      );
    if (out.length >= MAX_REQUIREMENTS)
      throw at(1, `more than ${MAX_REQUIREMENTS} requirements`, 'a list this long belongs in a lock file');
    out.push(formatRequirement(parsed));
  });
  return out;
}

function siblingPath(pyprojectPath: string, name: string): string {
  const slash = pyprojectPath.lastIndexOf('/');
  return slash === -1 ? name : `${pyprojectPath.slice(0, slash + 1)}${name}`;
}
