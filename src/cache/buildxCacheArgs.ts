/**
 * `--cache-from` / `--cache-to` values, as data (pure). buildx parses each value as one CSV
 * record, so a path holding a comma or a quote is quoted here, the one place that does it.
 */

export interface BuildxCacheFlags {
  /** Values for `--cache-from`, one flag each. */
  readonly cacheFrom: readonly string[];
  /** Values for `--cache-to`, one flag each. */
  readonly cacheTo: readonly string[];
}

export const NO_CACHE_FLAGS: BuildxCacheFlags = { cacheFrom: [], cacheTo: [] };

/** One CSV field as encoding/csv reads it: quoted when it holds a comma, a quote or a newline. */
export function csvField(field: string): string {
  return /[",\r\n]/.test(field) ? `"${field.replace(/"/g, '""')}"` : field;
}

function record(fields: readonly string[]): string {
  return fields.map(csvField).join(',');
}

/**
 * The local exporter only ever adds blobs to a directory, so exporting into the directory we
 * imported from would grow the cache by every run's layers. Export into a fresh directory
 * instead (`toDir`) and let the save step swap it in. `mode=max` also exports the
 * intermediate stages (dependency and build-backend layers), which is what makes a fresh
 * runner fast. `ignore-error` because a cache that can't be written must not fail the build.
 */
export function localCacheFlags(dirs: {
  readonly fromDir?: string;
  readonly toDir?: string;
}): BuildxCacheFlags {
  return {
    cacheFrom: dirs.fromDir ? [record(['type=local', `src=${dirs.fromDir}`])] : [],
    cacheTo: dirs.toDir
      ? [record(['type=local', `dest=${dirs.toDir}`, 'mode=max', 'ignore-error=true'])]
      : [],
  };
}

/** buildx's own GitHub Actions cache backend, one scope per target and platform set. */
export function ghaCacheFlags(scope: string): BuildxCacheFlags {
  return {
    cacheFrom: [record(['type=gha', `scope=${scope}`])],
    cacheTo: [record(['type=gha', `scope=${scope}`, 'mode=max', 'ignore-error=true'])],
  };
}

export function toBuildxArgs(flags: BuildxCacheFlags): string[] {
  return [
    ...flags.cacheFrom.flatMap((v) => ['--cache-from', v]),
    ...flags.cacheTo.flatMap((v) => ['--cache-to', v]),
  ];
}
