/**
 * "Did you mean …?" for unknown names, by edit distance (like CPython 3.10+'s NameError
 * suggestions, Python/suggestions.c, but with plain unit costs).
 */

/** Optimal-string-alignment distance: insert, delete, substitute, swap two neighbours = 1 each. */
export function editDistance(a: string, b: string): number {
  const m = a.length;
  const n = b.length;
  let prev2: number[] = [];
  let prev = Array.from({ length: n + 1 }, (_, j) => j);
  for (let i = 1; i <= m; i++) {
    const cur = [i];
    for (let j = 1; j <= n; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, prev2[j - 2] + 1);
      cur.push(d);
    }
    prev2 = prev;
    prev = cur;
  }
  return prev[n];
}

/**
 * The candidate closest to `name`, if it is close enough to be a plausible typo: at most about
 * a third of the name's letters wrong (always at least one). Case differences are free.
 */
export function closestName(name: string, candidates: Iterable<string>): string | undefined {
  const limit = Math.max(1, Math.floor((name.length + 2) / 3));
  const lower = name.toLowerCase();
  let best: string | undefined;
  let bestD = Infinity;
  for (const c of candidates) {
    if (c === name) continue;
    const d = editDistance(lower, c.toLowerCase());
    if (d < bestD) {
      best = c;
      bestD = d;
    }
  }
  return bestD <= limit ? best : undefined;
}

/** `" — did you mean jnp.sum?"`, or `""` when nothing is close. */
export function didYouMean(name: string, candidates: Iterable<string>, prefix = ""): string {
  const c = closestName(name, candidates);
  return c === undefined ? "" : ` — did you mean ${prefix}${c}?`;
}
