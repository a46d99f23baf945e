/**
 * Where a slow event's time went, from the marks each stage leaves: the API's answer, the
 * engine's history (when the workflow started, when a worker took its first task) and the
 * worker's first attempt on record. All clocks are this machine's.
 */
import { Client, Connection } from '@temporalio/client';
import { tsToMs } from '@temporalio/common/lib/time';
import { connectDatabase } from '../src/db/knex';
import type { Stack } from '../test/support/stack';

interface SlowEvent {
  id: string;
  ingestMs: number;
  endToEndMs: number;
}

/** Each stage's end, in ms after the event was sent; null where the mark is missing. */
export interface TimeMarks {
  /** The engine recorded the workflow's start (the API's call to Temporal returned after it). */
  workflowStartedMs: number | null;
  /** A worker took the workflow's first task: the wait before it is the engine's queue. */
  firstTaskMs: number | null;
  /** The worker began the first attempt (it sends within a few ms). */
  firstAttemptMs: number | null;
}

export async function whereTheTimeWent<T extends SlowEvent>(
  stack: Stack,
  events: T[],
  sentAt: Map<string, number>,
): Promise<(Omit<T, 'id'> & TimeMarks)[]> {
  const db = connectDatabase(stack.env.DATABASE_URL!);
  const connection = await Connection.connect({ address: stack.temporalAddress() });
  try {
    const rows: { event_id: string; workflow_id: string; started_at: Date | null }[] = await db(
      'deliveries as d',
    )
      .leftJoin('delivery_attempts as a', 'a.delivery_id', 'd.id')
      .whereIn(
        'd.event_id',
        events.map((event) => event.id),
      )
      .groupBy('d.event_id', 'd.workflow_id')
      .select('d.event_id', 'd.workflow_id', db.raw('min(a.started_at) AS started_at'));
    const byEvent = new Map(rows.map((row) => [row.event_id, row]));
    const client = new Client({ connection });
    return await Promise.all(
      events.map(async ({ id, ...event }) => {
        const sent = sentAt.get(id)!;
        const after = (ms: number | undefined) => (ms === undefined ? null : ms - sent);
        const row = byEvent.get(id);
        // In outbox mode an event whose first attempts all succeeded has no workflow.
        const recorded = row
          ? await client.workflow
              .getHandle(row.workflow_id)
              .fetchHistory()
              .catch(() => undefined)
          : undefined;
        const history = recorded?.events ?? [];
        const timeOf = (has: (e: (typeof history)[number]) => unknown) => {
          const found = history.find(has);
          return found ? tsToMs(found.eventTime) : undefined;
        };
        return {
          ...event,
          workflowStartedMs: after(timeOf((e) => e.workflowExecutionStartedEventAttributes)),
          firstTaskMs: after(timeOf((e) => e.workflowTaskStartedEventAttributes)),
          firstAttemptMs: after(row?.started_at?.getTime()),
        };
      }),
    );
  } finally {
    await connection.close();
    await db.destroy();
  }
}
