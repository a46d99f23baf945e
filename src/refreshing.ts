/**
 * A value read at most once per `ttlMs`: callers within that time share the last answer, callers
 * while a read is under way share that read. A failed read is not kept; the next caller reads.
 */
export function refreshing<T>(ttlMs: number, read: () => Promise<T>): () => Promise<T> {
  let cached: { at: number; value: Promise<T> } | undefined;
  return () => {
    if (!cached || Date.now() - cached.at > ttlMs) {
      const entry = { at: Date.now(), value: read() };
      cached = entry;
      entry.value.catch(() => {
        if (cached === entry) cached = undefined;
      });
    }
    return cached.value;
  };
}
