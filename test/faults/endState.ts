import type { Database } from '../../src/db/knex';
import { pollUntil } from '../../src/runtime/poll';

export interface EndState {
  /** Deliveries of the scenario's platform still pending once arrivals settled. */
  leftPending: number;
  /** Deliveries of acknowledged events that did not end succeeded. */
  notSucceeded: number;
  /** Deliveries that took more than one attempt. */
  retried: number;
  /** Events stored that the client never saw acknowledged (an id-less retry after a lost answer). */
  unacknowledgedEvents: number;
}

/**
 * What Postgres holds for the scenario's platform at the end: the suite's judge beside the
 * receiver's counts. Waits (up to `deadlineMs`) for pending deliveries to settle first.
 */
export async function readEndState(
  db: Database,
  platformId: string,
  ackedEventIds: string[],
  deadlineMs: number,
): Promise<EndState> {
  const pending = async () =>
    Number(
      (
        await db('deliveries')
          .where({ platform_id: platformId, status: 'pending' })
          .count<{ count: string }[]>('* as count')
      )[0]!.count,
    );
  await pollUntil(
    'no delivery left pending',
    deadlineMs,
    async () => (await pending()) === 0,
    1_000,
  ).catch(() => undefined);
  const acked = new Set(ackedEventIds);
  const deliveries: { event_id: string; status: string; attempt_count: number }[] = await db(
    'deliveries',
  )
    .where({ platform_id: platformId })
    .select('event_id', 'status', 'attempt_count');
  const eventIds: string[] = await db('events').where({ platform_id: platformId }).pluck('id');
  return {
    leftPending: deliveries.filter((delivery) => delivery.status === 'pending').length,
    notSucceeded: deliveries.filter(
      (delivery) => acked.has(delivery.event_id) && delivery.status !== 'succeeded',
    ).length,
    retried: deliveries.filter((delivery) => delivery.attempt_count > 1).length,
    unacknowledgedEvents: eventIds.filter((id) => !acked.has(id)).length,
  };
}
