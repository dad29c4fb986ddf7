import { describe, expect, it } from 'vitest';
import { buildxBuildArgv } from '../../../src/docker/buildx/argv.js';
import { assembleBuildSecrets, describeMissingSecret } from '../../../src/docker/buildx/secrets.js';
import { compile, type SecretRequirement } from '../../../src/compiler/index.js';

const caller = (id: string): SecretRequirement => ({
  id,
  source: { kind: 'caller' },
  purpose: `password of index http://127.0.0.1:8080/simple/`,
});
const inline = (id: string, value: string): SecretRequirement => ({
  id,
  source: { kind: 'inline', value },
  purpose: 'username of index https://pypi.example.com/simple/',
});
const KH = 'github.com ssh-ed25519 AAAA\n';

describe('assembleBuildSecrets', () => {
  it('passes caller values and inline credentials through env vars of the buildx process only', () => {
    const s = assembleBuildSecrets({
      plan: { secrets: [caller('IDX_PW'), inline('microb-index-1-username', 'ci')], ssh: false },
      values: [{ id: 'IDX_PW', value: 's3cret' }],
      knownHosts: KH,
    });
    expect(s.sources).toEqual([
      { id: 'IDX_PW', env: 'MICROB_SECRET_0' },
      { id: 'microb-index-1-username', env: 'MICROB_SECRET_1' },
    ]);
    expect(s.env).toEqual({ MICROB_SECRET_0: 's3cret', MICROB_SECRET_1: 'ci' });
    expect(s.missing).toEqual([]);
  });

  it('lists caller secrets that were not given', () => {
    const s = assembleBuildSecrets({
      plan: { secrets: [caller('A'), caller('B')], ssh: false },
      values: [{ id: 'B', value: 'x' }],
      knownHosts: KH,
    });
    expect(s.missing.map((m) => m.id)).toEqual(['A']);
  });

  it('mounts known_hosts for ssh plans', () => {
    const s = assembleBuildSecrets({
      plan: { secrets: [], ssh: true, knownHostsSecretId: 'kh' },
      values: [],
      knownHosts: KH,
    });
    expect(s.sources).toEqual([{ id: 'kh', env: 'MICROB_SECRET_0' }]);
    expect(s.env.MICROB_SECRET_0).toBe(KH);
  });

  it("prefers the caller's reference over generated sources (the CLI's --secret)", () => {
    const s = assembleBuildSecrets({
      plan: { secrets: [caller('A')], ssh: true, knownHostsSecretId: 'kh' },
      values: [],
      references: [
        { id: 'A', env: 'MY_A' },
        { id: 'kh', src: '/home/me/.ssh/known_hosts' },
      ],
      knownHosts: KH,
    });
    expect(s.sources).toEqual([
      { id: 'A', env: 'MY_A' },
      { id: 'kh', src: '/home/me/.ssh/known_hosts' },
    ]);
    expect(s.env).toEqual({});
    expect(s.missing).toEqual([]);
  });

  it('reports secrets the target does not use', () => {
    const s = assembleBuildSecrets({
      plan: { secrets: [], ssh: false },
      values: [{ id: 'EXTRA', value: 'v' }],
      knownHosts: KH,
    });
    expect(s.unused).toEqual(['EXTRA']);
    // an id no mount of the plan names never reaches buildx: no --secret, no value in its env
    expect(s.sources).toEqual([]);
    expect(s.env).toEqual({});
  });

  it('passes only the ids the compiled plan mounts, from values and references alike', () => {
    const text = `[project]
name = "app"
version = "1.0"
dependencies = ["private-pkg"]

[tool.microb.target.default]
indices = [{ url = "http://127.0.0.1:8080/simple/", primary = true, username_secret = "IDX_USER", password_secret = "IDX_PW" }]
`;
    const compiled = compile({ pyprojectPath: 'pyproject.toml', pyprojectText: text, files: new Map() });
    const s = assembleBuildSecrets({
      plan: compiled.plan,
      values: [
        { id: 'UNUSED_TOKEN', value: 'value-of-an-unused-secret' },
        { id: 'IDX_PW', value: 'pw' },
        { id: 'IDX_USER', value: 'user' },
        // the known_hosts id of a plan without ssh is mounted by nothing either
        { id: 'microb-known-hosts', value: 'kh' },
      ],
      references: [{ id: 'OTHER_FILE', src: '/home/me/other' }],
      knownHosts: KH,
    });
    const argv = buildxBuildArgv(
      {
        dockerfile: '/w/Dockerfile',
        context: '/w',
        platforms: [],
        tags: [],
        labels: {},
        buildArgs: {},
        secrets: s.sources,
        ssh: [],
        push: false,
        load: false,
        metadataFile: '/t/m.json',
      },
      compiled,
    );
    const secretArgs = argv.flatMap((a, i) => (argv[i - 1] === '--secret' ? [a] : []));
    expect(secretArgs).toEqual(['id=IDX_PW,env=MICROB_SECRET_0', 'id=IDX_USER,env=MICROB_SECRET_1']);
    expect(Object.values(s.env)).toEqual(['pw', 'user']);
    expect(JSON.stringify([argv, s.env])).not.toContain('value-of-an-unused-secret');
    expect(JSON.stringify(argv)).not.toContain('OTHER_FILE');
    expect([...s.unused].sort()).toEqual(['OTHER_FILE', 'UNUSED_TOKEN', 'microb-known-hosts']);
  });
});

describe('describeMissingSecret', () => {
  it('names the secret, what it is for, and how to pass it', () => {
    expect(describeMissingSecret(caller('IDX_PW'), 'action')).toBe(
      'The build needs secret "IDX_PW" (password of index http://127.0.0.1:8080/simple/), which was not given: add a line `IDX_PW=${{ secrets.YOUR_SECRET }}` to the `secrets` input.',
    );
    expect(describeMissingSecret(caller('IDX_PW'), 'cli')).toMatch(/--secret id=IDX_PW,env=VARIABLE/);
  });
});
