/**
 * Before touching Docker, check the build request is complete — tags when pushing,
 * and every secret the pyproject names (`username_secret`/`password_secret`) supplied. Each
 * missing secret is annotated on the pyproject line that names it.
 */
import { findSecretReference } from '../../compiler/index.js';
import { log } from '../../log/workflowLog.js';
import { assembleBuildSecrets, describeMissingSecret } from '../../docker/buildx/secrets.js';
import { gitVersion } from '../../workspace/gitVersion.js';
import { knownHostsForBuild, sshHostsBeyondGitHub } from '../../ssh/githubKnownHosts.js';
import path from 'node:path';
import { type MainContext, type Phase, type Products, ReportedError } from '../context.js';

async function checkBuildRequest(ctx: MainContext): Promise<Partial<Products>> {
  const { inputs, project } = ctx;
  if (inputs.push && !inputs.pushByDigest && ctx.release.tags.length === 0) {
    throw new Error(
      'push is true but no tags are given: set images (tags are then computed from the event), ' +
        'or tags, e.g. `ghcr.io/OWNER/IMAGE:latest`',
    );
  }
  if (!inputs.push && !inputs.load && !inputs.pushByDigest) {
    log.info('Neither push nor load is set: the image is built but neither tagged in the engine nor pushed');
  }

  const plan = project.result.plan;
  // a version from git: the tag being built, else git describe of the checkout (.git is not in the context)
  const versionArg = plan.versionArg;
  let versionBuildArgs: Record<string, string> | undefined;
  if (versionArg !== undefined && inputs.buildArgs[versionArg.name] === undefined) {
    const found = await gitVersion({
      dir: path.dirname(path.resolve(project.pyprojectPath)),
      ...(process.env.GITHUB_REF !== undefined && { ref: process.env.GITHUB_REF }),
      argName: versionArg.name,
      passArg: 'the build-args input',
    });
    versionBuildArgs = { [versionArg.name]: found.version };
    log.info(`Version ${found.version} (${found.source}) → build arg ${versionArg.name}`);
  }
  const uncovered = plan.ssh && !inputs.sshKnownHosts.trim() ? sshHostsBeyondGitHub(plan.dependencies) : [];
  if (uncovered.length > 0) {
    log.warning(
      `ssh-known-hosts is empty, so only GitHub's host keys are trusted, but dependencies come from ${uncovered.join(', ')}: ` +
        `set ssh-known-hosts (e.g. the output of \`ssh-keyscan ${uncovered[0]}\`) or the host key check will fail`,
    );
  }
  const secrets = assembleBuildSecrets({
    plan,
    values: inputs.secrets,
    // secret-files / secret-envs: by reference, the value never enters this process's argv or env
    references: [...inputs.buildPush.secretFiles, ...inputs.buildPush.secretEnvs],
    knownHosts: knownHostsForBuild(inputs.sshKnownHosts),
  });
  for (const id of secrets.unused)
    log.warning(`secret "${id}" is not used by target ${project.result.target}`);
  if (secrets.missing.length > 0) {
    for (const req of secrets.missing) {
      const ref = findSecretReference(project.snapshot.pyprojectText, req.id);
      const where = ref ? ` It is named by \`${ref.key}\` in ${project.pyprojectPath}:${ref.line}.` : '';
      log.error(`${describeMissingSecret(req, 'action')}${where}`, {
        title: `Missing build secret ${req.id}`,
        file: project.pyprojectPath,
        ...(ref ? { startLine: ref.line, startColumn: ref.column } : {}),
      });
    }
    throw new ReportedError(`${secrets.missing.length} build secret(s) missing`);
  }
  if (secrets.sources.length > 0) {
    log.info(
      `Build secrets: ${secrets.sources.map((s) => s.id).join(', ')} (values only in the buildx environment)`,
    );
  }
  return { request: { secrets, ...(versionBuildArgs && { versionBuildArgs }) } };
}

export const requestPhase: Phase = {
  name: 'Check the build request',
  when: (ctx) => !ctx.inputs.dryRun,
  run: checkBuildRequest,
};
