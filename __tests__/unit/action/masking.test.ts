import { describe, expect, it } from 'vitest';
import { inlineIndexCredentials, urlCredentials } from '../../../src/action/masking.js';

describe('credentials to mask (issue 9, item 14)', () => {
  it('every inline index credential of every target, even one that would not compile', () => {
    const text = `[tool.microb.target.a]
indices = [{ url = "https://i.example.com/simple", username = "a@corp", password = "pw-a" }]
[tool.microb.target.b]
flavor = "not-a-flavor"
indices = [{ url = "https://j.example.com/simple", username = "b-user", password = "pw b" }]
`;
    expect(inlineIndexCredentials(text)).toEqual(['a@corp', 'pw-a', 'b-user', 'pw b']);
    expect(inlineIndexCredentials('not toml [')).toEqual([]);
  });

  it('URL userinfo in any scheme and case; a bare user only when it looks like a token', () => {
    expect(urlCredentials('x @ git+HTTPS://ghp_abcdef123456@github.com/o/r')).toEqual(['ghp_abcdef123456']);
    // a one-letter user would blank every such letter of the log: not masked
    expect(urlCredentials('ftp://u:p%40ss@h/x')).toEqual(['p%40ss', 'p@ss']);
    expect(urlCredentials('ftp://user:p@h/x')).toEqual(['user']);
    expect(urlCredentials('git+ssh://git@github.com/o/r')).toEqual([]);
  });
});
