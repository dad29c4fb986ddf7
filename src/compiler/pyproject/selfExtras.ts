/**
 * Extras that name the project itself (`all = ["pdm[keyring,template]"]`) mean "these other
 * extras too". pip would fetch the project's release from the index for them, which then shadows
 * the copied code; so they are expanded into the named extras' requirements, recursively (cycles
 * stop), each keeping the self-reference's marker.
 */
import { formatRequirement, normalizeName, parseRequirement, type Requirement } from './pep508.js';
import type { ProjectMetadata } from './projectMetadata.js';

export function expandSelfExtras(metadata: ProjectMetadata): ProjectMetadata {
  if (metadata.name === undefined || metadata.optionalDependencies.size === 0) return metadata;
  const self = normalizeName(metadata.name);
  // the requirements here were parsed and printed canonically when the metadata was read
  const parsed = new Map(
    [...metadata.optionalDependencies].map(([k, v]) => [normalizeName(k), v.map(parseRequirement)] as const),
  );
  const isSelf = (r: Requirement) => normalizeName(r.name) === self && r.url === undefined;
  if (![...parsed.values()].some((reqs) => reqs.some(isSelf))) return metadata;

  const expand = (reqs: readonly Requirement[], seen: ReadonlySet<string>): Requirement[] =>
    reqs.flatMap((r) => {
      if (!isSelf(r)) return [r];
      return r.extras
        .map(normalizeName)
        .filter((n) => !seen.has(n))
        .flatMap((n) => expand(parsed.get(n) ?? [], new Set([...seen, n])))
        .map((inner): Requirement => {
          if (r.marker === undefined) return inner;
          const marker =
            inner.marker === undefined
              ? r.marker
              : { kind: 'and' as const, left: inner.marker, right: r.marker };
          return { ...inner, marker };
        });
    });
  const optional = new Map<string, string[]>();
  for (const [group, reqs] of metadata.optionalDependencies) {
    const expanded = expand(reqs.map(parseRequirement), new Set([normalizeName(group)]));
    optional.set(group, [...new Set(expanded.map(formatRequirement))]);
  }
  return { ...metadata, optionalDependencies: optional };
}
