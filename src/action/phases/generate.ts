/**
 * pyproject → Dockerfile in the workspace (`.microb/<target>.Dockerfile`), and the
 * outputs that exist without a build: dockerfile, targets, target, platforms. The compiler runs
 * here and nowhere else in main: once for the target, once for each other target of a plan run.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import {
  compileTargets,
  ConfigError,
  describeProjectInstall,
  labelsWithBuildArgs,
  type CompileResult,
} from '../../compiler/index.js';
import { log } from '../../log/workflowLog.js';
import { writeGeneratedDockerfile } from '../../workspace/generate.js';
import { Outputs } from '../constants.js';
import type { GeneratedProject, GeneratePhase, RunContext } from '../context.js';
import { maskInlineCredentials, maskProjectCredentials } from '../masking.js';

/** The Dockerfile COPYs the project from the context, so the pyproject must be inside it. */
function assertInsideContext(contextDir: string, pyprojectPath: string): void {
  const rel = path.relative(path.resolve(contextDir), path.dirname(path.resolve(pyprojectPath)));
  if (rel.startsWith('..') || path.isAbsolute(rel)) {
    throw new Error(
      `the pyproject (${pyprojectPath}) is outside the build context (${contextDir}); ` +
        'set context to a directory that contains it',
    );
  }
}

async function generateDockerfile(ctx: RunContext): Promise<GeneratedProject> {
  const { inputs } = ctx;
  const pyprojectPath = inputs.file;
  if (!existsSync(pyprojectPath)) {
    throw new Error(
      `${pyprojectPath} does not exist (looked in ${process.cwd()}); set the file input to the project's pyproject.toml`,
    );
  }
  const contextDir = path.resolve(inputs.context || path.dirname(path.resolve(pyprojectPath)));
  assertInsideContext(contextDir, pyprojectPath);
  const generated = await writeGeneratedDockerfile({
    pyprojectPath,
    options: {
      ...(inputs.target ? { target: inputs.target } : {}),
      ...(inputs.syntax ? { syntax: inputs.syntax } : {}),
      dependencyLabel: inputs.dependencyLabel,
    },
    context: contextDir,
    // before compiling: every target's credentials, and a compile error may quote a URL
    onSnapshot: maskProjectCredentials,
  });
  const { snapshot, result, options, dockerfilePath, dockerignorePath } = generated;
  // Credentials written in the pyproject are secrets from here on, for every target this run
  // compiles: a plan job (dry run, no target) checks them all, so a matrix over `targets` won't
  // fail late, and all their credentials are masked before anything is printed.
  maskInlineCredentials(result);
  const compiled = new Map<string, CompileResult>();
  if (inputs.dryRun && !inputs.target) {
    // one parse for all of them, each target compiled once
    const rest = result.targets.filter((t) => t !== result.target);
    for (const [target, other] of compileTargets(snapshot, options, rest)) {
      if (other instanceof ConfigError) throw other;
      maskInlineCredentials(other);
      compiled.set(target, other);
    }
  }

  log.info(`Target ${result.target} of ${result.targets.join(', ')}`);
  log.info(`Wrote ${dockerfilePath}${dockerignorePath ? ` and ${dockerignorePath}` : ''}`);
  log.info(`Build context: ${contextDir}`);
  log.info(describeProjectInstall(result.plan));
  for (const warning of result.plan.warnings ?? []) log.warning(warning);
  if (inputs.dryRun && !inputs.target) log.info(`All ${compiled.size + 1} target(s) are valid`);

  ctx.host.setOutput(Outputs.Dockerfile, dockerfilePath);
  ctx.host.setOutput(Outputs.Targets, JSON.stringify(result.targets));
  ctx.host.setOutput(Outputs.Target, result.target);
  ctx.host.setOutput(Outputs.Platforms, inputs.platforms.join(','));

  // The Dockerfile leaves ${NAME} label values to build args at build time; plan.labels holds
  // them as the image will have them, with the build-args input applied.
  const built = {
    ...result,
    plan: { ...result.plan, labels: labelsWithBuildArgs(result.plan, inputs.buildArgs) },
  };
  return {
    pyprojectPath,
    snapshot,
    contextDir,
    dockerfilePath,
    options,
    result: built,
    compiled: new Map([[built.target, built], ...compiled]),
  };
}

export const generatePhase: GeneratePhase = { name: 'Generate the Dockerfile', run: generateDockerfile };
