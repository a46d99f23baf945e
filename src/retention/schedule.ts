import { Client, ScheduleAlreadyRunning, ScheduleOverlapPolicy } from '@temporalio/client';
import type { NativeConnection } from '@temporalio/worker';
import type { Logger } from '../logger';
import { retentionPurgeWorkflow } from '../../workflows';

export const RETENTION_SCHEDULE_ID = 'herald-retention-purge';

/**
 * The daily purge is a Temporal Schedule, so it runs once per cluster however many workers there
 * are, and operators see (and can pause or trigger) it in Web UI. Every worker makes sure it
 * exists; the first one creates it.
 */
export async function ensureRetentionSchedule(options: {
  connection: NativeConnection;
  namespace: string;
  taskQueue: string;
  logger: Logger;
}): Promise<void> {
  const client = new Client({ connection: options.connection, namespace: options.namespace });
  try {
    await client.schedule.create({
      scheduleId: RETENTION_SCHEDULE_ID,
      spec: { intervals: [{ every: '1d' }] },
      policies: { overlap: ScheduleOverlapPolicy.SKIP },
      action: {
        type: 'startWorkflow',
        workflowType: retentionPurgeWorkflow,
        workflowId: 'retention-purge',
        taskQueue: options.taskQueue,
      },
    });
    options.logger.info({ scheduleId: RETENTION_SCHEDULE_ID }, 'retention schedule created');
  } catch (error) {
    if (error instanceof ScheduleAlreadyRunning) return;
    // Deliveries do not depend on it: a worker that cannot create it now still delivers.
    options.logger.warn({ err: error }, 'could not create the retention schedule');
  }
}
