/**
 * Run `docker buildx build` with everything the earlier phases gathered; its log is untrusted
 * text, so the runner reads no workflow command in it.
 */
import { log } from '../../log/workflowLog.js';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { buildxBuildArgv } from '../../docker/buildx/argv.js';
import { runBuildx } from '../../docker/buildx/run.js';
import { type MainContext, type Phase, ReportedError } from '../context.js';

/** Shell-style quoting, only for showing the command in the log. */
export function quoteForLog(argv: readonly string[]): string {
  return argv.map((a) => (/^[\w@%+=:,./-]+$/.test(a) ? a : `'${a.replace(/'/g, `'\\''`)}'`)).join(' ');
}

async function build(ctx: MainContext): Promise<void> {
  const project = ctx.project;
  if (!project || !ctx.secrets) throw new Error('internal: build before the request was checked');
  const { inputs } = ctx;
  const metadataFile = path.join(ctx.tempDir, 'metadata.json');
  const iidFile = path.join(ctx.tempDir, 'iid.txt');
  const argv = buildxBuildArgv(
    {
      dockerfile: project.dockerfilePath,
      context: project.contextDir,
      ...(ctx.builder ? { builder: ctx.builder } : {}),
      platforms: inputs.platforms,
      // a fan-in leg pushes by digest through its own --output, untagged
      tags: ctx.outputs ? [] : ctx.tags,
      // OCI labels from the run first; the labels input overrides them
      labels: { ...ctx.contextLabels, ...inputs.labels },
      buildArgs: { ...ctx.versionBuildArgs, ...inputs.buildArgs },
      secrets: ctx.secrets.sources,
      ssh: [...inputs.buildPush.ssh],
      push: ctx.outputs ? false : inputs.push,
      load: inputs.load,
      outputs: [...(ctx.outputs ?? []), ...inputs.buildPush.outputs],
      // build-push-action's flags, as given
      addHosts: inputs.buildPush.addHosts,
      allow: inputs.buildPush.allow,
      annotations: inputs.buildPush.annotations,
      attests: inputs.buildPush.attests,
      buildContexts: inputs.buildPush.buildContexts,
      noCache: inputs.buildPush.noCache,
      noCacheFilters: inputs.buildPush.noCacheFilters,
      pull: inputs.buildPush.pull,
      ...(inputs.buildPush.shmSize ? { shmSize: inputs.buildPush.shmSize } : {}),
      ulimits: inputs.buildPush.ulimits,
      ...(inputs.network ? { network: inputs.network } : {}),
      ...(inputs.provenance ? { provenance: inputs.provenance } : {}),
      ...(inputs.sbom ? { sbom: inputs.sbom } : {}),
      // the cache input's first, then cache-from/cache-to (docs/cache.md: they add up)
      cacheFrom: [...ctx.cacheFrom, ...inputs.buildPush.cacheFrom],
      cacheTo: [...ctx.cacheTo, ...inputs.buildPush.cacheTo],
      metadataFile,
      iidFile,
    },
    project.result,
  );
  for (const spec of inputs.buildPush.ssh) {
    const id = spec.split('=')[0] ?? '';
    if (id !== 'default') {
      log.warning(
        `ssh: id "${id}" is passed to buildx, but the generated Dockerfile mounts only the default agent ` +
          '(git+ssh dependencies): use default=PATH to choose the socket or key it gets',
      );
    }
  }
  log.info(`docker ${quoteForLog(argv)}`);
  // The build log is untrusted text (a RUN step can print anything): stop the runner from
  // reading workflow commands in it. Masking of secrets still applies.
  const token = randomBytes(16).toString('hex');
  process.stdout.write(`::stop-commands::${token}\n`);
  let outcome;
  try {
    outcome = await runBuildx({
      argv,
      env: ctx.buildEnv,
      metadataFile,
      iidFile,
      ...(inputs.timeoutMs ? { timeoutMs: inputs.timeoutMs } : {}),
      onLine: (line) => process.stdout.write(`${line}\n`),
    });
  } finally {
    process.stdout.write(`::${token}::\n`);
  }
  ctx.steps = outcome.steps;
  if (!outcome.ok) {
    ctx.failure = {
      phase: buildPhase.name,
      ...(outcome.failure.step ? { step: outcome.failure.step } : {}),
      message: outcome.failure.error,
      lastLines: outcome.failure.lastLines,
    };
    log.error(outcome.message, { title: 'docker buildx build failed' });
    throw new ReportedError(outcome.message);
  }
  ctx.outcome = outcome;
  log.info(
    `Built in ${(outcome.durationMs / 1000).toFixed(1)} s${outcome.digest ? `: ${outcome.digest}` : ''}`,
  );
}

export const buildPhase: Phase = { name: 'Build', when: (ctx) => !ctx.inputs.dryRun, run: build };
