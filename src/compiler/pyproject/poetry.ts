/**
 * Poetry's version constraints (`^1.2`, `~1.2.3`, `*`, `1.2.3`, `>=1,<2`, `||`) in PEP 440 terms,
 * so pip installs what `poetry install` would.
 */
export function poetryConstraintToPep440(constraint: string): string | undefined {
  const alternatives = constraint.split('||').map((part) => part.trim());
  if (alternatives.length > 1) return undefined; // PEP 440 has no "or"; the caller reports it
  const clauses = constraint
    .split(',')
    .flatMap((c) => c.trim().split(/\s+/))
    .filter((c) => c !== '');
  const out: string[] = [];
  for (const clause of clauses) {
    const translated = translateClause(clause);
    if (translated === undefined) return undefined;
    out.push(...translated);
  }
  return out.join(',');
}

function translateClause(clause: string): string[] | undefined {
  if (clause === '*' || clause === '') return [];
  const caret = /^\^(\d+(?:\.\d+){0,2})(.*)$/.exec(clause);
  if (caret) return bounded(caret[1] ?? '', caretUpper(caret[1] ?? ''), caret[2] ?? '');
  const tilde = /^~(?!=)(\d+(?:\.\d+){0,2})(.*)$/.exec(clause);
  if (tilde) return bounded(tilde[1] ?? '', tildeUpper(tilde[1] ?? ''), tilde[2] ?? '');
  if (/^(==|!=|>=|<=|>|<|~=|===)\s*\S+$/.test(clause)) return [clause.replace(/\s+/g, '')];
  if (/^=\d/.test(clause)) return [`=${clause}`];
  const wildcard = /^(\d+(?:\.\d+)*)\.\*$/.exec(clause);
  if (wildcard) return [`==${clause}`];
  if (/^\d+(\.\d+)*([a-z]+\d*)?(\.post\d+)?(\.dev\d+)?$/i.test(clause)) return [`==${clause}`];
  return undefined;
}

function bounded(lower: string, upper: string, suffix: string): string[] {
  return [`>=${lower}${suffix}`, `<${upper}`];
}

function parts(version: string): number[] {
  return version.split('.').map((p) => Number.parseInt(p, 10));
}

// ^1.2.3 → <2.0.0; ^0.2.3 → <0.3.0; ^0.0.3 → <0.0.4; ^0 → <1
function caretUpper(version: string): string {
  const p = parts(version);
  const firstNonZero = p.findIndex((n) => n !== 0);
  const index = firstNonZero === -1 ? p.length - 1 : firstNonZero;
  return bump(p, index);
}

// ~1.2.3 → <1.3.0; ~1.2 → <1.3; ~1 → <2
function tildeUpper(version: string): string {
  const p = parts(version);
  return bump(p, p.length === 1 ? 0 : 1);
}

function bump(p: number[], index: number): string {
  const out = p.map((n, i) => (i < index ? n : i === index ? n + 1 : 0));
  return out.join('.');
}
