import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  InputError,
  parseKeyValues,
  parseSecrets,
  readInputs,
  splitKeyValueList,
  splitList,
} from '../../../src/action/inputs.js';

describe('list inputs', () => {
  it('split on newlines and commas', () => {
    expect(splitList('linux/amd64,linux/arm64\n  r/app:1 \n\n')).toEqual([
      'linux/amd64',
      'linux/arm64',
      'r/app:1',
    ]);
  });

  it('KEY=VALUE lists split on commas only before another KEY=', () => {
    expect(splitKeyValueList('A=1,B=2\nC=x,y\nD=a, E=b')).toEqual(['A=1', 'B=2', 'C=x,y', 'D=a', 'E=b']);
    expect(parseKeyValues(['A=1', 'url=http://h/?a=b'], 'build-args')).toEqual({
      A: '1',
      url: 'http://h/?a=b',
    });
    expect(() => parseKeyValues(['novalue'], 'labels')).toThrow('labels: "novalue" is not KEY=VALUE');
  });

  it('keeps keys named like Object.prototype members (__proto__, constructor) as plain entries', () => {
    const parsed = parseKeyValues(['__proto__=p', 'constructor=c', 'toString=t'], 'labels');
    expect(Object.keys(parsed)).toEqual(['__proto__', 'constructor', 'toString']);
    expect(JSON.stringify(parsed)).toBe('{"__proto__":"p","constructor":"c","toString":"t"}');
    expect(Object.getPrototypeOf(parsed)).toBe(Object.prototype);
  });

  it('secrets: one per line, values keep commas and equals signs', () => {
    expect(parseSecrets('IDX_PW=a,b=c\n\nTOKEN=x\r\n')).toEqual([
      { id: 'IDX_PW', value: 'a,b=c' },
      { id: 'TOKEN', value: 'x' },
    ]);
  });

  it('a bad secret line is reported by number, never echoed', () => {
    const e = (() => {
      try {
        parseSecrets('OK=1\nhunter2-no-equals');
      } catch (err) {
        return err as Error;
      }
    })();
    expect(e).toBeInstanceOf(InputError);
    expect(e?.message).toBe('secrets: line 2 is not ID=VALUE (ID of letters, digits, _ . -)');
  });
});

describe('readInputs', () => {
  const saved = { ...process.env };
  let out: string[];
  beforeEach(() => {
    out = [];
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => (out.push(String(chunk)), true));
  });
  afterEach(() => {
    vi.restoreAllMocks();
    for (const k of Object.keys(process.env)) if (k.startsWith('INPUT_')) delete process.env[k];
    Object.assign(process.env, saved);
  });

  it('gives defaults when nothing is set', () => {
    const i = readInputs();
    expect(i).toMatchObject({
      file: 'pyproject.toml',
      context: '',
      target: '',
      platforms: [],
      tags: [],
      push: false,
      load: false,
      dryRun: false,
      dependencyLabel: true,
      secrets: [],
      sshPrivateKeys: [],
    });
  });

  it('reads every input into one typed object and masks secret values at once', () => {
    Object.assign(process.env, {
      INPUT_FILE: 'svc/pyproject.toml',
      INPUT_PLATFORMS: 'amd64, arm64/v8\ni386',
      INPUT_TAGS: 'r/app:1,r/app:latest',
      INPUT_PUSH: 'true',
      INPUT_LOAD: 'False',
      'INPUT_BUILD-ARGS': 'TEST=Hello\nOTHER=1,2',
      INPUT_LABELS: 'org.opencontainers.image.vendor=me',
      INPUT_SECRETS: 'IDX_PW=pa,ss\n',
      'INPUT_SSH-PRIVATE-KEY':
        '-----BEGIN OPENSSH PRIVATE KEY-----\nAAAAkeybody\n-----END OPENSSH PRIVATE KEY-----\n',
      'INPUT_DRY-RUN': 'TRUE',
      'INPUT_DEPENDENCY-LABEL': 'false',
      INPUT_NETWORK: 'host',
    });
    const i = readInputs();
    expect(i.platforms).toEqual(['linux/amd64', 'linux/arm64', 'linux/386']);
    expect(i.tags).toEqual(['r/app:1', 'r/app:latest']);
    expect([i.push, i.load, i.dryRun, i.dependencyLabel]).toEqual([true, false, true, false]);
    expect(i.buildArgs).toEqual({ TEST: 'Hello', OTHER: '1,2' });
    expect(i.secrets).toEqual([{ id: 'IDX_PW', value: 'pa,ss' }]);
    expect(i.sshPrivateKeys).toHaveLength(1);
    expect(i.network).toBe('host');
    const log = out.join('');
    expect(log).toContain('::add-mask::pa,ss');
    expect(log).toContain('::add-mask::AAAAkeybody');
  });

  it('names the input of a bad platform or boolean', () => {
    process.env.INPUT_PLATFORMS = 'linux/sparc';
    expect(() => readInputs()).toThrow(/^platforms: unknown architecture/);
    process.env.INPUT_PLATFORMS = '';
    process.env.INPUT_PUSH = 'yes';
    expect(() => readInputs()).toThrow(/push/);
  });

  it('reads the build timeout and a digest-pinned qemu-image; refuses a tag-only image', () => {
    expect(readInputs()).toMatchObject({ timeoutMs: 0, unsafeBuildxDownloadBase: '' });
    expect(readInputs().qemuImage).toMatch(/^tonistiigi\/binfmt:qemu-v8\.1\.5@sha256:[0-9a-f]{64}$/);
    process.env.INPUT_TIMEOUT = '1h30m';
    expect(readInputs().timeoutMs).toBe(5_400_000);
    process.env.INPUT_TIMEOUT = 'forever';
    expect(() => readInputs()).toThrow(/^timeout: "forever" is not a duration/);
    process.env.INPUT_TIMEOUT = '';
    process.env['INPUT_QEMU-IMAGE'] = 'tonistiigi/binfmt:latest';
    expect(() => readInputs()).toThrow(/^qemu-image: "tonistiigi\/binfmt:latest" is not pinned by digest/);
  });
});

describe("build-push-action's inputs", () => {
  const saved = { ...process.env };
  let out: string[];
  beforeEach(() => {
    out = [];
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => (out.push(String(chunk)), true));
  });
  afterEach(() => {
    vi.restoreAllMocks();
    for (const k of Object.keys(process.env)) if (k.startsWith('INPUT_')) delete process.env[k];
    Object.assign(process.env, saved);
  });

  it('are empty by default', () => {
    expect(readInputs().buildPush).toEqual({
      addHosts: [],
      allow: [],
      annotations: [],
      attests: [],
      buildContexts: [],
      cacheFrom: [],
      cacheTo: [],
      noCache: false,
      noCacheFilters: [],
      pull: false,
      outputs: [],
      secretFiles: [],
      secretEnvs: [],
      ssh: [],
      shmSize: '',
      ulimits: [],
    });
  });

  it('each input with its list rule: comma-split, or one item a line (CSV-quoted)', async () => {
    const { mkdtempSync, writeFileSync } = await import('node:fs');
    const dir = mkdtempSync('/tmp/microb-inputs-');
    writeFileSync(`${dir}/token`, 'file-secret-line1\nfile-secret-line2\n');
    Object.assign(process.env, {
      'INPUT_ADD-HOSTS': 'a.local:127.0.0.1,b.local:10.0.0.1',
      INPUT_ALLOW: 'network.host\nsecurity.insecure',
      INPUT_ANNOTATIONS: 'index:org.opencontainers.image.description=An app, with a comma\nmanifest:x=y',
      INPUT_ATTESTS: 'type=sbom,generator=image',
      'INPUT_BUILD-CONTEXTS': 'wheels=./wheels\nbase=docker-image://python:3.11',
      'INPUT_CACHE-FROM': 'type=registry,ref=127.0.0.1:5000/app:cache\ntype=local,src=/tmp/c',
      'INPUT_CACHE-TO': 'type=registry,ref=127.0.0.1:5000/app:cache,mode=max',
      'INPUT_NO-CACHE': 'true',
      'INPUT_NO-CACHE-FILTERS': 'project,deps',
      INPUT_PULL: 'false',
      INPUT_OUTPUTS: 'type=oci,dest=/tmp/o.tar\ntype=image,name=r/app,push=true,rewrite-timestamp=true',
      'INPUT_SECRET-FILES': `TOKEN=${dir}/token`,
      'INPUT_SECRET-ENVS': 'PW=MY_PW,OTHER=MY_OTHER',
      MY_PW: 'env-secret-value',
      INPUT_SSH: 'default,github=/run/gh.sock',
      'INPUT_SHM-SIZE': '2g',
      INPUT_ULIMIT: 'nofile=1024:1024\nnproc=512',
    });
    const b = readInputs().buildPush;
    expect(b.addHosts).toEqual(['a.local:127.0.0.1', 'b.local:10.0.0.1']);
    expect(b.allow).toEqual(['network.host', 'security.insecure']);
    expect(b.annotations).toEqual([
      'index:org.opencontainers.image.description=An app, with a comma',
      'manifest:x=y',
    ]);
    expect(b.attests).toEqual(['type=sbom,generator=image']);
    expect(b.buildContexts).toEqual(['wheels=./wheels', 'base=docker-image://python:3.11']);
    expect(b.cacheFrom).toEqual(['type=registry,ref=127.0.0.1:5000/app:cache', 'type=local,src=/tmp/c']);
    expect(b.cacheTo).toEqual(['type=registry,ref=127.0.0.1:5000/app:cache,mode=max']);
    expect([b.noCache, b.pull]).toEqual([true, false]);
    expect(b.noCacheFilters).toEqual(['project', 'deps']);
    expect(b.outputs).toEqual([
      'type=oci,dest=/tmp/o.tar',
      'type=image,name=r/app,push=true,rewrite-timestamp=true',
    ]);
    expect(b.secretFiles).toEqual([{ id: 'TOKEN', src: `${dir}/token` }]);
    expect(b.secretEnvs).toEqual([
      { id: 'PW', env: 'MY_PW' },
      { id: 'OTHER', env: 'MY_OTHER' },
    ]);
    expect(b.ssh).toEqual(['default', 'github=/run/gh.sock']);
    expect(b.shmSize).toBe('2g');
    expect(b.ulimits).toEqual(['nofile=1024:1024', 'nproc=512']);
    const log = out.join('');
    // the values behind secret-envs and secret-files are masked, line by line
    expect(log).toContain('::add-mask::env-secret-value');
    expect(log).toContain('::add-mask::file-secret-line1');
    expect(log).toContain('::add-mask::file-secret-line2');
  });

  it('refuses a missing secret file and a bad env name, naming the input', () => {
    process.env['INPUT_SECRET-FILES'] = 'TOKEN=/nonexistent/microb-token';
    expect(() => readInputs()).toThrow(/^secret-files: \/nonexistent\/microb-token not found/);
    delete process.env['INPUT_SECRET-FILES'];
    process.env['INPUT_SECRET-ENVS'] = 'PW=not a name';
    expect(() => readInputs()).toThrow(/^secret-envs: "not a name" is not an environment variable name/);
  });

  it('secrets: a quoted item spans lines (build-push-action format); masked line by line', () => {
    process.env.INPUT_SECRETS = 'A=1\n"CERT=-----BEGIN-----\nline-two-of-cert\n-----END-----"\n';
    const i = readInputs();
    expect(i.secrets).toEqual([
      { id: 'A', value: '1' },
      { id: 'CERT', value: '-----BEGIN-----\nline-two-of-cert\n-----END-----' },
    ]);
    expect(out.join('')).toContain('::add-mask::line-two-of-cert');
  });

  it('with images, tags are rules (type=default when empty) and flavor is read; a full reference is refused', () => {
    process.env.INPUT_IMAGES = 'ghcr.io/o/app';
    expect(readInputs().tagRules.map((r) => r.type)).toEqual(['default']);
    process.env.INPUT_TAGS = '# the defaults, and one more\ntype=default\ntype=raw,value=stable';
    process.env.INPUT_FLAVOR = 'latest=false';
    const i = readInputs();
    expect(i.tags).toEqual([]);
    expect(i.tagRules.map((r) => r.type)).toEqual(['default', 'raw']);
    expect(i.flavor.latest).toBe('false');
    process.env.INPUT_TAGS = 'ghcr.io/o/app:1.0';
    expect(() => readInputs()).toThrow(InputError);
  });

  it('driver-opts and buildkitd-config-inline for a builder the action creates', () => {
    process.env['INPUT_DRIVER-OPTS'] = 'image=moby/buildkit:v0.13.2\nenv.HTTP_PROXY=http://p:3128';
    process.env['INPUT_BUILDKITD-CONFIG-INLINE'] = '[registry."docker.io"]\n  mirrors = ["m.local"]';
    const i = readInputs();
    expect(i.driverOpts).toEqual(['image=moby/buildkit:v0.13.2', 'env.HTTP_PROXY=http://p:3128']);
    expect(i.buildkitdConfigInline).toContain('mirrors');
  });
});
