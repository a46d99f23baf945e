import { requireLiveDestination } from '../destinations/live';
import { ConflictError, NotFoundError } from '../errors';
import { heraldSearchAttributes } from '../temporal/searchAttributes';
import { startOnce, type WorkflowStarting } from '../temporal/starter';
import { workflowIds } from '../temporal/workflowIds';
import { workflowState } from '../temporal/workflowState';
import { startEventDelivery } from '../events/launcher';
import { redeliveryWorkflow } from '../../workflows';
import type { DeliveryRow } from './repository';

/** One recover call replays at most this many failed deliveries; call again for the rest. */
export const MAX_RECOVERED_PER_CALL = 10_000;

/**
 * Fresh series of attempts: one delivery, an outage's worth, or what a closed workflow left
 * pending. The workflow is started first and reopens the rows itself, so no crash or timed-out
 * start can leave rows pending with no workflow, or a workflow sending while rows say otherwise.
 */
export class Redelivery {
  constructor(private readonly options: WorkflowStarting) {}

  /**
   * Refused while the delivery's current series is still running. With an idempotency key, a
   * retried call finds the series its first call started instead of starting another.
   */
  async one(
    platformId: string,
    deliveryId: string,
    idempotencyKey?: string,
  ): Promise<{ id: string; workflowId: string }> {
    const row: DeliveryRow | undefined = await this.options
      .db('deliveries')
      .where({ id: deliveryId, platform_id: platformId })
      .first();
    if (!row) throw new NotFoundError('Delivery');
    const workflowId = workflowIds.redelivery(deliveryId, idempotencyKey ?? Date.now());
    // This key's series already holds it: the call is a retry of the one that started it.
    if (row.workflow_id === workflowId) return { id: deliveryId, workflowId };
    const orphaned = row.status === 'pending';
    if (orphaned && (await workflowState(this.options.temporal, row.workflow_id)) === 'RUNNING') {
      throw new ConflictError('This delivery is still pending; its retries are running.');
    }
    await this.startSeries(
      platformId,
      [deliveryId],
      workflowId,
      orphaned ? row.workflow_id : undefined,
    );
    return { id: deliveryId, workflowId };
  }

  /** Every failed delivery of the destination created in [since, until). */
  async recover(platformId: string, destinationId: string, since: Date, until: Date | undefined) {
    const { db } = this.options;
    await requireLiveDestination(db, platformId, destinationId);
    const deliveryIds: string[] = await db('deliveries')
      .where({ destination_id: destinationId, platform_id: platformId, status: 'failed' })
      .andWhere('created_at', '>=', since)
      .modify((builder) => {
        if (until) builder.andWhere('created_at', '<', until);
      })
      .orderBy('id')
      .limit(MAX_RECOVERED_PER_CALL)
      .pluck('id');
    if (deliveryIds.length > 0) {
      await this.startSeries(
        platformId,
        deliveryIds,
        workflowIds.recovery(destinationId, Date.now()),
      );
    }
    return { count: deliveryIds.length };
  }

  /**
   * The reconciler's repair: a new workflow for the deliveries `stuckWorkflowId` (closed or
   * missing) left pending. Answers how many it handed over.
   */
  async takeOver(stuckWorkflowId: string): Promise<number> {
    const rows: Pick<DeliveryRow, 'id' | 'platform_id'>[] = await this.options
      .db('deliveries')
      .where({ workflow_id: stuckWorkflowId, status: 'pending' })
      .orderBy('id')
      .limit(MAX_RECOVERED_PER_CALL)
      .select('id', 'platform_id');
    if (rows.length === 0) return 0;
    await this.startSeries(
      rows[0]!.platform_id,
      rows.map((row) => row.id),
      workflowIds.reconciliation(stuckWorkflowId, Date.now()),
      stuckWorkflowId,
    );
    return rows.length;
  }

  /**
   * The reconciler's repair of an event whose workflow closed before it created the deliveries:
   * the event passes to a new workflow first, so a later run never starts a second one for it.
   */
  async restartFanout(event: {
    platformId: string;
    eventId: string;
    type: string;
    workflowId: string;
  }) {
    const workflowId = workflowIds.reconciliation(event.workflowId, Date.now());
    await this.options
      .db('events')
      .where({ platform_id: event.platformId, id: event.eventId })
      .update({ workflow_id: workflowId });
    await startEventDelivery(this.options, event, workflowId);
  }

  private async startSeries(
    platformId: string,
    deliveryIds: string[],
    workflowId: string,
    takeOverFrom?: string,
  ): Promise<void> {
    const { temporal, taskQueue, policy, searchAttributes } = this.options;
    await startOnce(temporal, redeliveryWorkflow, {
      workflowId,
      taskQueue,
      args: [{ deliveryIds, policy, ...(takeOverFrom === undefined ? {} : { takeOverFrom }) }],
      typedSearchAttributes: await searchAttributes.forStart([
        { key: heraldSearchAttributes.platformId, value: platformId },
        { key: heraldSearchAttributes.destinationCount, value: deliveryIds.length },
      ]),
    });
  }
}
