import type { FieldReader } from './fields.js';
import { checkNoCredential } from './requirements.js';
import type { KeyPath } from './sourceMap.js';
import { closest } from './suggest.js';
import type { Credential, IndexConfig } from './targetConfig.js';

const INDEX_KEYS = ['url', 'username', 'password', 'username_secret', 'password_secret', 'trust', 'primary'];
const SECRET_ID = /^[A-Za-z0-9][A-Za-z0-9_.-]*$/;

/** One `indices` entry. Credentials are kept apart from the URL: only build secrets carry them. */
export function readIndex(fields: FieldReader, path: KeyPath, table: Record<string, unknown>): IndexConfig {
  const doc = fields.doc;
  for (const key of Object.keys(table)) {
    if (!INDEX_KEYS.includes(key)) {
      const guess = closest(key, INDEX_KEYS);
      throw doc.error(
        [...path, key],
        `unknown key \`${key}\` in an index`,
        guess ? `did you mean \`${guess}\`?` : `allowed: ${INDEX_KEYS.join(', ')}`,
      );
    }
  }
  if (table.url === undefined)
    throw doc.error(
      path,
      'an index needs a `url`',
      'indices = [{ url = "https://pypi.example.com/simple" }]',
    );
  const rawUrl = fields.string([...path, 'url'], table.url);
  let url: URL;
  try {
    url = new URL(rawUrl);
  } catch {
    throw doc.error(
      [...path, 'url'],
      `invalid index url ${JSON.stringify(rawUrl)}`,
      'an absolute http(s) URL, e.g. "https://pypi.example.com/simple"',
    );
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw doc.error(
      [...path, 'url'],
      `unsupported index url scheme "${url.protocol}"`,
      'use https:// (or http:// with trust = true)',
    );
  }
  // the one credential check (any scheme, any case), then the parsed URL as a second guard
  checkNoCredential(doc, [...path, 'url'], rawUrl);
  if (url.username || url.password) {
    throw doc.error(
      [...path, 'url'],
      'the index url contains credentials',
      'credentials in a URL end up in the Dockerfile and image history: use username/password or username_secret/password_secret',
    );
  }
  const credential = (kind: 'username' | 'password'): Credential | undefined => {
    const inline = table[kind];
    const secret = table[`${kind}_secret`];
    if (inline !== undefined && secret !== undefined) {
      throw doc.error(
        [...path, `${kind}_secret`],
        `both \`${kind}\` and \`${kind}_secret\` are set`,
        `keep \`${kind}_secret\`: the value stays out of the pyproject`,
      );
    }
    if (secret !== undefined) {
      const id = fields.string([...path, `${kind}_secret`], secret);
      if (!SECRET_ID.test(id))
        throw doc.error(
          [...path, `${kind}_secret`],
          `invalid secret id ${JSON.stringify(id)}`,
          'letters, digits, "_", "-" and "."',
        );
      return { kind: 'secret', id };
    }
    if (inline !== undefined) return { kind: 'inline', value: fields.string([...path, kind], inline) };
    return undefined;
  };
  const username = credential('username');
  const password = credential('password');
  if (password && !username) {
    throw doc.error(
      [...path, table.password !== undefined ? 'password' : 'password_secret'],
      'a password without a username',
      'set `username` (or `username_secret`); a single token goes in the username',
    );
  }
  return {
    url: url.toString(),
    host: url.hostname,
    ...(username && { username }),
    ...(password && { password }),
    trust: table.trust === undefined ? false : fields.boolean([...path, 'trust'], table.trust),
    primary: table.primary === undefined ? false : fields.boolean([...path, 'primary'], table.primary),
  };
}
