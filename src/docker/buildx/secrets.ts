/**
 * Decides how every secret the plan needs reaches BuildKit. Values travel only in the
 * environment of the buildx process (`--secret id=ID,env=VAR`): never in argv, a file in the
 * workspace, or the Dockerfile. Pure: masking happens where values are read (the action's
 * inputs, the compiled plan), before this runs.
 */
import type { BuildPlanSummary, SecretRequirement } from '../../compiler/index.js';
import type { SecretSource } from './argv.js';

export interface SecretValue {
  readonly id: string;
  readonly value: string;
}

export interface BuildSecrets {
  readonly sources: readonly SecretSource[];
  /** Environment for the buildx process only: the variables the `env=` sources name. */
  readonly env: Readonly<Record<string, string>>;
  /** Secrets the plan needs from the caller that were not given (see `describeMissingSecret`). */
  readonly missing: readonly SecretRequirement[];
  /** Secret ids the caller gave that this target does not mount; they are not passed to buildx. */
  readonly unused: readonly string[];
}

export interface BuildSecretsInput {
  readonly plan: Pick<BuildPlanSummary, 'secrets' | 'ssh' | 'knownHostsSecretId'>;
  /** ID=VALUE pairs from the caller (the action's `secrets` input). */
  readonly values: readonly SecretValue[];
  /** Secrets the caller passes by reference (the CLI's `--secret id=…,env=…|src=…`). */
  readonly references?: readonly SecretSource[];
  /** known_hosts text mounted for ssh fetches when the caller gives none under that id. */
  readonly knownHosts: string;
}

/** Env var holding the n-th secret value; numbered so any secret id is safe to use. */
const secretEnvName = (n: number): string => `MICROB_SECRET_${n}`;

/**
 * The ids the generated Dockerfile mounts (`--mount=type=secret,id=…`): the index credentials,
 * and known_hosts when a dependency comes over ssh. Nothing else may reach buildx.
 */
function mountedSecretIds(plan: BuildSecretsInput['plan']): ReadonlySet<string> {
  const ids = new Set(plan.secrets.map((s) => s.id));
  if (plan.ssh && plan.knownHostsSecretId) ids.add(plan.knownHostsSecretId);
  return ids;
}

export function assembleBuildSecrets(input: BuildSecretsInput): BuildSecrets {
  const sources: SecretSource[] = [];
  const env: Record<string, string> = {};
  const byId = new Set<string>();
  const mounted = mountedSecretIds(input.plan);
  const addValue = (id: string, value: string) => {
    const name = secretEnvName(Object.keys(env).length);
    env[name] = value;
    sources.push({ id, env: name });
    byId.add(id);
  };

  // A caller's secret the plan does not mount stays out of argv and the buildx environment:
  // a RUN step can't read what BuildKit was never given.
  const unused = new Set<string>();
  for (const ref of input.references ?? []) {
    if (!mounted.has(ref.id)) unused.add(ref.id);
    else if (!byId.has(ref.id)) {
      sources.push(ref);
      byId.add(ref.id);
    }
  }
  for (const v of input.values) {
    if (!mounted.has(v.id)) unused.add(v.id);
    else if (!byId.has(v.id)) addValue(v.id, v.value);
  }

  const missing: SecretRequirement[] = [];
  for (const req of input.plan.secrets) {
    if (byId.has(req.id)) continue;
    if (req.source.kind === 'inline') addValue(req.id, req.source.value);
    else missing.push(req);
  }
  const khId = input.plan.knownHostsSecretId;
  // known_hosts is public data, mounted as a secret only because that is how BuildKit mounts files
  if (input.plan.ssh && khId && !byId.has(khId)) addValue(khId, input.knownHosts);

  return { sources, env, missing, unused: [...unused] };
}

/** One line per missing secret: its id, what the pyproject uses it for, and how to pass it. */
export function describeMissingSecret(req: SecretRequirement, how: 'action' | 'cli'): string {
  const pass =
    how === 'action'
      ? `add a line \`${req.id}=\${{ secrets.YOUR_SECRET }}\` to the \`secrets\` input`
      : `pass --secret id=${req.id},env=VARIABLE (or src=FILE)`;
  return `The build needs secret "${req.id}" (${req.purpose}), which was not given: ${pass}.`;
}
