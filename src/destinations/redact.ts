import { dottedPathProblem } from './dottedPath';

/**
 * A destination's `redact` (DESIGN §4): dotted paths removed from the envelope before it is
 * rendered and signed, for receivers that must not get personal data. The stored event keeps
 * them. The fields that identify the event cannot be removed: receivers deduplicate and verify
 * with them.
 */
export const MAX_REDACTED_PATHS = 50;

const PROTECTED_FIELDS = new Set(['id', 'type', 'timestamp', 'platformId']);

/** Why a path cannot be redacted, if it cannot. */
export function redactPathProblem(path: string): string | undefined {
  const pathProblem = dottedPathProblem(path, 'data.user.email');
  if (pathProblem) return pathProblem;
  if (PROTECTED_FIELDS.has(path)) return `cannot be removed: receivers need ${path}`;
  return undefined;
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null;

/** A copy of the envelope without the given paths (a path that is not there changes nothing). */
export function redactEnvelope<T extends object>(envelope: T, paths: readonly string[]): T {
  if (paths.length === 0) return envelope;
  const copy = structuredClone(envelope);
  for (const path of paths) {
    const segments = path.split('.');
    const last = segments.pop()!;
    let parent: unknown = copy;
    // Own properties only: a path never walks into a prototype, whatever was stored.
    for (const segment of segments) {
      parent = isObject(parent) && Object.hasOwn(parent, segment) ? parent[segment] : undefined;
    }
    if (isObject(parent) && Object.hasOwn(parent, last)) delete parent[last];
  }
  return copy;
}
