import type { Database } from '../db/knex';
import { NotFoundError } from '../errors';
import type { DestinationRow } from './model';

/** A platform's destinations that are not deleted: the only ones anything may act on. */
export function liveDestinations(db: Database, platformId: string) {
  return db<DestinationRow>('event_destinations')
    .where({ platform_id: platformId })
    .whereNull('deleted_at');
}

/** 404 unless the platform has this destination, not deleted. */
export async function requireLiveDestination(
  db: Database,
  platformId: string,
  destinationId: string,
): Promise<void> {
  const found = await liveDestinations(db, platformId).andWhere({ id: destinationId }).first('id');
  if (!found) throw new NotFoundError('Event destination');
}
