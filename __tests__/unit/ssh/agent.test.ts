import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  addKeys,
  keyLinesToMask,
  killAgent,
  parseAgentOutput,
  splitPrivateKeys,
  startAgent,
} from '../../../src/ssh/agent.js';

describe('parseAgentOutput', () => {
  it('reads the socket and pid of `ssh-agent -s`', () => {
    const out =
      'SSH_AUTH_SOCK=/tmp/ssh-XXXXabc/agent.123; export SSH_AUTH_SOCK;\nSSH_AGENT_PID=124; export SSH_AGENT_PID;\necho Agent pid 124;\n';
    expect(parseAgentOutput(out)).toEqual({ pid: 124, authSock: '/tmp/ssh-XXXXabc/agent.123' });
  });

  it('refuses output it does not understand', () => {
    expect(() => parseAgentOutput('setenv SSH_AUTH_SOCK /x;')).toThrow(/unexpected ssh-agent output/);
  });
});

describe('splitPrivateKeys', () => {
  const key = (n: number) =>
    `-----BEGIN OPENSSH PRIVATE KEY-----\nline${n}a\nline${n}b\n-----END OPENSSH PRIVATE KEY-----`;

  it('splits several keys in one input and normalises CRLF', () => {
    const keys = splitPrivateKeys(`\n${key(1)}\r\n\r\n${key(2).replace(/\n/g, '\r\n')}\n`);
    expect(keys).toEqual([`${key(1)}\n`, `${key(2)}\n`]);
  });

  it('gives nothing for an empty input', () => {
    expect(splitPrivateKeys('')).toEqual([]);
    expect(splitPrivateKeys('  \n')).toEqual([]);
  });

  it('masks the key body, not the BEGIN/END markers', () => {
    expect(keyLinesToMask(`${key(1)}\n`)).toEqual(['line1a', 'line1b']);
  });
});

// a real agent and a real key: the round trip the action does
describe('ssh-agent', () => {
  let dir: string;
  let privateKey: string;
  let publicKey: string;
  beforeAll(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'agent-test-'));
    execFileSync('ssh-keygen', [
      '-q',
      '-t',
      'ed25519',
      '-N',
      '',
      '-C',
      'unit-test',
      '-f',
      path.join(dir, 'k'),
    ]);
    privateKey = readFileSync(path.join(dir, 'k'), 'utf8');
    publicKey = readFileSync(path.join(dir, 'k.pub'), 'utf8');
    rmSync(path.join(dir, 'k')); // the test, like the action, works from the text only
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('starts, takes keys over stdin, and is gone after killAgent', async () => {
    const agent = await startAgent();
    try {
      const listed = await addKeys(agent, splitPrivateKeys(privateKey));
      expect(listed).toMatch(/ED25519/);
      const fp = execFileSync('ssh-keygen', ['-lf', '-'], { input: publicKey }).toString().split(' ')[1];
      expect(listed).toContain(fp);
    } finally {
      expect(await killAgent(agent.pid)).toBe(true);
    }
    // gone: no such process, or a zombie waiting for init to reap it
    const stat = existsSync(`/proc/${agent.pid}/stat`) ? readFileSync(`/proc/${agent.pid}/stat`, 'utf8') : '';
    expect(stat === '' || / Z /.test(stat)).toBe(true);
    expect(await killAgent(agent.pid)).toBe(false);
  });

  it('rejects a key ssh-add cannot load, without echoing it', async () => {
    const agent = await startAgent();
    try {
      const bogus = '-----BEGIN OPENSSH PRIVATE KEY-----\nbm90IGEga2V5\n-----END OPENSSH PRIVATE KEY-----\n';
      const error = await addKeys(agent, [bogus]).catch((e: Error) => e);
      expect(error).toBeInstanceOf(Error);
      expect((error as Error).message).toMatch(/ssh-add rejected key 1 of 1/);
      expect((error as Error).message).not.toContain('bm90IGEga2V5');
    } finally {
      await killAgent(agent.pid);
    }
  });

  it('never signals a pid that is not an ssh-agent', async () => {
    expect(await killAgent(process.pid)).toBe(false);
  });
});
