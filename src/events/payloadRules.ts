/** What an event's `data` may hold beyond being a JSON object. Iterative, so depth cannot overflow the stack. */
export const MAX_DATA_DEPTH = 32;

export function dataProblem(data: unknown): string | undefined {
  const pending: { value: unknown; depth: number }[] = [{ value: data, depth: 0 }];
  while (pending.length > 0) {
    const { value, depth } = pending.pop()!;
    if (depth > MAX_DATA_DEPTH) return `must be nested at most ${MAX_DATA_DEPTH} levels deep`;
    if (typeof value === 'string') {
      // Postgres jsonb cannot hold \u0000.
      if (value.includes('\u0000')) return 'must not contain NUL characters';
    } else if (value !== null && typeof value === 'object') {
      for (const [key, inner] of Object.entries(value)) {
        if (key.includes('\u0000')) return 'must not contain NUL characters';
        pending.push({ value: inner, depth: depth + 1 });
      }
    }
  }
  return undefined;
}
