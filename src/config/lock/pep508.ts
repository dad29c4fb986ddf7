/**
 * Just enough of PEP 508 to walk a lock's roots and compare requirement sets: name, extras,
 * version specifier or URL, marker. (Validation of the requirement text itself happens where it
 * is read from the pyproject.)
 */
export interface ParsedRequirement {
  readonly name: string;
  readonly extras: readonly string[];
  readonly specifier: string;
  readonly url?: string;
  readonly marker?: string;
}

const NAME = /^\s*([A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?)\s*/;

export function parseRequirement(text: string): ParsedRequirement | undefined {
  const m = NAME.exec(text);
  if (!m) return undefined;
  const name = m[1] as string;
  let rest = text.slice(m[0].length);
  let extras: string[] = [];
  if (rest.startsWith('[')) {
    const end = rest.indexOf(']');
    if (end === -1) return undefined;
    extras = rest
      .slice(1, end)
      .split(',')
      .map((e) => e.trim())
      .filter((e) => e !== '');
    rest = rest.slice(end + 1).trimStart();
  }
  let url: string | undefined;
  let specifier = '';
  let marker: string | undefined;
  if (rest.startsWith('@')) {
    // a URL ends at whitespace; the marker, if any, follows `;` after that whitespace
    const after = rest.slice(1).trimStart();
    const urlEnd = after.search(/\s/);
    url = urlEnd === -1 ? after : after.slice(0, urlEnd);
    const tail = urlEnd === -1 ? '' : after.slice(urlEnd).trim();
    if (tail.startsWith(';')) marker = tail.slice(1).trim();
    else if (tail !== '') return undefined;
  } else {
    const semi = rest.indexOf(';');
    specifier = (semi === -1 ? rest : rest.slice(0, semi)).trim();
    if (semi !== -1) marker = rest.slice(semi + 1).trim();
    if (specifier.startsWith('(') && specifier.endsWith(')')) specifier = specifier.slice(1, -1);
  }
  return {
    name,
    extras,
    specifier: normalizeSpecifier(specifier),
    ...(url !== undefined && { url }),
    ...(marker !== undefined && marker !== '' && { marker }),
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
