import type { Database } from '../db/knex';
import { subscribedDestinations } from '../destinations/subscription';
import { storedFilterTest } from '../destinations/filter';
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
  pages_done: number;
  workflow_id: string;
  created_at: Date;
  updated_at: Date;
}

/** `occurred_at` to the microsecond (a JS Date keeps milliseconds), so a cursor is exact. */
type ScannedEvent = EnvelopeSource & { occurred_at_exact: string };

/**
 * A backfill's rows, and the events it still owes its destination: stored events of the
 * platform that occurred in [since, until), of the destination's types and project, meeting its
 * filter, with no delivery to it yet — oldest first.
 */
export class BackfillStore {
  constructor(private readonly db: Database) {}

  async create(
    row: Omit<
      BackfillRow,
      | 'id'
      | 'status'
      | 'delivered'
      | 'failed'
      | 'pages_done'
      | 'workflow_id'
      | 'created_at'
      | 'updated_at'
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

  /** The owed events' rows, oldest first: every condition but the destination's filter. */
  private owedQuery(
    backfill: Pick<BackfillRow, 'platform_id' | 'destination_id' | 'since' | 'until'>,
  ) {
    return this.db('events as e')
      .join('event_destinations as t', subscribedDestinations(this.db))
      .where({ 'e.platform_id': backfill.platform_id, 't.id': backfill.destination_id })
      .andWhere('e.occurred_at', '>=', backfill.since)
      .andWhere('e.occurred_at', '<', backfill.until)
      .whereNotExists(
        this.db('deliveries as d').whereRaw(
          'd.platform_id = e.platform_id AND d.event_id = e.id AND d.destination_id = t.id',
        ),
      );
  }

  /** Events owed after `after` (at most `limit` looked at), and where the next look starts. */
  async owedEvents(
    backfill: Pick<BackfillRow, 'platform_id' | 'destination_id' | 'since' | 'until'>,
    after: BackfillCursor | null,
    limit: number,
  ): Promise<{ eventIds: string[]; next: BackfillCursor | null }> {
    const scanned: (ScannedEvent & { filter: string | null })[] = await this.owedQuery(backfill)
      .modify((query) => {
        // A cursor without occurredAt comes from an older Herald's run: scan again from the start.
        if (after?.occurredAt)
          query.andWhereRaw('(e.occurred_at, e.id) > (CAST(? AS timestamptz), ?)', [
            after.occurredAt,
            after.eventId,
          ]);
      })
      .orderBy([{ column: 'e.occurred_at' }, { column: 'e.id' }])
      .limit(limit)
      .select(
        ...envelopeColumns('e'),
        this.db.raw(`to_json(e.occurred_at) #>> '{}' AS occurred_at_exact`),
        this.db.raw('CAST(t.filter AS text) AS filter'),
      );
    const last = scanned[scanned.length - 1];
    const filter = scanned[0]?.filter ? storedFilterTest(scanned[0].filter) : undefined;
    return {
      eventIds: scanned
        .filter((event) => !filter || filter(envelopeOf(event)))
        .map((event) => event.id),
      next:
        scanned.length < limit || !last
          ? null
          : { occurredAt: last.occurred_at_exact, eventId: last.id },
    };
  }

  /**
   * How many events the backfill owes: one count in Postgres, unless the destination has a
   * filter, which only the worker's code can apply, so its events are read page by page as the
   * workflow will send them.
   */
  async countOwed(
    backfill: Pick<BackfillRow, 'platform_id' | 'destination_id' | 'since' | 'until'>,
  ): Promise<number> {
    const destination = await this.db('event_destinations')
      .where({ id: backfill.destination_id })
      .first<{ filtered: boolean } | undefined>(this.db.raw('filter IS NOT NULL AS filtered'));
    if (!destination?.filtered) {
      const [counted] = await this.owedQuery(backfill).count<{ count: string }[]>({ count: '*' });
      return Number(counted?.count ?? 0);
    }
    let total = 0;
    let after: BackfillCursor | null = null;
    do {
      const page = await this.owedEvents(backfill, after, 1_000);
      total += page.eventIds.length;
      after = page.next;
    } while (after);
    return total;
  }

  /** A destination's latest backfills, newest first. */
  async latest(platformId: string, destinationId: string, limit: number): Promise<BackfillRow[]> {
    return this.db('backfills')
      .where({ platform_id: platformId, destination_id: destinationId })
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .limit(limit);
  }

  /**
   * Adds one page's counts, once: a retried call for a page already counted changes nothing.
   * Answers the counts after it.
   */
  async addProgress(
    id: string,
    counts: { delivered: number; failed: number; page?: number },
  ): Promise<Pick<BackfillRow, 'total' | 'delivered' | 'failed'> | undefined> {
    const { delivered, failed, page } = counts;
    const [counted]: Pick<BackfillRow, 'total' | 'delivered' | 'failed'>[] = await this.db(
      'backfills',
    )
      .where({ id })
      .modify((query) => {
        if (page !== undefined) query.andWhere({ pages_done: page });
      })
      .increment({ delivered, failed, pages_done: 1 })
      .update({ updated_at: this.db.fn.now() })
      .returning(['total', 'delivered', 'failed']);
    // A page counted already (a retried call) changed nothing: read the counts as they are.
    return counted ?? this.db('backfills').where({ id }).first('total', 'delivered', 'failed');
  }

  /** Ends a running backfill; one already ended keeps its status. */
  async finish(id: string, status: Exclude<BackfillStatus, 'running'>): Promise<void> {
    await this.db('backfills')
      .where({ id, status: 'running' })
      .update({ status, updated_at: this.db.fn.now() });
  }
}
