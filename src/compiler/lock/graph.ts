import type { LockEdge, LockNode } from './types.js';

/** Beyond this many (node, marker) visits the lock is refused rather than walked for minutes. */
const VISIT_BUDGET = 200_000;

export class LockGraphError extends Error {}

/**
 * The nodes a set of root edges reaches, each with the marker under which it is needed:
 * the OR over every path of the AND of the markers along it (no marker when some path has
 * none). Several versions of one package under exclusive markers each keep their own marker,
 * so pip picks the right one in each platform's build. Returns nodes in the lock's order.
 */
export function walkLock(
  nodes: readonly LockNode[],
  roots: readonly LockEdge[],
): { node: LockNode; marker: string | undefined }[] {
  const byId = new Map(nodes.map((n) => [n.id, n]));
  // per visit key (node id, or node id + extra): the path markers seen; '' = unconditional
  const seen = new Map<string, Set<string>>();
  let visits = 0;
  const stack: { key: string; id: string; extra?: string; marker: string }[] = [];
  const push = (edge: LockEdge, parent: string) => {
    const marker = and(parent, edge.marker ?? '');
    stack.push({ key: edge.to, id: edge.to, marker });
    for (const extra of edge.extras) stack.push({ key: `${edge.to}[${extra}]`, id: edge.to, extra, marker });
  };
  for (const root of roots) push(root, '');
  while (stack.length > 0) {
    const item = stack.pop() as (typeof stack)[number];
    if (++visits > VISIT_BUDGET)
      throw new LockGraphError('the dependency graph has too many marker combinations to walk');
    const node = byId.get(item.id);
    if (node === undefined)
      throw new LockGraphError(`a dependency refers to "${item.id}", which the lock does not hold`);
    let markers = seen.get(item.key);
    if (markers === undefined) seen.set(item.key, (markers = new Set()));
    if (markers.has('') || markers.has(item.marker)) continue;
    if (item.marker === '') markers.clear();
    markers.add(item.marker);
    const edges = item.extra === undefined ? node.dependencies : (node.optional.get(item.extra) ?? []);
    // an extra also needs the package itself
    if (item.extra !== undefined) stack.push({ key: item.id, id: item.id, marker: item.marker });
    for (const edge of edges) push(edge, item.marker);
  }
  const out: { node: LockNode; marker: string | undefined }[] = [];
  for (const node of nodes) {
    const markers = seen.get(node.id);
    if (markers === undefined) continue;
    out.push({ node, marker: markers.has('') ? undefined : or([...markers]) });
  }
  return out;
}

function and(a: string, b: string): string {
  if (a === '') return b;
  if (b === '' || a === b) return a;
  return `${wrap(a)} and ${wrap(b)}`;
}

function or(markers: string[]): string {
  const unique = [...new Set(markers)];
  return unique.length === 1 ? (unique[0] as string) : unique.map(wrap).join(' or ');
}

/** Parenthesize unless the marker is one comparison (no top-level `and`/`or`). */
function wrap(marker: string): string {
  return /\s(and|or)\s/.test(marker) ? `(${marker})` : marker;
}
