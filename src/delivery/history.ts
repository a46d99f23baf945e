import { toPage, type ListQuery, type Page } from '../api/pagination';
import type { Database } from '../db/knex';
import { NotFoundError } from '../errors';
import type { AttemptErrorCode } from './classify';
import { workflowUiUrl } from '../temporal/workflowIds';
import type { DeliveryStatus } from '../temporal/contracts';
import type { DeliveryRow } from './repository';

export function deliverySummary(row: DeliveryRow) {
  return {
    id: row.id,
    eventId: row.event_id,
    destinationId: row.destination_id,
    status: row.status,
    statusReason: row.status_reason,
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
  error_code: AttemptErrorCode | null;
  response_body: string | null;
}

export interface DeliveryHistoryOptions {
  db: Database;
  namespace: string;
  uiUrl: string | undefined;
}

/** What operators read about deliveries and their attempts. */
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
        ...(attempt.error_code === null ? {} : { errorCode: attempt.error_code }),
        ...(attempt.response_body === null ? {} : { responseBody: attempt.response_body }),
      })),
      temporal: {
        workflowId: row.workflow_id,
        uiUrl: workflowUiUrl(uiUrl, namespace, row.workflow_id),
      },
    };
  }
}
