/** An ssh-agent with the deploy keys when a dependency of the target comes over ssh (git+ssh). */
import { log } from '../../log/workflowLog.js';
import { addKeys, startAgent } from '../../ssh/agent.js';
import type { MainContext, Phase, Products } from '../context.js';

async function setupSsh(ctx: MainContext): Promise<Partial<Products>> {
  const { plan } = ctx.project.result;
  const keys = ctx.inputs.sshPrivateKeys;
  if (!plan.ssh) {
    if (keys.length > 0)
      log.info('ssh-private-key is set but no dependency of this target uses ssh: no agent started');
    return {};
  }
  if (keys.length === 0) {
    const inherited = process.env.SSH_AUTH_SOCK;
    if (inherited) {
      log.info(`Using the ssh-agent of the job (SSH_AUTH_SOCK=${inherited})`);
      return { sshAuthSock: inherited };
    }
    throw new Error(
      `target ${plan.target} installs a dependency over ssh (git+ssh), but ssh-private-key is empty and no ` +
        'ssh-agent is running: pass a deploy key, e.g. `ssh-private-key: ${{ secrets.DEPLOY_KEY }}`',
    );
  }
  const agent = await startAgent(ctx.host.run);
  ctx.state.setSshAgentPid(agent.pid);
  log.info(`Started ssh-agent (pid ${agent.pid})`);
  const fingerprints = await addKeys(agent, keys, ctx.host.run);
  log.info(`Keys in the agent:\n${fingerprints}`);
  return { sshAuthSock: agent.authSock };
}

export const sshPhase: Phase = { name: 'SSH agent', when: (ctx) => !ctx.inputs.dryRun, run: setupSsh };
