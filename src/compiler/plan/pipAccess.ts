import type { SecretRequirement } from '../model/types.js';
import type { Credential, IndexConfig } from '../pyproject/targetConfig.js';
import { shellQuote } from '../dockerfile/quote.js';
import type { Mount } from '../dockerfile/instructions.js';

/** How every pip RUN reaches the configured indexes: secret mounts and an environment prefix. */
export interface PipAccess {
  readonly mounts: readonly Mount[];
  /** Shell commands to run first (defining the credential reader), possibly empty. */
  readonly prelude: readonly string[];
  /** `NAME=value` assignments to put before the pip command. */
  readonly environment: readonly string[];
  readonly secrets: readonly SecretRequirement[];
}

const SECRETS_DIR = '/run/secrets';

// Reads a secret file and URL-encodes it. The secret travels file → python → shell variable,
// never through a command line, so it is in no process list, log line or image history.
const READ_CREDENTIAL =
  'microb_credential() { python -c \'import sys, urllib.parse; print(urllib.parse.quote(open(sys.argv[1]).read().strip("\\r\\n"), safe=""))\' "$1"; }';

/**
 * `numberOf` gives an index's 1-based number for the ids of its inline credentials (default: its
 * position), so a second access over some of the target's indices reuses the same secret ids.
 */
export function pipAccess(
  indices: readonly IndexConfig[],
  numberOf: (index: IndexConfig, position: number) => number = (_, n) => n + 1,
): PipAccess {
  const mounts: Mount[] = [];
  const secrets: SecretRequirement[] = [];
  const extra: string[] = [];
  let primary: string | undefined;
  const trusted: string[] = [];

  indices.forEach((index, n) => {
    const credentialWord = (kind: 'username' | 'password', credential: Credential) => {
      const id = credential.kind === 'secret' ? credential.id : `microb-index-${numberOf(index, n)}-${kind}`;
      if (!secrets.some((s) => s.id === id)) {
        secrets.push({
          id,
          source:
            credential.kind === 'secret' ? { kind: 'caller' } : { kind: 'inline', value: credential.value },
          purpose: `${kind} of index ${index.url}`,
        });
        mounts.push({ type: 'secret', id, target: `${SECRETS_DIR}/${id}` });
      }
      return `"$(microb_credential ${SECRETS_DIR}/${id})"`;
    };
    let word: string;
    if (index.username) {
      const url = new URL(index.url);
      const rest = index.url.slice(`${url.protocol}//`.length);
      const user = credentialWord('username', index.username);
      const pass = index.password ? `${shellQuote(':')}${credentialWord('password', index.password)}` : '';
      word = `${shellQuote(`${url.protocol}//`)}${user}${pass}${shellQuote(`@${rest}`)}`;
    } else {
      word = shellQuote(index.url);
    }
    if (index.primary) primary = word;
    else extra.push(word);
    if (index.trust && !trusted.includes(index.host)) trusted.push(index.host);
  });

  const environment: string[] = [];
  if (primary) environment.push(`PIP_INDEX_URL=${primary}`);
  // pip splits PIP_EXTRA_INDEX_URL on whitespace: join the words with a quoted space
  if (extra.length > 0) environment.push(`PIP_EXTRA_INDEX_URL=${extra.join("' '")}`);
  if (trusted.length > 0) environment.push(`PIP_TRUSTED_HOST=${shellQuote(trusted.join(' '))}`);
  return { mounts, prelude: secrets.length > 0 ? [READ_CREDENTIAL] : [], environment, secrets };
}
