/**
 * scripts/e2e/lib.sh e2e_mode: which world the e2e set-up is in. "debian" only on Debian 12
 * outside GitHub Actions (the machine whose set-up builds engine, images and wheels); "runner"
 * on a GitHub runner or any other OS; E2E_MODE overrides both ways. The real script, in bash.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const LIB = fileURLToPath(new URL('../../scripts/e2e/lib.sh', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'microb-e2e-mode-'));
const osRelease = (name: string, text: string) => {
  const file = join(dir, name);
  writeFileSync(file, text);
  return file;
};
const DEBIAN_12 = osRelease(
  'debian12',
  'PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"\nID=debian\nVERSION_ID="12"\n',
);
const DEBIAN_13 = osRelease('debian13', 'ID=debian\nVERSION_ID="13"\n');
const UBUNTU = osRelease('ubuntu', 'NAME="Ubuntu"\nID=ubuntu\nID_LIKE=debian\nVERSION_ID="24.04"\n');

function mode(env: Record<string, string>): { code: number | null; out: string; err: string } {
  const r = spawnSync('bash', ['-c', 'source "$0" && e2e_mode', LIB], {
    encoding: 'utf8',
    // only what the test sets: GITHUB_ACTIONS or E2E_MODE of the test's own environment must not leak
    env: { PATH: process.env['PATH'] ?? '/usr/bin:/bin', HOME: dir, ...env },
  });
  return { code: r.status, out: r.stdout.trim(), err: r.stderr };
}

describe('e2e_mode (scripts/e2e/lib.sh)', () => {
  it.each([
    ['Debian 12, not on GitHub', { E2E_OS_RELEASE: DEBIAN_12 }, 'debian'],
    ['Debian 12 on GitHub Actions', { E2E_OS_RELEASE: DEBIAN_12, GITHUB_ACTIONS: 'true' }, 'runner'],
    ['ubuntu-24.04', { E2E_OS_RELEASE: UBUNTU }, 'runner'],
    ['Debian 13', { E2E_OS_RELEASE: DEBIAN_13 }, 'runner'],
    ['no os-release', { E2E_OS_RELEASE: join(dir, 'missing') }, 'runner'],
    ['E2E_MODE=runner on Debian 12', { E2E_OS_RELEASE: DEBIAN_12, E2E_MODE: 'runner' }, 'runner'],
    [
      'E2E_MODE=debian on GitHub',
      { E2E_OS_RELEASE: UBUNTU, GITHUB_ACTIONS: 'true', E2E_MODE: 'debian' },
      'debian',
    ],
  ])('%s: %s', (_name, env, expected) => {
    expect(mode(env)).toMatchObject({ code: 0, out: expected });
  });

  it('an unknown E2E_MODE is an error, not a guess', () => {
    const r = mode({ E2E_OS_RELEASE: DEBIAN_12, E2E_MODE: 'ubuntu' });
    expect(r.code).toBe(1);
    expect(r.err).toContain('E2E_MODE=ubuntu: expected debian or runner');
  });

  it('this machine: os-release decides when nothing is set', () => {
    const r = mode({});
    expect(r.code).toBe(0);
    expect(['debian', 'runner']).toContain(r.out);
  });
});
