/**
 * Phases 3–7: the Docker engine answers, buildx is there and new enough, QEMU for foreign
 * platforms, a builder that can do the job, and an ssh-agent when a dependency comes over ssh.
 * Every resource is recorded in the post state the moment it exists.
 */
import { log } from '../../log/workflowLog.js';
import {
  checkDockerEngine,
  createBuilder,
  decideBuilder,
  inspectBuilder,
  usesContainerdImageStore,
} from '../../docker/buildx/builder.js';
import { ensureBuildx } from '../../docker/buildx/install.js';
import { dockerArch, parsePlatform } from '../../docker/platforms.js';
import { ensureEmulation } from '../../docker/qemu.js';
import { addKeys, startAgent } from '../../ssh/agent.js';
import type { MainContext } from '../context.js';
import { newBuilderName } from '../state.js';

export async function checkEngine(_ctx: MainContext): Promise<void> {
  log.info(`Docker engine ${await checkDockerEngine()}`);
}

export async function setupBuildx(ctx: MainContext): Promise<void> {
  await ensureBuildx(ctx.inputs.buildxVersion, {
    log: (l) => log.info(l),
    warn: (w) => log.warning(w),
    ...(ctx.inputs.unsafeBuildxDownloadBase ? { downloadBase: ctx.inputs.unsafeBuildxDownloadBase } : {}),
  });
}

export async function setupQemu(ctx: MainContext): Promise<void> {
  await ensureEmulation(ctx.inputs.platforms.map(parsePlatform), dockerArch(process.arch), {
    log: (l) => log.info(l),
    image: ctx.inputs.qemuImage,
  });
}

export async function chooseBuilder(ctx: MainContext): Promise<void> {
  const requested = ctx.inputs.builder || undefined;
  const current = await inspectBuilder(requested);
  const containerd = await usesContainerdImageStore();
  const decision = decideBuilder(
    current,
    containerd,
    { multiPlatform: ctx.inputs.platforms.length > 1, cacheExport: ctx.cacheTo.length > 0 },
    requested,
  );
  if (decision.kind === 'use') {
    log.info(`Builder ${decision.name}: ${decision.reason}`);
    ctx.builder = requested;
    return;
  }
  const name = newBuilderName(process.env.GITHUB_RUN_ID);
  log.info(`Creating docker-container builder ${name}: ${decision.reason}`);
  // recorded before creating it, so post removes a half-created builder too
  ctx.state.setCreatedBuilder(name);
  await createBuilder({ name, ...(ctx.inputs.network ? { network: ctx.inputs.network } : {}) });
  ctx.builder = name;
}

export async function setupSsh(ctx: MainContext): Promise<void> {
  const plan = ctx.project?.result.plan;
  const keys = ctx.inputs.sshPrivateKeys;
  if (!plan?.ssh) {
    if (keys.length > 0)
      log.info('ssh-private-key is set but no dependency of this target uses ssh: no agent started');
    return;
  }
  if (keys.length === 0) {
    const inherited = process.env.SSH_AUTH_SOCK;
    if (inherited) {
      log.info(`Using the ssh-agent of the job (SSH_AUTH_SOCK=${inherited})`);
      ctx.buildEnv = { ...ctx.buildEnv, SSH_AUTH_SOCK: inherited };
      return;
    }
    throw new Error(
      `target ${plan.target} installs a dependency over ssh (git+ssh), but ssh-private-key is empty and no ` +
        'ssh-agent is running: pass a deploy key, e.g. `ssh-private-key: ${{ secrets.DEPLOY_KEY }}`',
    );
  }
  const agent = await startAgent();
  ctx.state.setSshAgentPid(agent.pid);
  log.info(`Started ssh-agent (pid ${agent.pid})`);
  const fingerprints = await addKeys(agent, keys);
  log.info(`Keys in the agent:\n${fingerprints}`);
  ctx.buildEnv = { ...ctx.buildEnv, SSH_AUTH_SOCK: agent.authSock };
}
