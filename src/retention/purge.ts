import type { Database } from '../db/knex';

/** Events purged per statement: small enough to hold locks briefly, large enough to keep up. */
export const PURGE_BATCH = 1_000;

/**
 * Deletes up to PURGE_BATCH events received before `before`, with their deliveries and attempts,
 * in one statement. An event with a delivery still pending, or whose workflow has not started
 * yet, stays whatever its age: retention never drops a delivery that may still be sent.
 * Answers how many events it deleted.
 */
export async function purgeExpiredEvents(db: Database, before: Date): Promise<number> {
  const { rows } = await db.raw<{ rows: { purged: string }[] }>(
    `WITH doomed AS (
       SELECT e.platform_id, e.id FROM events e
        WHERE e.received_at < :before
          AND e.workflow_started_at IS NOT NULL
          AND NOT EXISTS (SELECT 1 FROM deliveries d
                           WHERE d.platform_id = e.platform_id AND d.event_id = e.id
                             AND d.status = 'pending')
        LIMIT :batch
        FOR UPDATE SKIP LOCKED),
     deliveries_gone AS (
       DELETE FROM deliveries d USING doomed
        WHERE d.platform_id = doomed.platform_id AND d.event_id = doomed.id),
     events_gone AS (
       DELETE FROM events e USING doomed
        WHERE e.platform_id = doomed.platform_id AND e.id = doomed.id
        RETURNING 1)
     SELECT count(*) AS purged FROM events_gone`,
    { before, batch: PURGE_BATCH },
  );
  return Number(rows[0]?.purged ?? 0);
}
