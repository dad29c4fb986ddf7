/**
 * Make the shared engine forget one build, as a fresh runner would not have it, without
 * touching anyone else's cache. Other engineers and test files build on the same daemon, and
 * no second BuildKit can be started here (the docker-container driver needs an image we
 * cannot pull), so `docker builder prune` with no filter is out of the question. Instead:
 *
 *   const before = await buildRecordIds();                          // right before the build
 *   const log = ... the build ...
 *   const mine = recordsOfBuild(await buildRecords(), before, { tokens, log });
 *   await pruneRecords(mine.map((r) => r.id));
 *
 * A record counts as this build's when it appeared during the build AND either
 * - holds a token only this build uses (the private index's address, which the generated RUN
 *   lines spell out), or is built on such a record (its parent chain), or
 * - is a step of this build's log: the final stage's `COPY --link` layers have no parent to
 *   follow, yet if they stayed, BuildKit would find the final result by its definition-based
 *   cache keys and report every earlier step CACHED without needing them.
 * Step titles alone would not be enough over a longer window: other test files build the same
 * generated Dockerfile shapes (`[project 1/2] COPY . /src`); over the seconds of one build the
 * overlap is small, and deleting such a record only costs its owner one cheap step.
 * `-a` is needed because a record whose layers are known elsewhere counts as "shared" and a
 * plain prune skips it; with an id filter `-a` still removes nothing but that record. RUN cache
 * mounts (exec.cachemount) are never deleted here: every generated Dockerfile shares their ids.
 */
import { run } from '../../e2e/support/run.js';

export interface BuildRecord {
  readonly id: string;
  readonly parents: readonly string[];
  readonly description: string;
  readonly type: string;
  readonly createdAt: string;
}

/** Parses `docker buildx du --verbose` (buildx 0.13 has no JSON format for it). */
export function parseDiskUsage(text: string): BuildRecord[] {
  const records: BuildRecord[] = [];
  for (const block of text.split(/\n\s*\n/)) {
    const fields = new Map<string, string>();
    for (const line of block.split('\n')) {
      const m = /^([A-Za-z ]+):\s*(.*)$/.exec(line);
      if (m?.[1] && m[2] !== undefined) fields.set(m[1].trim(), m[2].trim());
    }
    const id = fields.get('ID');
    if (!id) continue;
    const parents = (fields.get('Parent') ?? fields.get('Parents') ?? '').split(',').filter((p) => p !== '');
    records.push({
      id,
      parents,
      description: fields.get('Description') ?? '',
      type: fields.get('Type') ?? '',
      createdAt: fields.get('Created at') ?? '',
    });
  }
  return records;
}

export async function buildRecords(): Promise<BuildRecord[]> {
  const r = await run('docker', ['buildx', 'du', '--verbose'], { timeoutMs: 60_000 });
  if (r.code !== 0) throw new Error(`docker buildx du failed: ${r.stderr}`);
  return parseDiskUsage(r.stdout);
}

export async function buildRecordIds(): Promise<Set<string>> {
  return new Set((await buildRecords()).map((r) => r.id));
}

const squash = (text: string): string => text.replace(/\s+/g, ' ').trim();

/** Whether a record's description is one of the steps the build log shows. */
export function isStepOf(description: string, log: string): boolean {
  const titles = new Set<string>();
  const commands: string[] = [];
  for (const line of log.split('\n')) {
    const m = /^#\d+ (\[[^\]]+\] .*)$/.exec(line);
    if (!m?.[1]) continue;
    const title = squash(m[1]);
    titles.add(title);
    const run = /^\[[^\]]+\] RUN (.*)$/.exec(title);
    if (run?.[1]) commands.push(run[1]);
  }
  const d = squash(description);
  // `[image 4/5] LINK COPY …` is the merge of a `[image 4/5] COPY --link …` layer onto the stage
  if (titles.has(d) || titles.has(d.replace(/^(\[[^\]]+\]) LINK /, '$1 '))) return true;
  const run = /^mount \/ from exec \/bin\/sh -c (.*)$/.exec(d);
  // a RUN's title shows its --mount flags before the command the record describes
  return run?.[1] !== undefined && run[1].length >= 8 && commands.some((c) => c.endsWith(run[1] ?? ''));
}

export interface BuildTrace {
  /** Strings only this build's steps contain (e.g. `127.0.0.1:PORT/`). */
  readonly tokens: readonly string[];
  /** The build's `--progress=plain` log. */
  readonly log: string;
  /** Strings that make a new record this build's wherever they appear (e.g. the cache dance's paths). */
  readonly markers?: readonly string[];
}

/** The records a build made: new since `before`, and provably this build's (see above). */
export function recordsOfBuild(
  all: readonly BuildRecord[],
  before: ReadonlySet<string>,
  trace: BuildTrace,
): BuildRecord[] {
  if (trace.tokens.some((t) => t.length < 8)) throw new Error('recordsOfBuild: tokens must be specific');
  const byId = new Map(all.map((r) => [r.id, r]));
  const verdict = new Map<string, boolean>();
  const carriesToken = (r: BuildRecord, seen: Set<string>): boolean => {
    const known = verdict.get(r.id);
    if (known !== undefined) return known;
    if (seen.has(r.id)) return false;
    seen.add(r.id);
    const parents = r.parents.map((p) => byId.get(p)).filter((p): p is BuildRecord => p !== undefined);
    const v =
      trace.tokens.some((t) => r.description.includes(t)) || parents.some((p) => carriesToken(p, seen));
    verdict.set(r.id, v);
    return v;
  };
  return all.filter(
    (r) =>
      !before.has(r.id) &&
      r.type !== 'exec.cachemount' &&
      (carriesToken(r, new Set()) ||
        isStepOf(r.description, trace.log) ||
        (trace.markers ?? []).some((m) => r.description.includes(m))),
  );
}

/** Deletes exactly these records (children before parents, in a few passes). */
export async function pruneRecords(ids: readonly string[]): Promise<void> {
  let left = [...ids];
  for (let pass = 0; pass < 4 && left.length > 0; pass++) {
    for (const id of left) {
      await run('docker', ['builder', 'prune', '-a', '-f', '--filter', `id=${id}`], { timeoutMs: 60_000 });
    }
    const still = new Set((await buildRecords()).map((r) => r.id));
    left = left.filter((id) => still.has(id));
  }
}

/** Forget what one build left in the engine; returns the ids it deleted. */
export async function forgetBuild(before: ReadonlySet<string>, trace: BuildTrace): Promise<string[]> {
  const ids = recordsOfBuild(await buildRecords(), before, trace).map((r) => r.id);
  await pruneRecords(ids);
  return ids;
}

/** Deletes the cache mount with this id (only for ids a test made up itself). */
export async function pruneCacheMount(id: string): Promise<number> {
  const records = (await buildRecords()).filter(
    (r) => r.type === 'exec.cachemount' && r.description.endsWith(`with id "/${id}"`),
  );
  await pruneRecords(records.map((r) => r.id));
  return records.length;
}
