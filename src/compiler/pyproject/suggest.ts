/** Words longer than this get no suggestion: a typo is short, a pasted blob is not. */
const MAX_WORD = 64;

/**
 * "did you mean …?" for misspelled keys: the closest candidate within a small edit distance.
 * Bounded work: long words are skipped, candidates whose length alone rules them out are not
 * compared, and each comparison stops as soon as it cannot beat the best so far.
 */
export function closest(word: string, candidates: readonly string[]): string | undefined {
  if (word.length > MAX_WORD) return undefined;
  const lower = word.toLowerCase();
  let best: string | undefined;
  let bestDistance = Math.max(2, Math.floor(word.length / 3)) + 1;
  for (const candidate of candidates) {
    if (candidate.length > MAX_WORD || Math.abs(candidate.length - word.length) >= bestDistance) continue;
    const d = boundedDistance(lower, candidate.toLowerCase(), bestDistance);
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  return best;
}

/** Levenshtein distance of a and b, or `limit` when it is `limit` or more. */
export function boundedDistance(a: string, b: string, limit: number): number {
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      const value = Math.min(
        (previous[j] ?? 0) + 1,
        (current[j - 1] ?? 0) + 1,
        (previous[j - 1] ?? 0) + cost,
      );
      current[j] = value;
      if (value < rowMin) rowMin = value;
    }
    if (rowMin >= limit) return limit; // every path from here costs at least this much
    previous = current;
  }
  return Math.min(previous[b.length] ?? 0, limit);
}
