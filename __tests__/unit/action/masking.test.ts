import type * as toml from 'smol-toml';
import { parse } from 'smol-toml';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { compileTargets, inlineIndexCredentials, type ProjectSnapshot } from '../../../src/compiler/index.js';
import { maskProjectCredentials, urlCredentials } from '../../../src/action/masking.js';

// the one TOML parser, counted: masking reads the parse compile then reuses
vi.mock('smol-toml', async (original) => {
  const actual = await original<typeof toml>();
  return { ...actual, parse: vi.fn(actual.parse) };
});

const snapshotOf = (pyprojectText: string): ProjectSnapshot => ({
  pyprojectPath: 'pyproject.toml',
  pyprojectText,
  files: new Map<string, string | null>(),
});

const TWO_TARGETS = `[project]
name = "app"
version = "1"
requires-python = ">=3.11"
[tool.microb.target.a]
indices = [{ url = "https://i.example.com/simple", username = "a@corp", password = "pw-a" }]
[tool.microb.target.b]
flavor = "not-a-flavor"
indices = [{ url = "https://j.example.com/simple", username = "b-user", password = "pw b" }]
`;

afterEach(() => vi.restoreAllMocks());

describe('credentials to mask (issue 9, item 14)', () => {
  it('every inline index credential of every target, even one that would not compile', () => {
    expect(inlineIndexCredentials(snapshotOf(TWO_TARGETS))).toEqual(['a@corp', 'pw-a', 'b-user', 'pw b']);
    expect(inlineIndexCredentials(snapshotOf('not toml ['))).toEqual([]);
  });

  it('masked before compiling, from the parse compile then reuses (one parse, every target)', () => {
    const written: string[] = [];
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
      written.push(String(chunk));
      return true;
    });
    vi.mocked(parse).mockClear();
    const snapshot = snapshotOf(TWO_TARGETS);
    maskProjectCredentials(snapshot);
    const masked = written.join('').split(/\r?\n/);
    for (const value of ['a@corp', 'pw-a', 'b-user', 'pw b'])
      expect(masked).toContain(`::add-mask::${value}`);
    const results = compileTargets(snapshot);
    expect(results.get('b')).toBeInstanceOf(Error); // not-a-flavor: b's credentials are masked anyway
    expect(vi.mocked(parse)).toHaveBeenCalledTimes(1);
  });

  it('URL userinfo in any scheme and case; a bare user only when it looks like a token', () => {
    expect(urlCredentials('x @ git+HTTPS://ghp_abcdef123456@github.com/o/r')).toEqual(['ghp_abcdef123456']);
    // a one-letter user would blank every such letter of the log: not masked
    expect(urlCredentials('ftp://u:p%40ss@h/x')).toEqual(['p%40ss', 'p@ss']);
    expect(urlCredentials('ftp://user:p@h/x')).toEqual(['user']);
    expect(urlCredentials('git+ssh://git@github.com/o/r')).toEqual([]);
  });
});
