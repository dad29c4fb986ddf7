/**
 * Defence in depth for text that leaves the runner (PR comments, job summaries).
 *
 * The generated Dockerfile holds no secret by design (secrets reach the build as `--secret`
 * mounts), so a redaction here means a bug elsewhere; it still must not become a leak.
 */

import { redactUrlCredentials } from '../compiler/index.js';

const REDACTED = '***';

/** Shorter values would blank out ordinary words; GitHub's own log masking has the same floor. */
const MIN_SECRET_LENGTH = 4;

/**
 * Replaces every known secret value with `***`, and drops the user information (a token written
 * as the user name, or `user:password`) of any URL. Longer values go first so a secret that contains another is masked whole.
 */
export function redactSecrets(text: string, secrets: Iterable<string>): string {
  const values = [...new Set([...secrets].map((s) => s.trim()))]
    .filter((s) => s.length >= MIN_SECRET_LENGTH)
    .sort((a, b) => b.length - a.length);
  let out = text;
  for (const value of values) {
    out = out.split(value).join(REDACTED);
    // A secret may also appear URL-encoded inside an index URL.
    const encoded = encodeURIComponent(value);
    if (encoded !== value) out = out.split(encoded).join(REDACTED);
  }
  // the one credential redaction of the compiler: any scheme, any case, user name or password
  return redactUrlCredentials(out);
}
