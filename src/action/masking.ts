/**
 * Credentials of the project, masked before anything could print them: the
 * inline index credentials of every target the run compiles, and the userinfo of any URL in the
 * pyproject or the files it names — whether or not the compiler then accepts it — each in its
 * raw and URL-encoded forms (pip prints `user%40corp` for `user@corp`).
 */
import { inlineIndexCredentials, type CompileResult, type ProjectSnapshot } from '../compiler/index.js';
import { maskSecret } from '../log/workflowLog.js';

/** `scheme://userinfo@`: any scheme, any case. */
const URL_USERINFO = /[A-Za-z][A-Za-z0-9+.-]*:\/\/([^\s/?#@"'<>\\[\]]+)@/g;

/** A userinfo with no password is a token only when it looks like one (not `git` of git@host). */
const looksLikeToken = (user: string): boolean =>
  /^(?:gh[pousr]_|github_pat_|glpat-)/.test(user) ||
  (user.length >= 8 && /[0-9]/.test(user) && /[A-Za-z]/.test(user));

const decode = (s: string): string => {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
};

/** What `maskUrlCredentials` masks in `text`, for tests. */
export function urlCredentials(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(URL_USERINFO)) {
    const info = m[1] ?? '';
    const colon = info.indexOf(':');
    const user = colon < 0 ? info : info.slice(0, colon);
    const password = colon < 0 ? '' : info.slice(colon + 1);
    if (password !== '') out.push(password, decode(password));
    if (password !== '' || looksLikeToken(user)) out.push(user, decode(user));
  }
  return [...new Set(out.filter((v) => v.length > 1))];
}

/**
 * Before compiling: every inline index credential (read from the snapshot's parse, which compile
 * then reuses) and URL userinfo the project holds.
 */
export function maskProjectCredentials(snapshot: ProjectSnapshot): void {
  for (const value of inlineIndexCredentials(snapshot)) maskSecret(value);
  for (const text of [snapshot.pyprojectText, ...snapshot.files.values()]) {
    if (text) for (const value of urlCredentials(text)) maskSecret(value);
  }
}

/** The inline credentials (index username/password written in the pyproject) of one compiled target. */
export function maskInlineCredentials(result: CompileResult): void {
  for (const s of result.plan.secrets)
    if (s.source.kind === 'inline' && s.source.value) maskSecret(s.source.value);
}
