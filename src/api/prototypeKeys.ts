import type { RequestHandler } from 'express';
import { ValidationError } from '../errors';
import { formatPath } from './validate';

interface Visit {
  value: unknown;
  key?: PropertyKey;
  parent?: Visit;
}

function pathOf(visit: Visit): PropertyKey[] {
  const path: PropertyKey[] = [];
  for (let at: Visit | undefined = visit; at?.parent; at = at.parent) path.push(at.key!);
  return path.reverse();
}

/**
 * Where a parsed JSON value holds an own `__proto__` key, if it does. Iterative (any depth), and
 * a path is built only for the key it finds, so a large clean body costs one pass.
 */
export function prototypeKeyPath(value: unknown): string | undefined {
  const pending: Visit[] = [{ value }];
  while (pending.length > 0) {
    const visit = pending.pop()!;
    const current = visit.value;
    if (typeof current !== 'object' || current === null) continue;
    if (Array.isArray(current)) {
      current.forEach((member, index) =>
        pending.push({ value: member, key: index, parent: visit }),
      );
      continue;
    }
    if (Object.hasOwn(current, '__proto__')) return formatPath([...pathOf(visit), '__proto__']);
    for (const key in current)
      pending.push({ value: (current as Record<string, unknown>)[key], key, parent: visit });
  }
  return undefined;
}

/**
 * JSON.parse keeps a `__proto__` key as an own property, but any copy of the object after it
 * (zod's records among them) turns it into the copy's prototype and drops it without a word.
 * Refused at the door, it is a 400 naming where it is, on every route.
 */
export const refusePrototypeKeys: RequestHandler = (req, _res, next) => {
  const path = prototypeKeyPath(req.body);
  if (path !== undefined) throw new ValidationError([{ path, message: 'is not allowed as a key' }]);
  next();
};
