import type { DeliveryRow, EventRow } from '../delivery/repository';
import { NotFoundError } from '../errors';
import { newId } from '../ids';
import { heraldSearchAttributes } from '../temporal/searchAttributes';
import { startOnce, type WorkflowStarting } from '../temporal/starter';
import { workflowIds } from '../temporal/workflowIds';
import { deliverySummary } from '../delivery/history';
import { eventFanoutWorkflow } from '../../workflows';
import type { IngestEventInput } from './schemas';

export interface IngestResult {
  id: string;
  workflowId: string;
  duplicate: boolean;
}

export type EventServiceOptions = WorkflowStarting;

/** Ingest writes the event row first, so a 202 means durable even if Temporal is down. */
export class EventService {
  constructor(private readonly options: EventServiceOptions) {}

  async ingest(platformId: string, input: IngestEventInput): Promise<IngestResult> {
    const { db } = this.options;
    const eventId = input.id ?? newId('evt');
    const workflowId = workflowIds.eventFanout(platformId, eventId);
    const inserted: Pick<EventRow, 'id'>[] = await db('events')
      .insert({
        platform_id: platformId,
        id: eventId,
        type: input.type,
        project_id: input.projectId ?? null,
        occurred_at: input.occurredAt ? new Date(input.occurredAt) : db.fn.now(),
        data: input.data,
        workflow_id: workflowId,
      })
      .onConflict(['platform_id', 'id'])
      .ignore()
      .returning('id');
    const duplicate = inserted.length === 0;
    if (duplicate) {
      const existing: Pick<EventRow, 'workflow_started_at'> | undefined = await db('events')
        .where({ platform_id: platformId, id: eventId })
        .first('workflow_started_at');
      // An earlier attempt stored the event but could not start its workflow: start it now.
      if (existing?.workflow_started_at === null) {
        await this.startFanout(platformId, eventId, input.type);
      }
    } else {
      await this.startFanout(platformId, eventId, input.type);
    }
    return { id: eventId, workflowId, duplicate };
  }

  async startFanout(platformId: string, eventId: string, eventType: string): Promise<void> {
    const { db, temporal, taskQueue, policy, searchAttributes } = this.options;
    await startOnce(temporal, eventFanoutWorkflow, {
      workflowId: workflowIds.eventFanout(platformId, eventId),
      taskQueue,
      args: [{ platformId, eventId, policy }],
      typedSearchAttributes: await searchAttributes.forStart([
        { key: heraldSearchAttributes.platformId, value: platformId },
        { key: heraldSearchAttributes.eventType, value: eventType },
      ]),
    });
    await db('events')
      .where({ platform_id: platformId, id: eventId })
      .whereNull('workflow_started_at')
      .update({ workflow_started_at: db.fn.now() });
  }

  /** Starts every event left unstarted (Temporal was down when it arrived), in batches. Returns how many. */
  async startUnstarted(olderThanMs: number, batchSize = 100): Promise<number> {
    const { db } = this.options;
    const receivedBefore = new Date(Date.now() - olderThanMs);
    let started = 0;
    for (;;) {
      const rows: Pick<EventRow, 'platform_id' | 'id' | 'type'>[] = await db('events')
        .whereNull('workflow_started_at')
        .andWhere('received_at', '<', receivedBefore)
        .orderBy('received_at')
        .limit(batchSize)
        .select('platform_id', 'id', 'type');
      for (const row of rows) await this.startFanout(row.platform_id, row.id, row.type);
      started += rows.length;
      if (rows.length < batchSize) return started;
    }
  }

  async get(platformId: string, eventId: string) {
    const { db } = this.options;
    const event: EventRow | undefined = await db('events')
      .where({ platform_id: platformId, id: eventId })
      .first();
    if (!event) throw new NotFoundError('Event');
    const deliveries: DeliveryRow[] = await db('deliveries')
      .where({ platform_id: platformId, event_id: eventId })
      .orderBy('id');
    return {
      id: event.id,
      type: event.type,
      projectId: event.project_id,
      occurredAt: event.occurred_at.toISOString(),
      receivedAt: event.received_at.toISOString(),
      workflowId: event.workflow_id,
      deliveries: deliveries.map(deliverySummary),
    };
  }
}
