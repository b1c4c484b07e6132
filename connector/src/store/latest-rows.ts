/**
 * One row per id, the newest where a page repeats an id: PostgreSQL refuses an upsert that
 * touches the same row twice. `newer(a, b)` says whether `b` replaces `a`; without it, the later
 * row does. Returns the input itself when no id repeats (the common case).
 */
export function latestRows<T extends { readonly id: string }>(
  rows: readonly T[],
  newer: (earlier: T, later: T) => boolean = () => true,
): readonly T[] {
  const byId = new Map<string, T>();
  for (const row of rows) {
    const earlier = byId.get(row.id);
    if (earlier === undefined || newer(earlier, row)) byId.set(row.id, row);
  }
  return byId.size === rows.length ? rows : [...byId.values()];
}
