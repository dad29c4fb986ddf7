import { describe, expect, it } from 'vitest';
import { findSecretReference } from '../../../src/compiler/index.js';

describe('findSecretReference', () => {
  const text = [
    '[tool.microb.target.default]',
    'python_version = "3.11"',
    'indices = [',
    '  { url = "http://127.0.0.1:8080/simple/", primary = true, username_secret = "IDX_USER", password_secret = \'IDX.PW\' },',
    ']',
  ].join('\n');

  it('finds the key and line naming a secret', () => {
    const column = (text.split('\n')[3] ?? '').indexOf('username_secret') + 1;
    expect(findSecretReference(text, 'IDX_USER')).toEqual({ key: 'username_secret', line: 4, column });
    expect(findSecretReference(text, 'IDX.PW')).toMatchObject({ key: 'password_secret', line: 4 });
  });

  it('does not match a longer id or a regex look-alike', () => {
    expect(findSecretReference(text, 'IDX')).toBeUndefined();
    expect(findSecretReference(text, 'IDX_PW')).toBeUndefined();
  });
});
