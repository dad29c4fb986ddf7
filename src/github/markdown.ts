/** Markdown for GitHub (PR comments, the job summary). */

/** A code fence longer than any backtick run inside, so the text (a Dockerfile, a diff) can't close it early. */
export function fenced(text: string, language: string): string {
  const longestRun = Math.max(2, ...(text.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longestRun + 1);
  return `${fence}${language}\n${text.replace(/\n$/, '')}\n${fence}`;
}
