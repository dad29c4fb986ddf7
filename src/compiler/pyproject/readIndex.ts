import type { FieldReader } from './fields.js';
import { checkNoCredential } from './requirements.js';
import type { KeyPath } from './sourceMap.js';
import type { Credential, IndexConfig } from './targetConfig.js';

/**
 * One `indices` entry, already checked against the key table (resolve/keys.ts). Here: what a
 * schema cannot say (the URL parses, no credentials in it), and credentials kept apart from the
 * URL: only build secrets carry them.
 */
export function readIndex(fields: FieldReader, path: KeyPath, table: Record<string, unknown>): IndexConfig {
  const doc = fields.doc;
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
    if (typeof secret === 'string') return { kind: 'secret', id: secret };
    if (typeof inline === 'string') return { kind: 'inline', value: inline };
    return undefined;
  };
  const username = credential('username');
  const password = credential('password');
  return {
    url: url.toString(),
    host: url.hostname,
    ...(username && { username }),
    ...(password && { password }),
    trust: table.trust === true,
    primary: table.primary === true,
  };
}
