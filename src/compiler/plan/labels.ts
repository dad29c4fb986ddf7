import type { ResolvedTarget } from '../resolve/loadProject.js';
import { redactUrlCredentials } from '../model/credentials.js';
import type { TemplatePart } from '../model/template.js';
import type { KeyValue } from '../dockerfile/instructions.js';

const literal = (text: string): TemplatePart[] => [{ kind: 'text', text: text.replace(/\s+/g, ' ').trim() }];

/**
 * The final image's labels: OCI annotations from the project metadata, microb's own, then the
 * target's labels, which win over generated ones with the same key.
 */
export function imageLabels(target: ResolvedTarget, dependencies: readonly string[] | undefined): KeyValue[] {
  const { metadata, config } = target;
  const generated: [string, string | undefined][] = [
    ['org.opencontainers.image.title', metadata.name],
    ['org.opencontainers.image.version', metadata.version],
    ['org.opencontainers.image.description', metadata.description],
    ['org.opencontainers.image.licenses', metadata.license],
    [
      'org.opencontainers.image.authors',
      metadata.authors.length > 0 ? metadata.authors.join(', ') : undefined,
    ],
    ['dev.microb.target', config.name],
    [
      'dev.microb.dependencies',
      dependencies === undefined || dependencies.length === 0 ? undefined : JSON.stringify(dependencies),
    ],
  ];
  const userKeys = new Set(config.labels.map((l) => l.key));
  const labels: KeyValue[] = generated.flatMap(([key, value]) =>
    value === undefined || value === '' || userKeys.has(key) ? [] : [{ key, value: literal(value) }],
  );
  return [...labels, ...config.labels.map((l) => ({ key: l.key, value: l.template }))];
}

/** The requested dependencies as the mopy-style label lists them: credentials stripped. */
export function dependencyList(target: ResolvedTarget): string[] {
  if (target.config.requirements !== undefined) return [`-r ${target.config.requirements}`];
  if (target.lock !== undefined)
    return target.lock.requirements.map(
      (r) => `${r.requirement}${r.marker !== undefined ? ` ; ${r.marker}` : ''}`,
    );
  // check refuses credentials in URLs already; the shared redaction is the second guard
  return target.dependencies.map(redactUrlCredentials);
}
