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
      ssh: [],
      push: ctx.outputs ? false : inputs.push,
      load: inputs.load,
      ...(ctx.outputs ? { outputs: ctx.outputs } : {}),
      ...(inputs.network ? { network: inputs.network } : {}),
      ...(inputs.provenance ? { provenance: inputs.provenance } : {}),
      ...(inputs.sbom ? { sbom: inputs.sbom } : {}),
      cacheFrom: ctx.cacheFrom,
      cacheTo: ctx.cacheTo,
      metadataFile,
      iidFile,
    },
    project.result,
  );
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
  if (!outcome.ok) {
    log.error(outcome.message, { title: 'docker buildx build failed' });
    throw new ReportedError(outcome.message);
  }
  ctx.outcome = outcome;
  log.info(
    `Built in ${(outcome.durationMs / 1000).toFixed(1)} s${outcome.digest ? `: ${outcome.digest}` : ''}`,
  );
}

export const buildPhase: Phase = { name: 'Build', when: (ctx) => !ctx.inputs.dryRun, run: build };
