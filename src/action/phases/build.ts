/**
 * Run `docker buildx build` with everything the earlier phases gathered; its log is untrusted
 * text, so the runner reads no workflow command in it.
 */
import { log } from '../../log/workflowLog.js';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { shellCommand } from '../../compiler/index.js';
import { buildxBuildArgv } from '../../docker/buildx/argv.js';
import { runBuildx } from '../../docker/buildx/run.js';
import { type MainContext, type Phase, type Products, ReportedError } from '../context.js';

async function build(ctx: MainContext): Promise<Partial<Products>> {
  const { inputs, project, release, request, pushOutputs } = ctx;
  const metadataFile = path.join(ctx.tempDir, 'metadata.json');
  const iidFile = path.join(ctx.tempDir, 'iid.txt');
  const argv = buildxBuildArgv(
    {
      dockerfile: project.dockerfilePath,
      context: project.contextDir,
      ...(ctx.builder ? { builder: ctx.builder } : {}),
      platforms: inputs.platforms,
      // a fan-in leg pushes by digest through its own --output, untagged
      tags: pushOutputs ? [] : release.tags,
      // OCI labels from the run first; the labels input overrides them
      labels: { ...release.contextLabels, ...inputs.labels },
      buildArgs: { ...request.versionBuildArgs, ...inputs.buildArgs },
      secrets: request.secrets.sources,
      ssh: [...inputs.buildPush.ssh],
      push: pushOutputs ? false : inputs.push,
      load: inputs.load,
      outputs: [...(pushOutputs ?? []), ...inputs.buildPush.outputs],
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
  // secret values and the agent socket: in buildx's environment only, never in argv
  const env = {
    ...(release.sourceDateEpoch !== undefined && { SOURCE_DATE_EPOCH: release.sourceDateEpoch }),
    ...request.secrets.env,
    ...(ctx.sshAuthSock !== undefined && { SSH_AUTH_SOCK: ctx.sshAuthSock }),
  };
  log.info(shellCommand(['docker', ...argv]));
  // The build log is untrusted text (a RUN step can print anything): stop the runner from
  // reading workflow commands in it. Masking of secrets still applies.
  const token = randomBytes(16).toString('hex');
  process.stdout.write(`::stop-commands::${token}\n`);
  let outcome;
  try {
    outcome = await runBuildx({
      argv,
      env,
      run: ctx.host.run,
      metadataFile,
      iidFile,
      ...(inputs.timeoutMs ? { timeoutMs: inputs.timeoutMs } : {}),
      onLine: (line) => process.stdout.write(`${line}\n`),
    });
  } finally {
    process.stdout.write(`::${token}::\n`);
  }
  ctx.report.steps = outcome.steps;
  if (!outcome.ok) {
    ctx.report.failure = {
      phase: buildPhase.name,
      ...(outcome.failure.step ? { step: outcome.failure.step } : {}),
      message: outcome.failure.error,
      lastLines: outcome.failure.lastLines,
    };
    log.error(outcome.message, { title: 'docker buildx build failed' });
    throw new ReportedError(outcome.message);
  }
  log.info(
    `Built in ${(outcome.durationMs / 1000).toFixed(1)} s${outcome.digest ? `: ${outcome.digest}` : ''}`,
  );
  return { outcome };
}

export const buildPhase: Phase = { name: 'Build', when: (ctx) => !ctx.inputs.dryRun, run: build };
