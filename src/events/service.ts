import type { Database } from '../db/knex';
import type { DeliveryRow, EventRow } from '../delivery/repository';
import { deliverySummary } from '../delivery/history';
import { NotFoundError, type FieldError } from '../errors';
import { newId } from '../ids';
import { workflowIds } from '../temporal/workflowIds';
import { toFieldErrors } from '../api/validate';
import type { EventOutbox, OutboxEntry } from './outbox';
import { SharedInserts } from './sharedInserts';
import { ingestEventSchema, type IngestEventInput } from './schemas';
import { activeTraceparent } from '../telemetry/spans';

export interface IngestResult {
  id: string;
  workflowId: string;
  duplicate: boolean;
}

export type BatchItemResult =
  | { index: number; id: string; status: 'accepted' | 'duplicate' }
  | { index: number; id: string | null; status: 'invalid'; errors: FieldError[] };

/** Where stored events go next: an EventLauncher, or the announcement to workers apart. */
export interface LaunchQueue {
  offer(entries: OutboxEntry[]): void;
}

export interface EventServiceOptions {
  db: Database;
  outbox: EventOutbox;
  launches: LaunchQueue;
}

/**
 * Ingest stores the event row and answers: a 202 means durable. Launching it (its workflow, or
 * its first attempts) happens after the commit, off the response path, so nothing after the commit can turn
 * the answer into an error and a client never has reason to send an accepted event again.
 */
export class EventService {
  private readonly inserts: SharedInserts;

  constructor(private readonly options: EventServiceOptions) {
    const { db } = options;
    this.inserts = new SharedInserts((rows) =>
      db('events')
        .insert(rows)
        .onConflict(['platform_id', 'id'])
        .ignore()
        .returning(['platform_id', 'id']),
    );
  }

  async ingest(platformId: string, input: IngestEventInput): Promise<IngestResult> {
    const [result] = await this.store(platformId, [input]);
    return {
      id: result!.eventId,
      workflowId: workflowIds.eventFanout(platformId, result!.eventId),
      duplicate: !result!.accepted,
    };
  }

  /** Each item is validated alone; the valid ones are stored in one statement. */
  async ingestBatch(platformId: string, items: unknown[]): Promise<BatchItemResult[]> {
    const results: BatchItemResult[] = [];
    const valid: { index: number; input: IngestEventInput }[] = [];
    items.forEach((item, index) => {
      const parsed = ingestEventSchema.safeParse(item);
      if (parsed.success) {
        valid.push({ index, input: parsed.data });
        return;
      }
      const claimedId = (item as { id?: unknown } | null)?.id;
      results[index] = {
        index,
        id: typeof claimedId === 'string' ? claimedId : null,
        status: 'invalid',
        errors: toFieldErrors(parsed.error.issues),
      };
    });
    const stored =
      valid.length > 0
        ? await this.store(
            platformId,
            valid.map((v) => v.input),
          )
        : [];
    stored.forEach((outcome, position) => {
      const { index } = valid[position]!;
      results[index] = {
        index,
        id: outcome.eventId,
        status: outcome.accepted ? 'accepted' : 'duplicate',
      };
    });
    return results;
  }

  /**
   * Inserts the events in one statement (atomic; under load shared with other requests, see
   * SharedInserts) and hands the new ones to their launcher. An id already stored, or repeated
   * within the batch, is a duplicate: stored once, delivered once.
   */
  private async store(
    platformId: string,
    inputs: IngestEventInput[],
  ): Promise<{ eventId: string; accepted: boolean }[]> {
    const { db, outbox, launches } = this.options;
    await outbox.admit();
    const rows = inputs.map((input) => ({
      platform_id: platformId,
      id: input.id ?? newId('evt'),
      type: input.type,
      project_id: input.projectId ?? null,
      occurred_at: input.occurredAt ? new Date(input.occurredAt) : db.fn.now(),
      actor: input.actor,
      data: input.data,
    }));
    const firstOfId = new Map<string, (typeof rows)[number]>();
    for (const row of rows) if (!firstOfId.has(row.id)) firstOfId.set(row.id, row);
    const lease = outbox.leaseForNewRow();
    const traceparent = activeTraceparent() ?? null;
    const insertedIds = await this.inserts.add(
      [...firstOfId.values()].map((row) => ({
        ...row,
        workflow_id: workflowIds.eventFanout(platformId, row.id),
        start_not_before: lease,
        traceparent,
      })),
    );
    const fresh: OutboxEntry[] = [];
    const outcomes = rows.map((row) => {
      const accepted = firstOfId.get(row.id) === row && insertedIds.has(row.id);
      if (accepted) fresh.push({ platformId, eventId: row.id, type: row.type, traceparent });
      return { eventId: row.id, accepted };
    });
    launches.offer(fresh);
    return outcomes;
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
