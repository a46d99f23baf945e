import type { Database } from '../db/knex';

/**
 * A delivery is pending while a workflow holds it. One whose workflow closed without ending it
 * (terminated, timed out, reset away) or is gone would stay pending for ever: the reconciler,
 * run by a Temporal Schedule (temporal/schedules.ts), hands such deliveries to a new workflow.
 */
export const RECONCILIATION = {
  /** A delivery untouched this long is worth asking about; younger ones are in motion. */
  quietForMs: 30_000,
  /** Workflows asked about per run; a random sample, so a large backlog is covered over runs. */
  workflowsPerRun: 1_000,
  /** Describe calls to Temporal at once. */
  concurrency: 10,
} as const;

export interface ReconcilerDeps {
  db: Database;
  isWorkflowRunning(workflowId: string): Promise<boolean>;
  takeOver(stuckWorkflowId: string): Promise<number>;
}

export async function reconcileStuckDeliveries(
  deps: ReconcilerDeps,
): Promise<{ restarted: number }> {
  const holders: string[] = await deps
    .db('deliveries')
    .where({ status: 'pending' })
    .andWhere('updated_at', '<', new Date(Date.now() - RECONCILIATION.quietForMs))
    .groupBy('workflow_id')
    .orderByRaw('random()')
    .limit(RECONCILIATION.workflowsPerRun)
    .pluck('workflow_id');
  let restarted = 0;
  const queue = [...holders];
  const worker = async () => {
    for (let workflowId = queue.shift(); workflowId !== undefined; workflowId = queue.shift()) {
      if (!(await deps.isWorkflowRunning(workflowId))) restarted += await deps.takeOver(workflowId);
    }
  };
  await Promise.all(Array.from({ length: RECONCILIATION.concurrency }, worker));
  return { restarted };
}
