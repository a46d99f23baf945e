import type { Client } from '@temporalio/client';
import { toPage, type ListQuery, type Page } from '../api/pagination';
import type { Database } from '../db/knex';
import { ConflictError, NotFoundError } from '../errors';
import { startOnce } from '../temporal/starter';
import { workflowIds, workflowUiUrl } from '../temporal/workflowIds';
import type { DeliveryStatus } from '../temporal/contracts';
import { deliveryBatchWorkflow } from '../../workflows';
import type { DeliveryPolicy } from './policy';
import type { DeliveryRow } from './repository';

export function deliverySummary(row: DeliveryRow) {
  return {
    id: row.id,
    eventId: row.event_id,
    destinationId: row.destination_id,
    status: row.status,
    attemptCount: row.attempt_count,
    lastAttemptAt: row.last_attempt_at?.toISOString() ?? null,
    createdAt: row.created_at.toISOString(),
  };
}
export type DeliverySummary = ReturnType<typeof deliverySummary>;

interface AttemptRow {
  attempt: number;
  started_at: Date;
  duration_ms: number;
  status_code: number | null;
  error: string | null;
  response_body: string | null;
}

export interface DeliveryHistoryOptions {
  db: Database;
  temporal: Client;
  taskQueue: string;
  namespace: string;
  uiUrl: string | undefined;
  policy: DeliveryPolicy;
}

/** What operators read about deliveries, and the one write they make: a fresh series. */
export class DeliveryHistory {
  constructor(private readonly options: DeliveryHistoryOptions) {}

  private async findRow(platformId: string, deliveryId: string): Promise<DeliveryRow> {
    const row: DeliveryRow | undefined = await this.options
      .db('deliveries')
      .where({ id: deliveryId, platform_id: platformId })
      .first();
    if (!row) throw new NotFoundError('Delivery');
    return row;
  }

  async listForDestination(
    platformId: string,
    destinationId: string,
    query: ListQuery & { status?: DeliveryStatus },
  ): Promise<Page<DeliverySummary>> {
    const { db } = this.options;
    const destination = await db('event_destinations')
      .where({ id: destinationId, platform_id: platformId })
      .first('id');
    if (!destination) throw new NotFoundError('Event destination');
    const rows: DeliveryRow[] = await db('deliveries')
      .where({ destination_id: destinationId, platform_id: platformId })
      .modify((builder) => {
        if (query.status) builder.andWhere({ status: query.status });
        if (query.cursor) builder.andWhere('id', '<', query.cursor);
      })
      // Newest first: the last deliveries are what an operator looks for.
      .orderBy('id', 'desc')
      .limit(query.limit + 1);
    return toPage(rows.map(deliverySummary), query.limit);
  }

  async get(platformId: string, deliveryId: string) {
    const { db, namespace, uiUrl } = this.options;
    const row = await this.findRow(platformId, deliveryId);
    const attempts: AttemptRow[] = await db('delivery_attempts')
      .where({ delivery_id: deliveryId })
      .orderBy('attempt');
    return {
      ...deliverySummary(row),
      attempts: attempts.map((attempt) => ({
        attempt: attempt.attempt,
        startedAt: attempt.started_at.toISOString(),
        durationMs: attempt.duration_ms,
        ...(attempt.status_code === null ? {} : { statusCode: attempt.status_code }),
        ...(attempt.error === null ? {} : { error: attempt.error }),
        ...(attempt.response_body === null ? {} : { responseBody: attempt.response_body }),
      })),
      temporal: {
        workflowId: row.workflow_id,
        uiUrl: workflowUiUrl(uiUrl, namespace, row.workflow_id),
      },
    };
  }

  /** A new series of attempts under the current policy; refused while one is still running. */
  async redeliver(
    platformId: string,
    deliveryId: string,
  ): Promise<{ id: string; workflowId: string }> {
    const { db, temporal, taskQueue, policy } = this.options;
    const row = await this.findRow(platformId, deliveryId);
    if (row.status === 'pending')
      throw new ConflictError('This delivery is still pending; its retries are running.');
    const workflowId = workflowIds.redelivery(deliveryId, Date.now());
    const reset = await db('deliveries')
      .where({ id: deliveryId, status: row.status })
      .update({ status: 'pending', workflow_id: workflowId, updated_at: db.fn.now() });
    if (reset === 0)
      throw new ConflictError('This delivery changed while redelivering; try again.');
    try {
      await startOnce(temporal, deliveryBatchWorkflow, {
        workflowId,
        taskQueue,
        args: [{ deliveryIds: [deliveryId], policy }],
      });
    } catch (error) {
      await db('deliveries')
        .where({ id: deliveryId })
        .update({ status: row.status, workflow_id: row.workflow_id });
      throw error;
    }
    return { id: deliveryId, workflowId };
  }
}
