/**
 * Credentials written into URLs (`scheme://user:password@host`, `git+https://TOKEN@host`): the one
 * check every URL-bearing requirement, index and requirements-file line goes through, and the one
 * redaction every text leaving the runner (comment, summary, labels, outputs) goes through.
 *
 * URLs are found by scheme (any scheme, any case) and read with the WHATWG URL parser, so
 * `git+HTTPS://ghp_x@…`, `Https://u:p@…` and `ftp://u:p@…` are all caught.
 */

/** `scheme://` up to the next whitespace or quote: the URLs a line of text can hold. */
const URL_IN_TEXT = /\b[A-Za-z][A-Za-z0-9+.-]*:\/\/[^\s"'<>`]+/g;
/** The authority part, for URLs the WHATWG parser refuses (`https://u:p@[broken`). */
const USERINFO = /^([A-Za-z][A-Za-z0-9+.-]*:\/\/)([^/?#\s]*)@/;

export interface UrlCredential {
  /** Offset of the URL in the text. */
  readonly index: number;
  /** The URL's scheme, lower case, without `:`. */
  readonly scheme: string;
  /** True when a password (`user:password@`) is written, not only a user name. */
  readonly hasPassword: boolean;
}

/**
 * The first URL in `text` that carries a credential, or undefined. A bare user name counts for
 * every scheme but ssh (`git+ssh://git@github.com/…` names an account, not a secret): a token is
 * commonly written as the user name (`https://ghp_xxx@github.com/…`).
 */
export function findUrlCredential(text: string): UrlCredential | undefined {
  for (const match of text.matchAll(URL_IN_TEXT)) {
    const found = credentialOf(match[0]);
    if (found) return { index: match.index, ...found };
  }
  return undefined;
}

function credentialOf(url: string): { scheme: string; hasPassword: boolean } | undefined {
  const scheme = url.slice(0, url.indexOf(':')).toLowerCase();
  let username: string;
  let password: string;
  try {
    const parsed = new URL(url);
    username = parsed.username;
    password = parsed.password;
  } catch {
    // not a URL for WHATWG, but perhaps for pip or git: judge the authority as written
    const userinfo = USERINFO.exec(url)?.[2];
    if (userinfo === undefined) return undefined;
    const colon = userinfo.indexOf(':');
    username = colon === -1 ? userinfo : userinfo.slice(0, colon);
    password = colon === -1 ? '' : userinfo.slice(colon + 1);
  }
  if (password !== '') return { scheme, hasPassword: true };
  if (username !== '' && !isSsh(scheme)) return { scheme, hasPassword: false };
  return undefined;
}

function isSsh(scheme: string): boolean {
  return scheme === 'ssh' || scheme.endsWith('+ssh');
}

/** The hint for a credential found in a requirement or URL. */
export const CREDENTIAL_HINT =
  'a credential in a URL ends up in the Dockerfile, the image history, its labels and the PR comment: serve the package from an index in `indices` with username_secret/password_secret (passed as build secrets), or use git+ssh://';

/**
 * `text` with the user information of every URL removed (`git+HTTPS://tok@host/x` →
 * `git+HTTPS://host/x`, `ftp://u:p@h` → `ftp://h`), except a bare ssh user name. For every text
 * that leaves the runner: PR comment, job summary, labels, step outputs.
 */
export function redactUrlCredentials(text: string): string {
  return text.replace(URL_IN_TEXT, (url) => {
    if (credentialOf(url) === undefined) return url;
    const prefix = /^[A-Za-z][A-Za-z0-9+.-]*:\/\//.exec(url)?.[0] ?? '';
    const rest = url.slice(prefix.length);
    // the user information ends at the last `@` before the path
    const authorityEnd = rest.search(/[/?#]/);
    const authority = authorityEnd === -1 ? rest : rest.slice(0, authorityEnd);
    const at = authority.lastIndexOf('@');
    return at === -1 ? url : `${prefix}${rest.slice(at + 1)}`;
  });
}
