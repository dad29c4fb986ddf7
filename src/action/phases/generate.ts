/**
 * pyproject → Dockerfile in the workspace (`.microb/<target>.Dockerfile`), and the
 * outputs that exist without a build: dockerfile, targets, target, labels, tags, platforms.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import {
  compile,
  compileTargets,
  ConfigError,
  describeProjectInstall,
  type CompileOptions,
  type CompileResult,
} from '../../compiler/index.js';
import { log } from '../../log/workflowLog.js';
import { writeGeneratedDockerfile } from '../../workspace/generate.js';
import { Outputs } from '../constants.js';
import { setMetadataOutputs, versionOutput } from '../outputs.js';
import type { MainContext, Phase } from '../context.js';
import { maskInlineCredentials, maskProjectCredentials } from '../masking.js';

/** The Dockerfile COPYs the project from the context, so the pyproject must be inside it. */
export function assertInsideContext(contextDir: string, pyprojectPath: string): void {
  const rel = path.relative(path.resolve(contextDir), path.dirname(path.resolve(pyprojectPath)));
  if (rel.startsWith('..') || path.isAbsolute(rel)) {
    throw new Error(
      `the pyproject (${pyprojectPath}) is outside the build context (${contextDir}); ` +
        'set context to a directory that contains it',
    );
  }
}

async function generateDockerfile(ctx: MainContext): Promise<void> {
  const { inputs } = ctx;
  const pyprojectPath = inputs.file;
  if (!existsSync(pyprojectPath)) {
    throw new Error(
      `${pyprojectPath} does not exist (looked in ${process.cwd()}); set the file input to the project's pyproject.toml`,
    );
  }
  const contextDir = path.resolve(inputs.context || path.dirname(path.resolve(pyprojectPath)));
  assertInsideContext(contextDir, pyprojectPath);
  const options: CompileOptions = {
    ...(inputs.target ? { target: inputs.target } : {}),
    ...(inputs.syntax ? { syntax: inputs.syntax } : {}),
    dependencyLabel: inputs.dependencyLabel,
  };
  const generated = await writeGeneratedDockerfile({
    pyprojectPath,
    options,
    context: contextDir,
    // before compiling: every target's credentials, and a compile error may quote a URL
    onSnapshot: maskProjectCredentials,
  });
  const { snapshot, result, dockerfilePath, dockerignorePath } = generated;
  // Credentials written in the pyproject are secrets from here on, for every target this run
  // compiles: a plan job (dry run, no target) checks them all, so a matrix over `targets` won't
  // fail late, and all their credentials are masked before anything is printed.
  maskInlineCredentials(result);
  const others: CompileResult[] = [];
  if (inputs.dryRun && !inputs.target) {
    // one parse for all of them, each target compiled once (a compile per target re-read the file)
    const rest = result.targets.filter((t) => t !== result.target);
    for (const other of compileTargets(snapshot, options, rest).values()) {
      if (other instanceof ConfigError) throw other;
      maskInlineCredentials(other);
      others.push(other);
    }
  }

  log.info(`Target ${result.target} of ${result.targets.join(', ')}`);
  log.info(`Wrote ${dockerfilePath}${dockerignorePath ? ` and ${dockerignorePath}` : ''}`);
  log.info(`Build context: ${contextDir}`);
  log.info(describeProjectInstall(result.plan));
  for (const warning of result.plan.warnings ?? []) log.warning(warning);

  // The Dockerfile leaves ${NAME} label values to build args at build time; plan.labels is
  // meant to hold them as the image will have them, so compile once more with the build args
  // applied and keep those labels in the plan every later phase reads.
  // (projectDir does not change labels, so the compiler's default is fine here)
  let planLabels = result.plan.labels;
  if (result.plan.buildArgsUsed.some((name) => Object.hasOwn(inputs.buildArgs, name))) {
    planLabels = compile(snapshot, { ...options, target: result.target, buildArgs: inputs.buildArgs }).plan
      .labels;
  }
  ctx.labels = { ...planLabels, ...inputs.labels };

  if (inputs.dryRun && !inputs.target) log.info(`All ${others.length + 1} target(s) are valid`);

  ctx.project = {
    pyprojectPath,
    snapshot,
    contextDir,
    dockerfilePath,
    result: { ...result, plan: { ...result.plan, labels: planLabels } },
  };
  ctx.host.setOutput(Outputs.Dockerfile, dockerfilePath);
  ctx.host.setOutput(Outputs.Targets, JSON.stringify(result.targets));
  ctx.host.setOutput(Outputs.Target, result.target);
  ctx.host.setOutput(Outputs.Tags, inputs.tags.join('\n'));
  setMetadataOutputs((n, v) => ctx.host.setOutput(n, v), {
    tags: inputs.tags,
    labels: ctx.labels,
    annotations: inputs.buildPush.annotations,
    version: versionOutput(ctx.labels, undefined),
  });
  ctx.host.setOutput(Outputs.Platforms, inputs.platforms.join(','));
}

export const generatePhase: Phase = { name: 'Generate the Dockerfile', run: generateDockerfile };
