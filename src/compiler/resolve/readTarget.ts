import type { Flavor } from '../model/types.js';
import { isTable } from '../pyproject/document.js';
import type { FieldReader } from '../pyproject/fields.js';
import { readIndex } from '../pyproject/readIndex.js';
import { checkNoCredential } from '../pyproject/requirements.js';
import type { KeyPath } from '../pyproject/sourceMap.js';
import type {
  AddEntry,
  CopyEntry,
  Healthcheck,
  KeyedTemplate,
  TargetConfig,
} from '../pyproject/targetConfig.js';
import { parseTemplate } from '../model/template.js';
import { checkRecord } from './checkShape.js';
import { TARGET, TARGET_KEYS } from './keys.js';

export { TARGET_KEYS };

/**
 * Validate one `[tool.microb.target.NAME]` table against the key table (keys.ts), then read it
 * into a TargetConfig (file existence and extras are checked by the caller). `at(key)` is where a
 * key is written: a target that extends another has keys written in both tables.
 */
export function readTarget(
  fields: FieldReader,
  name: string,
  table: Record<string, unknown>,
  at: (key: string) => KeyPath = (key) => ['tool', 'microb', 'target', name, key],
): TargetConfig {
  checkRecord(fields, TARGET, table, at, ['tool', 'microb', 'target', name], name);
  const has = (key: string) => table[key] !== undefined;
  const flavor: Flavor = table.flavor === 'alpine' ? 'alpine' : 'debian';
  const text = (key: string) => (has(key) ? fields.string(at(key), table[key]) : undefined);
  const list = (key: string) => (has(key) ? fields.stringArray(at(key), table[key]) : undefined);
  const envKey = has('environment') ? 'environment' : 'env';
  const requirements = text('requirements');
  const lock = table.lock === false ? false : text('lock');
  const groups = list('groups');
  const installProject = has('install_project')
    ? fields.boolean(at('install_project'), table.install_project)
    : undefined;
  const baseImage = text('base_image');
  const builderImage = text('builder_image');
  const workdir = text('workdir');
  const stopsignal = text('stopsignal');
  const user = has('user') ? fields.integer(at('user'), table.user) : undefined;
  const expose = has('expose') ? (table.expose as readonly (string | number)[]).map(String) : undefined;
  const healthcheck = has('healthcheck')
    ? readHealthcheck(table.healthcheck as Record<string, unknown>)
    : undefined;
  const indices = has('indices')
    ? fields
        .tableArray(at('indices'), table.indices, 'indices = [{ url = "https://…/simple" }]')
        .map((t, i) => readIndex(fields, [...at('indices'), i], t))
    : [];
  const pythonVersion = text('python_version');
  const shell = has('shell') ? fields.boolean(at('shell'), table.shell) : undefined;

  return {
    name,
    ...(pythonVersion !== undefined && { pythonVersion }),
    ...(shell !== undefined && { shell }),
    ...(installProject !== undefined && { installProject }),
    flavor,
    buildDeps: list('build_deps') ?? [],
    systemDeps: list('system_deps') ?? [],
    env: has(envKey) ? templates(fields, at(envKey), table[envKey]) : [],
    indices,
    labels: has('labels') ? templates(fields, at('labels'), table.labels) : [],
    ...(has('entrypoint') && { entrypoint: list('entrypoint') }),
    ...(has('command') && { command: list('command') }),
    copyFiles: copies(fields, at('copy_files'), table.copy_files),
    addFiles: adds(fields, at('add_files'), table.add_files),
    copyFilesBeforeBuild: copies(fields, at('copy_files_before_build'), table.copy_files_before_build),
    addFilesBeforeBuild: adds(fields, at('add_files_before_build'), table.add_files_before_build),
    ...(requirements !== undefined && { requirements }),
    extras: list('extras') ?? [],
    ...(lock !== undefined && { lock }),
    ...(groups !== undefined && { groups }),
    ...(baseImage !== undefined && { baseImage }),
    ...(builderImage !== undefined && { builderImage }),
    ...(expose !== undefined && { expose }),
    ...(healthcheck !== undefined && { healthcheck }),
    ...(workdir !== undefined && { workdir }),
    ...(user !== undefined && { user }),
    ...(stopsignal !== undefined && { stopsignal }),
  };
}

/** An already checked healthcheck table. */
function readHealthcheck(table: Record<string, unknown>): Healthcheck {
  const text = (key: string) => (typeof table[key] === 'string' ? table[key] : undefined);
  const [interval, timeout, startPeriod] = [text('interval'), text('timeout'), text('start_period')];
  return {
    cmd: table.cmd as readonly string[],
    ...(interval !== undefined && { interval }),
    ...(timeout !== undefined && { timeout }),
    ...(startPeriod !== undefined && { startPeriod }),
    ...(typeof table.retries === 'number' && { retries: table.retries }),
  };
}

function templates(fields: FieldReader, path: KeyPath, value: unknown): KeyedTemplate[] {
  return fields.stringTable(path, value).map(([key, text]) => ({ key, template: parseTemplate(text) }));
}

// entries were checked against the key table: here they are only read
function copies(fields: FieldReader, path: KeyPath, value: unknown): CopyEntry[] {
  if (value === undefined) return [];
  return fields.tableArray(path, value, '').map((t) => ({
    src: t.src as string,
    dst: t.dst as string,
    ...(typeof t.from === 'string' && { from: t.from }),
  }));
}

function adds(fields: FieldReader, path: KeyPath, value: unknown): AddEntry[] {
  if (value === undefined) return [];
  return fields.tableArray(path, value, '').map((t, i) => {
    const src = t.src as string;
    checkNoCredential(fields.doc, [...path, i, 'src'], src); // a URL here is written into the ADD line
    return {
      src,
      dst: t.dst as string,
      ...(typeof t.checksum === 'string' && { checksum: t.checksum }),
    };
  });
}

export { isTable };
