import type { IdPrefix } from '../ids';
import { NotFoundError } from '../errors';

/**
 * A path id that is not of Herald's form cannot name anything: answer 404 before it reaches
 * SQL (Postgres refuses NUL bytes and would otherwise turn a typo into a 500).
 */
export function pathId(value: string | undefined, prefix: IdPrefix, what: string): string {
  if (value === undefined || !new RegExp(`^${prefix}_[0-9a-z]{26}$`).test(value))
    throw new NotFoundError(what);
  return value;
}
