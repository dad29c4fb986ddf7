/**
 * Extras that name the project itself (`all = ["pdm[keyring,template]"]`) mean "these other
 * extras too". pip would fetch the project's release from the index for them, which then shadows
 * the copied code; so they are expanded into the named extras' requirements, recursively (cycles
 * stop), each keeping the self-reference's marker.
 */
import type { ProjectMetadata } from './projectMetadata.js';
import { canonicalName, requirementName } from './projectShape.js';

const SELF = /^\s*[A-Za-z0-9][A-Za-z0-9._-]*\s*(?:\[([^\]]*)\])?[^;]*(?:;(.*))?$/;

export function expandSelfExtras(metadata: ProjectMetadata): ProjectMetadata {
  if (metadata.name === undefined || metadata.optionalDependencies.size === 0) return metadata;
  const self = canonicalName(metadata.name);
  const groups = new Map([...metadata.optionalDependencies].map(([k, v]) => [canonicalName(k), v] as const));
  const isSelf = (r: string) => requirementName(r) === self && !r.includes('@');
  if (![...groups.values()].some((reqs) => reqs.some(isSelf))) return metadata;

  const expand = (reqs: readonly string[], seen: ReadonlySet<string>): string[] =>
    reqs.flatMap((r) => {
      if (!isSelf(r)) return [r];
      const m = SELF.exec(r);
      const marker = m?.[2]?.trim();
      const names = (m?.[1] ?? '')
        .split(',')
        .map((e) => canonicalName(e.trim()))
        .filter(Boolean);
      return names
        .filter((n) => !seen.has(n))
        .flatMap((n) => expand(groups.get(n) ?? [], new Set([...seen, n])))
        .map((inner) => (marker ? withMarker(inner, marker) : inner));
    });
  const optional = new Map<string, string[]>();
  for (const [group, reqs] of metadata.optionalDependencies) {
    const expanded = expand(reqs, new Set([canonicalName(group)]));
    optional.set(group, [...new Set(expanded)]);
  }
  return { ...metadata, optionalDependencies: optional };
}

/** `req ; a` and `b` → `req ; (a) and (b)`. */
function withMarker(requirement: string, marker: string): string {
  // markers hold no `;`: the last one starts it (after a URL only with whitespace before it, PEP 508)
  const semi = requirement.lastIndexOf(';');
  if (semi === -1 || (requirement.includes('@') && !/\s/.test(requirement[semi - 1] ?? '')))
    return `${requirement} ; ${marker}`;
  return `${requirement.slice(0, semi).trimEnd()} ; (${requirement.slice(semi + 1).trim()}) and (${marker})`;
}
