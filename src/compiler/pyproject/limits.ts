/**
 * Bounds on what one pyproject can ask of the compiler, so that a pull request cannot hold a
 * runner with a huge file (the shells cap the file's size; these cap its contents). Far above
 * any real project: each is reported with a clear error, never a slow compile.
 */
export const MAX_TARGETS = 1000;
/** Requirements in one list (dependencies, one extra, build requires, Poetry's table). */
export const MAX_REQUIREMENTS = 25_000;
/**
 * Longest single value (requirement, label, path…) in UTF-8 bytes: BuildKit reads Dockerfile lines
 * of at most 65,535 bytes, and a value is written on one line (longer lists are split per item).
 */
export const MAX_VALUE_BYTES = 60_000;
