/**
 * `${NAME}` / `${NAME:-default}` references in env and label values, filled from build args
 * by BuildKit itself (the Dockerfile declares `ARG NAME`). Any other `$` is literal text.
 */
export type TemplatePart =
  | { readonly kind: 'text'; readonly text: string }
  | { readonly kind: 'arg'; readonly name: string; readonly fallback?: string };

const REFERENCE = /\$\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?\}/g;

export function parseTemplate(value: string): TemplatePart[] {
  const parts: TemplatePart[] = [];
  let at = 0;
  for (const match of value.matchAll(REFERENCE)) {
    if (match.index > at) parts.push({ kind: 'text', text: value.slice(at, match.index) });
    const name = match[1] ?? '';
    parts.push(match[2] === undefined ? { kind: 'arg', name } : { kind: 'arg', name, fallback: match[2] });
    at = match.index + match[0].length;
  }
  if (at < value.length) parts.push({ kind: 'text', text: value.slice(at) });
  return parts;
}

/** The value as the built image will hold it, given the build args. */
export function resolveTemplate(
  parts: readonly TemplatePart[],
  buildArgs: Readonly<Record<string, string>>,
): string {
  return parts
    .map((part) => {
      if (part.kind === 'text') return part.text;
      // own keys only: `${constructor}` must not find Object.prototype.constructor
      const given = Object.hasOwn(buildArgs, part.name) ? buildArgs[part.name] : undefined;
      // BuildKit's `:-` treats an empty value like an unset one
      return given !== undefined && given !== '' ? given : (part.fallback ?? given ?? '');
    })
    .join('');
}

export function argNames(parts: readonly TemplatePart[]): string[] {
  return parts.flatMap((part) => (part.kind === 'arg' ? [part.name] : []));
}
