import { Client, ScheduleAlreadyRunning, ScheduleOverlapPolicy } from '@temporalio/client';
import type { Workflow } from '@temporalio/common';
import type { NativeConnection } from '@temporalio/worker';
import type { Logger } from '../logger';
import { reconcileDeliveriesWorkflow, retentionPurgeWorkflow } from '../../workflows';

interface HeraldSchedule {
  scheduleId: string;
  every: string;
  workflowType: Workflow;
  workflowId: string;
}

/** Herald's housekeeping, as Temporal Schedules: operators see, pause and trigger them in Web UI. */
export const HERALD_SCHEDULES = {
  /** Deletes events older than HERALD_RETENTION with their deliveries (src/retention/purge.ts). */
  retention: {
    scheduleId: 'herald-retention-purge',
    every: '1d',
    workflowType: retentionPurgeWorkflow,
    workflowId: 'retention-purge',
  },
  /** Restarts deliveries a closed or missing workflow left pending (src/delivery/reconciler.ts). */
  reconciliation: {
    scheduleId: 'herald-reconcile-deliveries',
    every: '2m',
    workflowType: reconcileDeliveriesWorkflow,
    workflowId: 'reconcile-deliveries',
  },
} as const satisfies Record<string, HeraldSchedule>;

/**
 * Schedules run once per cluster however many workers there are. Every worker makes sure each
 * exists; the first one creates it.
 */
export async function ensureSchedules(options: {
  connection: NativeConnection;
  namespace: string;
  taskQueue: string;
  logger: Logger;
}): Promise<void> {
  const client = new Client({ connection: options.connection, namespace: options.namespace });
  for (const schedule of Object.values(HERALD_SCHEDULES)) {
    try {
      await client.schedule.create({
        scheduleId: schedule.scheduleId,
        spec: { intervals: [{ every: schedule.every }] },
        policies: { overlap: ScheduleOverlapPolicy.SKIP },
        action: {
          type: 'startWorkflow',
          workflowType: schedule.workflowType,
          workflowId: schedule.workflowId,
          taskQueue: options.taskQueue,
        },
      });
      options.logger.info({ scheduleId: schedule.scheduleId }, 'schedule created');
    } catch (error) {
      if (error instanceof ScheduleAlreadyRunning) continue;
      // Deliveries do not depend on it: a worker that cannot create it now still delivers.
      options.logger.warn(
        { err: error, scheduleId: schedule.scheduleId },
        'could not create a schedule',
      );
    }
  }
}
