import type { Database } from '../db/knex';
import { subscribedDestinations } from '../destinations/subscription';
import { compileFilter, type EventFilter } from '../destinations/filter';
import { newId } from '../ids';
import { envelopeColumns, envelopeOf, type EnvelopeSource } from '../delivery/payload';
import type { BackfillCursor, BackfillStatus } from '../temporal/contracts';

export interface BackfillRow {
  id: string;
  platform_id: string;
  destination_id: string;
  since: Date;
  until: Date;
  status: BackfillStatus;
  total: number;
  delivered: number;
  failed: number;
  workflow_id: string;
  created_at: Date;
  updated_at: Date;
}

/** Events one page of a backfill looks at; each page is one child workflow. */
export const BACKFILL_PAGE_EVENTS = 100;

type ScannedEvent = EnvelopeSource & { received_at: Date };

/**
 * A backfill's rows, and the events it still owes its destination: stored events of the
 * platform received in [since, until), of the destination's types and project, meeting its
 * filter, with no delivery to it yet — oldest first.
 */
export class BackfillStore {
  constructor(private readonly db: Database) {}

  async create(
    row: Omit<
      BackfillRow,
      'id' | 'status' | 'delivered' | 'failed' | 'workflow_id' | 'created_at' | 'updated_at'
    >,
    workflowIdOf: (id: string) => string,
  ): Promise<BackfillRow> {
    const id = newId('bfl');
    const [created] = await this.db('backfills')
      .insert({ ...row, id, status: 'running', workflow_id: workflowIdOf(id) })
      .returning('*');
    return created as BackfillRow;
  }

  /** A platform's backfill; without a platform, for the worker that runs it. */
  async get(platformId: string | undefined, id: string): Promise<BackfillRow | undefined> {
    return this.db('backfills')
      .where({ id })
      .modify((query) => {
        if (platformId !== undefined) query.andWhere({ platform_id: platformId });
      })
      .first();
  }

  /** Events owed after `after` (at most `limit` looked at), and where the next look starts. */
  async owedEvents(
    backfill: Pick<BackfillRow, 'platform_id' | 'destination_id' | 'since' | 'until'>,
    after: BackfillCursor | null,
    limit: number,
  ): Promise<{ eventIds: string[]; next: BackfillCursor | null }> {
    const scanned: (ScannedEvent & { filter: EventFilter | null })[] = await this.db('events as e')
      .join('event_destinations as t', subscribedDestinations(this.db))
      .where({ 'e.platform_id': backfill.platform_id, 't.id': backfill.destination_id })
      .andWhere('e.received_at', '>=', backfill.since)
      .andWhere('e.received_at', '<', backfill.until)
      .modify((query) => {
        if (after)
          query.andWhereRaw('(e.received_at, e.id) > (?, ?)', [
            new Date(after.receivedAt),
            after.eventId,
          ]);
      })
      .whereNotExists(
        this.db('deliveries as d').whereRaw(
          'd.platform_id = e.platform_id AND d.event_id = e.id AND d.destination_id = t.id',
        ),
      )
      .orderBy([{ column: 'e.received_at' }, { column: 'e.id' }])
      .limit(limit)
      .select(...envelopeColumns('e'), 'e.received_at', 't.filter');
    const last = scanned[scanned.length - 1];
    const filter = scanned[0]?.filter ? compileFilter(scanned[0].filter) : undefined;
    return {
      eventIds: scanned
        .filter((event) => !filter || filter(envelopeOf(event)))
        .map((event) => event.id),
      next:
        scanned.length < limit || !last
          ? null
          : { receivedAt: last.received_at.toISOString(), eventId: last.id },
    };
  }

  /** How many events the backfill owes, counted page by page as the workflow will send them. */
  async countOwed(
    backfill: Pick<BackfillRow, 'platform_id' | 'destination_id' | 'since' | 'until'>,
  ): Promise<number> {
    let total = 0;
    let after: BackfillCursor | null = null;
    do {
      const page = await this.owedEvents(backfill, after, 1_000);
      total += page.eventIds.length;
      after = page.next;
    } while (after);
    return total;
  }

  async addProgress(id: string, delivered: number, failed: number): Promise<void> {
    await this.db('backfills')
      .where({ id })
      .increment({ delivered, failed })
      .update({ updated_at: this.db.fn.now() });
  }

  /** Ends a running backfill; one already ended keeps its status. */
  async finish(id: string, status: Exclude<BackfillStatus, 'running'>): Promise<void> {
    await this.db('backfills')
      .where({ id, status: 'running' })
      .update({ status, updated_at: this.db.fn.now() });
  }
}
