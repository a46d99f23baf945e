import { ConflictError, NotFoundError } from '../errors';
import { heraldSearchAttributes } from '../temporal/searchAttributes';
import { startOnce, type WorkflowStarting } from '../temporal/starter';
import { workflowIds } from '../temporal/workflowIds';
import { deliveryBatchWorkflow } from '../../workflows';
import type { DeliveryRepository, DeliveryRow } from './repository';

export type RedeliveryOptions = WorkflowStarting & { repository: DeliveryRepository };

/** One recover call replays at most this many failed deliveries; call again for the rest. */
export const MAX_RECOVERED_PER_CALL = 10_000;

/** Fresh series of attempts for deliveries that have finished: one delivery, or an outage's worth. */
export class Redelivery {
  constructor(private readonly options: RedeliveryOptions) {}

  /** Refused while the delivery's current series is still running. */
  async one(platformId: string, deliveryId: string): Promise<{ id: string; workflowId: string }> {
    const row: DeliveryRow | undefined = await this.options
      .db('deliveries')
      .where({ id: deliveryId, platform_id: platformId })
      .first();
    if (!row) throw new NotFoundError('Delivery');
    if (row.status === 'pending') {
      throw new ConflictError('This delivery is still pending; its retries are running.');
    }
    const workflowId = workflowIds.redelivery(deliveryId, Date.now());
    const started = await this.startSeries([row], workflowId);
    if (started === 0)
      throw new ConflictError('This delivery changed while redelivering; try again.');
    return { id: deliveryId, workflowId };
  }

  /** Every failed delivery of the destination created in [since, until). */
  async recover(platformId: string, destinationId: string, since: Date, until: Date | undefined) {
    const { db } = this.options;
    const destination = await db('event_destinations')
      .where({ id: destinationId, platform_id: platformId })
      .whereNull('deleted_at')
      .first('id');
    if (!destination) throw new NotFoundError('Event destination');
    const rows: DeliveryRow[] = await db('deliveries')
      .where({ destination_id: destinationId, platform_id: platformId, status: 'failed' })
      .andWhere('created_at', '>=', since)
      .modify((builder) => {
        if (until) builder.andWhere('created_at', '<', until);
      })
      .orderBy('id')
      .limit(MAX_RECOVERED_PER_CALL);
    const count = await this.startSeries(rows, workflowIds.recovery(destinationId, Date.now()));
    return { count };
  }

  /**
   * Marks the rows pending under a new workflow and starts it. If Temporal refuses, the rows go
   * back to what they were, so nothing is left pending without a workflow behind it.
   */
  private async startSeries(rows: DeliveryRow[], workflowId: string): Promise<number> {
    const { repository, temporal, taskQueue, policy, searchAttributes } = this.options;
    if (rows.length === 0) return 0;
    const deliveryIds = await repository.reopen(
      rows.map((row) => row.id),
      workflowId,
    );
    if (deliveryIds.length === 0) return 0;
    try {
      await startOnce(temporal, deliveryBatchWorkflow, {
        workflowId,
        taskQueue,
        args: [{ deliveryIds, policy }],
        typedSearchAttributes: await searchAttributes.forStart([
          { key: heraldSearchAttributes.platformId, value: rows[0]!.platform_id },
          { key: heraldSearchAttributes.destinationCount, value: deliveryIds.length },
        ]),
      });
    } catch (error) {
      await repository.restore(rows, workflowId);
      throw error;
    }
    return deliveryIds.length;
  }
}
