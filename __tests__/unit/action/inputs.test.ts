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
});
