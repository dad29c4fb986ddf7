import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import {
  GITHUB_KNOWN_HOSTS,
  knownHostsForBuild,
  sshHostsBeyondGitHub,
} from '../../../src/ssh/githubKnownHosts.js';

describe('GitHub host keys', () => {
  it('match the fingerprints GitHub publishes', () => {
    const out = execFileSync('ssh-keygen', ['-lf', '-'], { input: GITHUB_KNOWN_HOSTS }).toString();
    const fingerprints = out
      .trim()
      .split('\n')
      .map((l) => l.split(' ')[1]);
    expect(fingerprints.sort()).toEqual(
      [
        'SHA256:+DiY3wvvV6TuJJhbpZisF/zLDA0zPMSvHdkr4UvCOqU', // Ed25519
        'SHA256:p2QAMXNIC1TJYWeIOttrVc98/R1BUFWu3/LiyKgUfQM', // ECDSA
        'SHA256:uNiVztksCsDhcc0u9e8BujQXVUpKZIDTMczCvj3tD2s', // RSA
      ].sort(),
    );
  });

  it('are used only when the input is empty', () => {
    expect(knownHostsForBuild('')).toBe(GITHUB_KNOWN_HOSTS);
    expect(knownHostsForBuild('  \n')).toBe(GITHUB_KNOWN_HOSTS);
    expect(knownHostsForBuild('[127.0.0.1]:2222 ssh-ed25519 AAAA\r\n')).toBe(
      '[127.0.0.1]:2222 ssh-ed25519 AAAA\n',
    );
  });
});

describe('sshHostsBeyondGitHub', () => {
  it('lists git+ssh hosts the default known_hosts does not cover', () => {
    expect(
      sshHostsBeyondGitHub([
        'a @ git+ssh://git@github.com/o/a.git@v1',
        'b @ git+ssh://git@127.0.0.1:2222/srv/b.git@v0.1.0',
        'c @ git+ssh://gitlab.example.com/o/c.git',
        'requests>=2',
      ]),
    ).toEqual(['127.0.0.1', 'gitlab.example.com']);
  });
});
