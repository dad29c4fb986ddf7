import { formatMarker, parseRequirement as parse, Pep508Error } from '../pyproject/pep508.js';

/**
 * Requirements (parsed by pyproject/pep508.ts) in the shape the lock code walks and compares: name,
 * extras, a canonical specifier or the URL, the marker as text.
 */
export interface ParsedRequirement {
  readonly name: string;
  readonly extras: readonly string[];
  readonly specifier: string;
  readonly url?: string;
  readonly marker?: string;
}

/** The requirement in the shape the lock code compares, or undefined when it does not parse. */
export function parseRequirement(text: string): ParsedRequirement | undefined {
  let r;
  try {
    r = parse(text);
  } catch (error) {
    if (error instanceof Pep508Error) return undefined;
    throw error;
  }
  return {
    name: r.name,
    extras: r.extras,
    specifier: normalizeSpecifier(r.specifiers.map((s) => `${s.op}${s.version}`).join(',')),
    ...(r.url !== undefined && { url: r.url }),
    ...(r.marker !== undefined && { marker: formatMarker(r.marker) }),
  };
}

/** `>= 1.0, <2` → `<2,>=1.0`: order and spacing don't change a specifier set. */
export function normalizeSpecifier(spec: string): string {
  return spec
    .split(',')
    .map((s) => s.replace(/\s+/g, ''))
    .filter((s) => s !== '')
    .sort()
    .join(',');
}

/** Quotes and spacing of a marker made canonical, for comparisons only. */
export function normalizeMarker(marker: string | undefined): string {
  if (marker === undefined) return '';
  return marker
    .replace(/"/g, "'")
    .replace(/\s+/g, ' ')
    .replace(/\bpython_full_version\b/g, 'python_version')
    .trim();
}
