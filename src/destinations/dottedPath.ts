/**
 * The dotted paths of `filter` and `redact` (DESIGN §4): `data.flowRun.status`. A segment that
 * names an object's machinery (`__proto__`, `constructor`, `prototype`) is refused: walking it
 * would reach shared prototypes rather than the event.
 */
const DOTTED_PATH = /^[A-Za-z0-9_-]+(\.[A-Za-z0-9_-]+)*$/;
const PROTOTYPE_SEGMENTS = new Set(['__proto__', 'constructor', 'prototype']);

/** Why `path` is not a usable dotted path, if it is not; `example` shows the caller's kind. */
export function dottedPathProblem(path: string, example: string): string | undefined {
  if (!DOTTED_PATH.test(path)) return `is not a dotted path such as ${example}`;
  const forbidden = path.split('.').find((segment) => PROTOTYPE_SEGMENTS.has(segment));
  if (forbidden !== undefined) return `must not name ${forbidden}`;
  return undefined;
}
