/**
 * A static check of GitHub workflows against action.yml: what actionlint would say about our
 * action's inputs and outputs, for the workflows we publish (README, docs, examples, our CI).
 *
 * - every `with:` key of a step that uses this action is an input in action.yml;
 * - every `steps.X.outputs.Y` names a step X of the same job, and Y is an output of it: an
 *   action.yml output for this action, a `Y=`/`Y<<` written to GITHUB_OUTPUT for a `run` step,
 *   a documented output for the few third-party actions used;
 * - every `needs.X.outputs.Y` names a job X in `needs` that declares output Y;
 * - every `matrix.X` is a key of the job's matrix;
 * - third-party actions are pinned by a full commit SHA with the version in a comment, and this
 *   action is named with its owner (`org/microb-action@v1`);
 * - no `${{ … }}` inside a `run:` script (an output or event field would be pasted into the shell:
 *   pass it through `env:`);
 * - `npm ci` / `npm install` with `--ignore-scripts` (no dependency's install script runs with
 *   the job's token);
 * - our own workflows (`checkOwnWorkflow`): every checkout with `persist-credentials: false`, and
 *   a job that may write runs no npm at all.
 */
import { parse } from 'yaml';

export interface ActionMetadata {
  readonly inputs: ReadonlyMap<string, { readonly required: boolean; readonly hasDefault: boolean }>;
  readonly outputs: ReadonlySet<string>;
}

/** Outputs of the third-party actions our workflows read (from their action.yml). */
const THIRD_PARTY_OUTPUTS: Readonly<Record<string, readonly string[]>> = {
  'actions/checkout': ['ref', 'commit'],
  'actions/setup-node': ['cache-hit', 'node-version'],
  'actions/upload-artifact': ['artifact-id', 'artifact-url', 'artifact-digest'],
  'actions/download-artifact': ['download-path'],
  'docker/setup-buildx-action': ['name', 'driver', 'platforms', 'nodes', 'endpoint', 'status', 'flags'],
  'docker/setup-qemu-action': ['platforms'],
  'docker/login-action': [],
};

type Json = Record<string, unknown>;

export function parseActionMetadata(text: string): ActionMetadata {
  const doc = parse(text) as Json;
  const inputs = new Map<string, { required: boolean; hasDefault: boolean }>();
  for (const [name, spec] of Object.entries((doc['inputs'] as Json | undefined) ?? {})) {
    const s = (spec ?? {}) as Json;
    inputs.set(name, { required: s['required'] === true, hasDefault: s['default'] !== undefined });
  }
  return { inputs, outputs: new Set(Object.keys((doc['outputs'] as Json | undefined) ?? {})) };
}

/** `uses:` values that mean this action. */
export function isThisAction(uses: string): boolean {
  return uses === './' || uses === '.' || /^[^/\s]+\/microb-action@\S+$/.test(uses);
}

/** Problems found in one workflow (YAML text); empty when it is consistent. */
export function checkWorkflow(text: string, action: ActionMetadata): string[] {
  const doc = parse(text) as Json | null;
  const problems: string[] = [...checkPins(text), ...checkRunScripts(doc)];
  const jobs = (doc?.['jobs'] as Record<string, Json> | undefined) ?? {};
  if (Object.keys(jobs).length === 0) problems.push('no jobs');
  for (const [jobId, job] of Object.entries(jobs)) {
    const where = (s: string) => `job ${jobId}: ${s}`;
    const steps = ((job['steps'] as Json[] | undefined) ?? []).filter((s) => s && typeof s === 'object');
    const byId = new Map(steps.filter((s) => typeof s['id'] === 'string').map((s) => [s['id'] as string, s]));

    for (const step of steps) {
      const uses = typeof step['uses'] === 'string' ? step['uses'] : undefined;
      if (!uses || !isThisAction(uses)) continue;
      const given = Object.keys((step['with'] as Json | undefined) ?? {});
      for (const key of given) {
        if (!action.inputs.has(key)) problems.push(where(`input "${key}" is not in action.yml`));
      }
      for (const [name, spec] of action.inputs) {
        if (spec.required && !spec.hasDefault && !given.includes(name)) {
          problems.push(where(`required input "${name}" is missing`));
        }
      }
    }

    const needs = new Set(
      typeof job['needs'] === 'string' ? [job['needs']] : ((job['needs'] as string[]) ?? []),
    );
    const matrixKeys = matrixKeysOf(job);
    for (const expression of expressionsIn(job)) {
      for (const [, stepId, output] of expression.matchAll(/\bsteps\.([\w-]+)\.outputs\.([\w-]+)/g)) {
        const step = byId.get(stepId as string);
        if (!step) {
          problems.push(where(`steps.${stepId} is not a step id of this job`));
          continue;
        }
        const known = stepOutputs(step, action);
        if (known === undefined)
          problems.push(where(`outputs of ${String(step['uses'])} are not known to the check`));
        else if (!known.has(output as string))
          problems.push(where(`steps.${stepId} has no output "${output}"`));
      }
      for (const [, needed, output] of expression.matchAll(/\bneeds\.([\w-]+)\.outputs\.([\w-]+)/g)) {
        const other = jobs[needed as string];
        if (!needs.has(needed as string) || !other) {
          problems.push(where(`needs.${needed} is not in this job's needs`));
        } else if (!Object.keys((other['outputs'] as Json | undefined) ?? {}).includes(output as string)) {
          problems.push(where(`job ${needed} declares no output "${output}"`));
        }
      }
      for (const [, key] of expression.matchAll(/\bmatrix\.([\w-]+)/g)) {
        if (!matrixKeys.has(key as string)) problems.push(where(`matrix.${key} is not in the job's matrix`));
      }
    }
  }
  return problems;
}

/**
 * Problems in a README snippet that is steps rather than a workflow (`- uses: …` with `with:`):
 * only the inputs of this action's steps can be checked there.
 */
export function checkStepsSnippet(text: string, action: ActionMetadata): string[] {
  const doc = parse(text) as unknown;
  const steps = (Array.isArray(doc) ? doc : [doc]).filter((s): s is Json => !!s && typeof s === 'object');
  const problems: string[] = [...checkPins(text), ...checkRunScripts(doc)];
  for (const step of steps) {
    if (typeof step['uses'] !== 'string' || !isThisAction(step['uses'])) continue;
    for (const key of Object.keys((step['with'] as Json | undefined) ?? {})) {
      if (!action.inputs.has(key)) problems.push(`input "${key}" is not in action.yml`);
    }
  }
  return problems;
}

function stepOutputs(step: Json, action: ActionMetadata): ReadonlySet<string> | undefined {
  const uses = step['uses'];
  if (typeof uses === 'string') {
    if (isThisAction(uses)) return action.outputs;
    const name = uses.split('@')[0] as string;
    const outputs = THIRD_PARTY_OUTPUTS[name];
    return outputs ? new Set(outputs) : undefined;
  }
  // A run step's outputs are the names it writes to GITHUB_OUTPUT (`name=value` or `name<<EOF`).
  const script = typeof step['run'] === 'string' ? step['run'] : '';
  if (!script.includes('GITHUB_OUTPUT')) return new Set();
  return new Set(
    [...script.matchAll(/(?:^|[\s'"{;])([A-Za-z_][\w-]*)(?:=|<<)/gm)].map((m) => m[1] as string),
  );
}

function matrixKeysOf(job: Json): Set<string> {
  const matrix = ((job['strategy'] as Json | undefined)?.['matrix'] as Json | undefined) ?? {};
  const keys = new Set(Object.keys(matrix).filter((k) => k !== 'include' && k !== 'exclude'));
  for (const entry of (matrix['include'] as Json[] | undefined) ?? [])
    for (const k of Object.keys(entry)) keys.add(k);
  return keys;
}

/** The text of every `${{ … }}` in the job, and every `if:` (an expression without braces). */
function expressionsIn(value: unknown, key = ''): string[] {
  if (typeof value === 'string') {
    const wrapped = [...value.matchAll(/\$\{\{([\s\S]*?)\}\}/g)].map((m) => m[1] as string);
    return key === 'if' && wrapped.length === 0 ? [value] : wrapped;
  }
  if (Array.isArray(value)) return value.flatMap((v) => expressionsIn(v));
  if (value && typeof value === 'object')
    return Object.entries(value).flatMap(([k, v]) => expressionsIn(v, k));
  return [];
}

/** Third-party `uses:` must be `owner/repo[/path]@<40 hex> # vX…`. */
function checkPins(text: string): string[] {
  const problems: string[] = [];
  for (const [i, line] of text.split('\n').entries()) {
    const m = /^\s*(?:-\s+)?uses:\s*(\S+)\s*(#.*)?$/.exec(line);
    if (!m) continue;
    const uses = m[1] as string;
    if (/^microb-action@/.test(uses)) {
      problems.push(`line ${i + 1}: ${uses} has no owner: write org/${uses} as the README does`);
      continue;
    }
    if (isThisAction(uses) || uses.startsWith('./') || uses.startsWith('docker://')) continue;
    if (!/^[\w.-]+\/[\w./-]+@[0-9a-f]{40}$/.test(uses)) {
      problems.push(`line ${i + 1}: ${uses} is not pinned by a full commit SHA`);
    } else if (!/^#\s*v\d/.test(m[2] ?? '')) {
      problems.push(`line ${i + 1}: ${uses} has no "# vX.Y.Z" comment naming the version`);
    }
  }
  return problems;
}

/** Every `run:` script anywhere in the document (jobs, steps, a snippet's list of steps). */
function runScripts(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(runScripts);
  if (!value || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([k, v]) =>
    k === 'run' && typeof v === 'string' ? [v] : runScripts(v),
  );
}

/** Expressions pasted into shell scripts, and npm installs that run dependencies' scripts. */
function checkRunScripts(doc: unknown): string[] {
  const problems: string[] = [];
  for (const script of runScripts(doc)) {
    const first = script.trim().split('\n')[0] ?? '';
    for (const [expression] of script.matchAll(/\$\{\{[\s\S]*?\}\}/g)) {
      problems.push(`run: "${first}" puts ${expression} into the script: pass it through env:`);
    }
    for (const [install] of script.matchAll(/\bnpm (?:ci|install|i)\b[^\n;&|]*/g)) {
      if (!install.includes('--ignore-scripts')) {
        problems.push(
          `run: "${install.trim()}" runs the dependencies' install scripts: add --ignore-scripts`,
        );
      }
    }
  }
  return problems;
}

/**
 * Rules for the workflows of this repository (.github/workflows): the checkout's token is not
 * left in .git/config for later steps, and a job whose token may write (contents: write, …)
 * runs no npm or node, so no dependency's code ever holds that token.
 */
export function checkOwnWorkflow(text: string): string[] {
  const doc = (parse(text) as Json | null) ?? {};
  const problems: string[] = [];
  const writes = (permissions: unknown) =>
    permissions === 'write-all' ||
    (!!permissions && typeof permissions === 'object' && Object.values(permissions).includes('write'));
  if (doc['permissions'] === undefined)
    problems.push('no top-level permissions: the token gets the defaults');
  const jobs = (doc['jobs'] as Record<string, Json> | undefined) ?? {};
  for (const [jobId, job] of Object.entries(jobs)) {
    const steps = ((job['steps'] as Json[] | undefined) ?? []).filter((s) => s && typeof s === 'object');
    for (const step of steps) {
      const uses = typeof step['uses'] === 'string' ? step['uses'] : '';
      const persist = ((step['with'] as Json | undefined) ?? {})['persist-credentials'];
      if (uses.startsWith('actions/checkout@') && persist !== false) {
        problems.push(`job ${jobId}: actions/checkout without persist-credentials: false`);
      }
    }
    const permissions = job['permissions'] ?? doc['permissions'];
    if (!writes(permissions)) continue;
    for (const step of steps) {
      const run = typeof step['run'] === 'string' ? step['run'] : '';
      const uses = typeof step['uses'] === 'string' ? step['uses'] : '';
      if (/\b(?:npm|npx|node)\b/.test(run) || uses.startsWith('actions/setup-node@')) {
        problems.push(`job ${jobId}: may write (${JSON.stringify(permissions)}) and runs npm/node`);
      }
    }
  }
  return problems;
}

/** The ```yaml blocks of a Markdown file. */
export function yamlBlocks(markdown: string): string[] {
  return [...markdown.matchAll(/^```ya?ml\n([\s\S]*?)^```/gm)].map((m) => m[1] as string);
}
