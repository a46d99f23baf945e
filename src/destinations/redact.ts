/**
 * A destination's `redact` (DESIGN §4): dotted paths removed from the envelope before it is
 * rendered and signed, for receivers that must not get personal data. The stored event keeps
 * them. The fields that identify the event cannot be removed: receivers deduplicate and verify
 * with them.
 */
export const MAX_REDACTED_PATHS = 50;

const PROTECTED_FIELDS = new Set(['id', 'type', 'timestamp', 'platformId']);
const DOTTED_PATH = /^[A-Za-z0-9_-]+(\.[A-Za-z0-9_-]+)*$/;

/** Why a path cannot be redacted, if it cannot. */
export function redactPathProblem(path: string): string | undefined {
  if (!DOTTED_PATH.test(path)) return 'is not a dotted path such as data.user.email';
  if (PROTECTED_FIELDS.has(path)) return `cannot be removed: receivers need ${path}`;
  return undefined;
}

/** A copy of the envelope without the given paths (a path that is not there changes nothing). */
export function redactEnvelope<T extends object>(envelope: T, paths: readonly string[]): T {
  if (paths.length === 0) return envelope;
  const copy = structuredClone(envelope);
  for (const path of paths) {
    const segments = path.split('.');
    const last = segments.pop()!;
    let parent: unknown = copy;
    for (const segment of segments) {
      parent =
        typeof parent === 'object' && parent !== null
          ? (parent as Record<string, unknown>)[segment]
          : undefined;
    }
    if (typeof parent === 'object' && parent !== null)
      delete (parent as Record<string, unknown>)[last];
  }
  return copy;
}
