/**
 * A function's results kept by their string argument: rules ask about the same texts, labels and
 * terms again and again (every row against every recommendation, every age a paragraph gives). The
 * table is cleared when it reaches `limit` entries: a cache, not a store, so its memory is bounded
 * whatever the report.
 */
export function memoByKey<T>(compute: (key: string) => T, limit: number): (key: string) => T {
  const cache = new Map<string, T>();
  return (key) => {
    let value = cache.get(key);
    if (value === undefined) {
      value = compute(key);
      if (cache.size >= limit) cache.clear();
      cache.set(key, value);
    }
    return value;
  };
}
