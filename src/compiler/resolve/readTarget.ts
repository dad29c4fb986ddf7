import type { Flavor } from '../model/types.js';
import { isTable } from '../pyproject/document.js';
import type { FieldReader } from '../pyproject/fields.js';
import { unavailablePython } from './pythonVersion.js';
import { readIndex } from '../pyproject/readIndex.js';
import { checkNoCredential } from '../pyproject/requirements.js';
import type { KeyPath } from '../pyproject/sourceMap.js';
import { closest } from '../pyproject/suggest.js';
import type { AddEntry, CopyEntry, KeyedTemplate, TargetConfig } from '../pyproject/targetConfig.js';
import { parseTemplate } from '../model/template.js';

const TARGET_KEYS = [
  'api_version',
  'python_version',
  'flavor',
  'build_deps',
  'system_deps',
  'env',
  'environment',
  'indices',
  'labels',
  'entrypoint',
  'command',
  'copy_files',
  'add_files',
  'copy_files_before_build',
  'add_files_before_build',
  'requirements',
  'extras',
  'install_project',
  'lock',
  'groups',
  'shell',
] as const;

const PYTHON_VERSION = /^3(\.(0|[1-9]\d?)){0,2}$/;
// Debian: name[:arch][=version]; Alpine: name[<>=~version]. Anything else is refused, not escaped.
const APT_PACKAGE = /^[a-z0-9][a-z0-9+.-]+(:[a-z0-9-]+)?(=[A-Za-z0-9.+~:-]+)?$/;
const APK_PACKAGE = /^[a-zA-Z0-9][a-zA-Z0-9+._-]*([<>=~]{1,2}[A-Za-z0-9._+-]+)?$/;
const ENV_KEY = /^[A-Za-z_][A-Za-z0-9_]*$/;
const LABEL_KEY = /^[A-Za-z0-9][A-Za-z0-9._/-]*$/;
const STAGE_OR_IMAGE = /^[A-Za-z0-9][A-Za-z0-9._/:@-]*$/;
const CHECKSUM = /^sha(256:[0-9a-f]{64}|384:[0-9a-f]{96}|512:[0-9a-f]{128})$/;
// eslint-disable-next-line no-control-regex -- the point is to find control characters
const CONTROL = /[\u0000-\u001f\u007f]/;

/** Validate one `[tool.microb.target.NAME]` table (file existence and extras are checked by the caller). */
export function readTarget(fields: FieldReader, name: string, table: Record<string, unknown>): TargetConfig {
  const base: KeyPath = ['tool', 'microb', 'target', name];
  const doc = fields.doc;
  for (const key of Object.keys(table)) {
    if (!(TARGET_KEYS as readonly string[]).includes(key)) {
      const guess = closest(key, TARGET_KEYS);
      throw doc.error(
        [...base, key],
        `unknown key \`${key}\` in target "${name}"`,
        guess ? `did you mean \`${guess}\`?` : `known keys: ${TARGET_KEYS.join(', ')}`,
      );
    }
  }
  const at = (key: string): KeyPath => [...base, key];
  const has = (key: string) => table[key] !== undefined;

  if (has('api_version')) {
    const v = fields.string(at('api_version'), table.api_version);
    if (v !== 'v1')
      throw doc.error(at('api_version'), `unsupported api_version "${v}"`, 'the only api_version is "v1"');
  }

  let pythonVersion: string | undefined;
  if (has('python_version')) {
    const raw = table.python_version;
    if (typeof raw === 'number') {
      throw doc.error(
        at('python_version'),
        'python_version must be a string',
        `quote it: python_version = "${String(raw)}" (3.10 written as a number is 3.1)`,
      );
    }
    pythonVersion = fields.string(at('python_version'), raw);
    if (!PYTHON_VERSION.test(pythonVersion)) {
      const freeThreaded = /freethreaded|^3\.\d+(\.\d+)?t$/.test(pythonVersion);
      const unavailable = unavailablePython(pythonVersion);
      throw doc.error(
        at('python_version'),
        freeThreaded && unavailable
          ? unavailable.problem
          : `invalid python_version ${JSON.stringify(pythonVersion)}`,
        freeThreaded && unavailable ? unavailable.hint : 'use "3", "3.11" or "3.11.4"',
      );
    }
  }

  let flavor: Flavor = 'debian';
  if (has('flavor')) {
    const v = fields.string(at('flavor'), table.flavor);
    if (v !== 'debian' && v !== 'alpine')
      throw doc.error(at('flavor'), `unknown flavor "${v}"`, 'use "debian" (default) or "alpine"');
    flavor = v;
  }

  const packages = (key: string): string[] => {
    if (!has(key)) return [];
    const list = fields.stringArray(at(key), table[key]);
    const pattern = flavor === 'alpine' ? APK_PACKAGE : APT_PACKAGE;
    list.forEach((pkg, i) => {
      if (!pattern.test(pkg)) {
        throw doc.error(
          [...at(key), i],
          `invalid ${flavor === 'alpine' ? 'apk' : 'apt'} package name ${JSON.stringify(pkg)}`,
          'one package per string, e.g. "libffi-dev" or "libpq5=15.*"',
        );
      }
    });
    return list;
  };

  if (has('env') && has('environment')) {
    throw doc.error(
      at('environment'),
      'both `env` and `environment` are set',
      '`environment` is another name for `env`: keep one',
    );
  }
  const envKey = has('environment') ? 'environment' : 'env';
  const env = has(envKey)
    ? templates(fields, at(envKey), table[envKey], ENV_KEY, 'environment variable name, e.g. APP_MODE')
    : [];
  const labels = has('labels')
    ? templates(fields, at('labels'), table.labels, LABEL_KEY, 'label key, e.g. "com.example.team"')
    : [];

  const requirements = has('requirements')
    ? fields.string(at('requirements'), table.requirements)
    : undefined;
  const extras = has('extras') ? fields.stringArray(at('extras'), table.extras) : [];
  if (requirements !== undefined && has('extras')) {
    throw doc.error(
      at('extras'),
      '`extras` cannot be combined with `requirements`',
      'a requirements/lock file already lists every dependency: export it with the extras you need',
    );
  }

  let lock: string | false | undefined;
  if (has('lock')) {
    if (table.lock === false) lock = false;
    else if (table.lock === true)
      throw doc.error(
        at('lock'),
        '`lock = true` is not a choice',
        'lock files beside the pyproject are used anyway; name one with lock = "uv.lock", or opt out with lock = false',
      );
    else lock = fields.string(at('lock'), table.lock);
    if (requirements !== undefined)
      throw doc.error(
        at('lock'),
        '`lock` cannot be combined with `requirements`',
        'keep one: the lock, or the requirements file',
      );
  }
  const groups = has('groups') ? fields.stringArray(at('groups'), table.groups) : undefined;
  if (groups !== undefined && requirements !== undefined)
    throw doc.error(
      at('groups'),
      '`groups` cannot be combined with `requirements`',
      'a requirements file already lists every dependency',
    );

  const command = (key: string) => (has(key) ? fields.stringArray(at(key), table[key]) : undefined);
  const indices = has('indices')
    ? fields
        .tableArray(at('indices'), table.indices, 'indices = [{ url = "https://…/simple" }]')
        .map((t, i) => readIndex(fields, [...at('indices'), i], t))
    : [];
  if (indices.filter((index) => index.primary).length > 1) {
    throw doc.error(
      at('indices'),
      'more than one index has `primary = true`',
      'only one index can replace PyPI; add the others as extra indices',
    );
  }

  const installProject = has('install_project')
    ? fields.boolean(at('install_project'), table.install_project)
    : undefined;

  const shell = has('shell') ? fields.boolean(at('shell'), table.shell) : undefined;
  if (shell === false && has('system_deps') && packages('system_deps').length > 0)
    throw doc.error(
      at('system_deps'),
      '`system_deps` needs a shell in the final image, and `shell = false` says its base has none',
      'install those libraries into the base image itself, or copy them in with copy_files (from = "a-stage-or-image")',
    );

  return {
    name,
    ...(pythonVersion !== undefined && { pythonVersion }),
    ...(shell !== undefined && { shell }),
    ...(installProject !== undefined && { installProject }),
    flavor,
    buildDeps: packages('build_deps'),
    systemDeps: packages('system_deps'),
    env,
    indices,
    labels,
    ...(has('entrypoint') && { entrypoint: command('entrypoint') }),
    ...(has('command') && { command: command('command') }),
    copyFiles: copies(fields, at('copy_files'), table.copy_files),
    addFiles: adds(fields, at('add_files'), table.add_files),
    copyFilesBeforeBuild: copies(fields, at('copy_files_before_build'), table.copy_files_before_build),
    addFilesBeforeBuild: adds(fields, at('add_files_before_build'), table.add_files_before_build),
    ...(requirements !== undefined && { requirements }),
    extras,
    ...(lock !== undefined && { lock }),
    ...(groups !== undefined && { groups }),
  };
}

function templates(
  fields: FieldReader,
  path: KeyPath,
  value: unknown,
  keyPattern: RegExp,
  what: string,
): KeyedTemplate[] {
  return fields.stringTable(path, value).map(([key, text]) => {
    if (!keyPattern.test(key))
      throw fields.doc.error([...path, key], `invalid key ${JSON.stringify(key)}`, `expected a ${what}`);
    if (CONTROL.test(text)) {
      throw fields.doc.error(
        [...path, key],
        `the value of ${key} contains a control character (newline, tab, …)`,
        'Dockerfile ENV and LABEL values are one line: remove it or encode it (e.g. as \\n for your app to decode)',
      );
    }
    return { key, template: parseTemplate(text) };
  });
}

function filePath(fields: FieldReader, path: KeyPath, value: unknown): string {
  const text = fields.string(path, value);
  if (text === '' || CONTROL.test(text))
    throw fields.doc.error(
      path,
      `invalid path ${JSON.stringify(text)}`,
      'a non-empty path without control characters',
    );
  return text;
}

function checkKeys(
  fields: FieldReader,
  path: KeyPath,
  table: Record<string, unknown>,
  allowed: readonly string[],
): void {
  for (const key of Object.keys(table)) {
    if (!allowed.includes(key)) {
      const guess = closest(key, allowed);
      throw fields.doc.error(
        [...path, key],
        `unknown key \`${key}\``,
        guess ? `did you mean \`${guess}\`?` : `allowed: ${allowed.join(', ')}`,
      );
    }
  }
  for (const key of ['src', 'dst']) {
    if (table[key] === undefined)
      throw fields.doc.error(
        path,
        `missing \`${key}\``,
        '{ src = "path/in/context", dst = "/path/in/image" }',
      );
  }
}

function copies(fields: FieldReader, path: KeyPath, value: unknown): CopyEntry[] {
  if (value === undefined) return [];
  return fields.tableArray(path, value, '[{ src = "config.yaml", dst = "/app/config.yaml" }]').map((t, i) => {
    const at = [...path, i];
    checkKeys(fields, at, t, ['src', 'dst', 'from']);
    const from = t.from === undefined ? undefined : fields.string([...at, 'from'], t.from);
    if (from !== undefined && !STAGE_OR_IMAGE.test(from)) {
      throw fields.doc.error(
        [...at, 'from'],
        `invalid \`from\` ${JSON.stringify(from)}`,
        'a stage, build context or image name, e.g. "alpine:3.19"',
      );
    }
    return {
      src: filePath(fields, [...at, 'src'], t.src),
      dst: filePath(fields, [...at, 'dst'], t.dst),
      ...(from !== undefined && { from }),
    };
  });
}

function adds(fields: FieldReader, path: KeyPath, value: unknown): AddEntry[] {
  if (value === undefined) return [];
  return fields
    .tableArray(path, value, '[{ src = "https://…/file", dst = "/app/file", checksum = "sha256:…" }]')
    .map((t, i) => {
      const at = [...path, i];
      checkKeys(fields, at, t, ['src', 'dst', 'checksum']);
      const src = filePath(fields, [...at, 'src'], t.src);
      checkNoCredential(fields.doc, [...at, 'src'], src); // a URL here is written into the ADD line
      const checksum = t.checksum === undefined ? undefined : fields.string([...at, 'checksum'], t.checksum);
      if (checksum !== undefined) {
        if (!CHECKSUM.test(checksum))
          throw fields.doc.error(
            [...at, 'checksum'],
            `invalid checksum ${JSON.stringify(checksum)}`,
            'use "sha256:<64 hex digits>"',
          );
        if (!/^https?:\/\//.test(src))
          throw fields.doc.error(
            [...at, 'checksum'],
            '`checksum` only applies to http(s) sources',
            'BuildKit verifies checksums of downloaded files; remove it for local files',
          );
      }
      return {
        src,
        dst: filePath(fields, [...at, 'dst'], t.dst),
        ...(checksum !== undefined && { checksum }),
      };
    });
}

export { isTable };
