import type { Database } from '../db/knex';
import type { WorkflowState } from '../temporal/workflowState';

/**
 * A delivery is pending while a workflow holds it, and an event waits for its workflow to create
 * its deliveries. A workflow that closed without finishing either (terminated, timed out, reset
 * away) or is gone would leave them so for ever: the reconciler, run by a Temporal Schedule
 * (temporal/schedules.ts), hands them to a new workflow. An event whose workflow an operator
 * cancelled before it fanned out is left without deliveries, as the operator asked.
 */
export const RECONCILIATION = {
  /** Rows untouched this long are worth asking about; younger ones are in motion. */
  quietForMs: 30_000,
  /** Workflows asked about per run and kind; a random sample, so a backlog is covered over runs. */
  workflowsPerRun: 1_000,
  /** Describe calls to Temporal at once. */
  concurrency: 10,
} as const;

export interface UnfannedEvent {
  platformId: string;
  eventId: string;
  type: string;
  workflowId: string;
}

export interface ReconcilerDeps {
  db: Database;
  workflowState(workflowId: string): Promise<WorkflowState>;
  /** Hands the deliveries a closed workflow left pending to a new one; answers how many. */
  takeOver(stuckWorkflowId: string): Promise<number>;
  restartFanout(event: UnfannedEvent): Promise<void>;
}

async function inParallel<T>(items: T[], work: (item: T) => Promise<void>): Promise<void> {
  const queue = [...items];
  const lane = async () => {
    for (let item = queue.shift(); item !== undefined; item = queue.shift()) await work(item);
  };
  await Promise.all(Array.from({ length: RECONCILIATION.concurrency }, lane));
}

export async function reconcile(
  deps: ReconcilerDeps,
): Promise<{ restarted: number; fanoutsRestarted: number }> {
  const quietBefore = new Date(Date.now() - RECONCILIATION.quietForMs);
  const holders: string[] = await deps
    .db('deliveries')
    .where({ status: 'pending' })
    .andWhere('updated_at', '<', quietBefore)
    // The outbox still owns an event it has not launched: its relay finishes the launch.
    .whereNotExists(
      deps
        .db('events')
        .whereRaw('events.platform_id = deliveries.platform_id AND events.id = deliveries.event_id')
        .whereNull('events.workflow_started_at'),
    )
    .groupBy('workflow_id')
    .orderByRaw('random()')
    .limit(RECONCILIATION.workflowsPerRun)
    .pluck('workflow_id');
  let restarted = 0;
  await inParallel(holders, async (workflowId) => {
    if ((await deps.workflowState(workflowId)) !== 'RUNNING')
      restarted += await deps.takeOver(workflowId);
  });

  const unfanned: UnfannedEvent[] = await deps
    .db('events')
    .whereNull('deliveries_created_at')
    .andWhere('workflow_started_at', '<', quietBefore)
    .orderByRaw('random()')
    .limit(RECONCILIATION.workflowsPerRun)
    .select({
      platformId: 'platform_id',
      eventId: 'id',
      type: 'type',
      workflowId: 'workflow_id',
    });
  let fanoutsRestarted = 0;
  await inParallel(unfanned, async (event) => {
    const state = await deps.workflowState(event.workflowId);
    if (state === 'RUNNING') return;
    if (state === 'CANCELLED') {
      await deps
        .db('events')
        .where({ platform_id: event.platformId, id: event.eventId })
        .update({ deliveries_created_at: deps.db.fn.now() });
      return;
    }
    await deps.restartFanout(event);
    fanoutsRestarted++;
  });
  return { restarted, fanoutsRestarted };
}
