import type { Database } from '../db/knex';
import { UnavailableError } from '../errors';
import { refreshing } from '../refreshing';

/** An event whose fan-out workflow Temporal does not have yet. */
export interface OutboxEntry {
  platformId: string;
  eventId: string;
  type: string;
  /** The ingest request's trace, which the workflow start continues (tracing on). */
  traceparent?: string | null;
}

/**
 * How long the process that stored or claimed a row owns its start, when that is a workflow
 * start. Past it, any replica's relay claims the row again; a start that took Temporal's answer
 * then counts as already started.
 */
export const START_LEASE_SECONDS = 10;
/** Where an API process tells the workers that rows wait (HERALD_FIRST_ATTEMPT=outbox, apart). */
export const OUTBOX_CHANNEL = 'herald_outbox';
/** A row whose start keeps failing waits 1 s, 2 s, 4 s … up to this long between tries. */
const MAX_START_BACKOFF_SECONDS = 60;
/** The backlog count is read at most this often per process, so admission costs no query. */
const BACKLOG_CACHE_MS = 1_000;

interface OutboxRow {
  platform_id: string;
  id: string;
  type: string;
  traceparent: string | null;
}

const toEntries = (rows: OutboxRow[]): OutboxEntry[] =>
  rows.map((row) => ({
    platformId: row.platform_id,
    eventId: row.id,
    type: row.type,
    traceparent: row.traceparent,
  }));

/**
 * The events table as the outbox of workflow starts (DESIGN §4). Every time is the database's
 * clock, so replicas with skewed clocks agree on leases and backoff.
 */
export class EventOutbox {
  /** Events stored but not started yet; read at most once a second per process. */
  readonly unstartedCount = refreshing(BACKLOG_CACHE_MS, async () => {
    const [row] = await this.db('events')
      .whereNull('workflow_started_at')
      .count<{ count: number }[]>({ count: '*' });
    return Number(row?.count ?? 0);
  });

  constructor(
    private readonly db: Database,
    private readonly backlogLimit: number,
    private readonly lease: {
      /** How long a claim owns a row: longer than the longest launch, or two would overlap. */
      seconds: number;
      /** False where another process launches (a worker apart): its relay claims new rows at once. */
      newRowsOwned: boolean;
    } = { seconds: START_LEASE_SECONDS, newRowsOwned: true },
  ) {}

  /** The `start_not_before` a freshly stored row gets: leased to the process that stored it. */
  leaseForNewRow() {
    const seconds = this.lease.newRowsOwned ? this.lease.seconds : 0;
    return this.db.raw(`now() + make_interval(secs => ${seconds})`);
  }

  /** Wakes the workers' relays (one NOTIFY, delivered when it commits). */
  async announce(): Promise<void> {
    await this.db.raw('SELECT pg_notify(?, NULL)', [OUTBOX_CHANNEL]);
  }

  /**
   * Refuses new events while more than the limit wait for Temporal: backpressure that accepts
   * nothing rather than a backlog that grows without end.
   */
  async admit(): Promise<void> {
    const waiting = await this.unstartedCount();
    if (waiting >= this.backlogLimit) {
      throw new UnavailableError(
        `${waiting} events are waiting for their workflow to start (HERALD_INGEST_BACKLOG_LIMIT is ${this.backlogLimit}); retry later.`,
        5,
      );
    }
  }

  /**
   * Claims up to `limit` unstarted rows whose lease ran out and leases them to the caller.
   * SKIP LOCKED lets replicas claim side by side without waiting on or repeating each other.
   */
  async claim(limit: number): Promise<OutboxEntry[]> {
    const { rows } = await this.db.raw<{ rows: OutboxRow[] }>(
      `UPDATE events AS e
          SET start_not_before = now() + make_interval(secs => :lease),
              start_attempts = e.start_attempts + 1
         FROM (SELECT platform_id, id FROM events
                WHERE workflow_started_at IS NULL AND start_not_before <= now()
                ORDER BY start_not_before
                LIMIT :limit
                FOR UPDATE SKIP LOCKED) AS due
        WHERE e.platform_id = due.platform_id AND e.id = due.id
       RETURNING e.platform_id, e.id, e.type, e.traceparent`,
      { lease: this.lease.seconds, limit },
    );
    return toEntries(rows);
  }

  /** One statement for a batch of started workflows. */
  async markStarted(entries: OutboxEntry[]): Promise<void> {
    if (entries.length === 0) return;
    await this.db('events')
      .whereIn(
        ['platform_id', 'id'],
        entries.map((entry) => [entry.platformId, entry.eventId]),
      )
      .whereNull('workflow_started_at')
      .update({ workflow_started_at: this.db.fn.now(), start_error: null });
  }

  /** Sets the row aside with a growing delay, so it never holds up the rows behind it. */
  async markFailed(entry: OutboxEntry, error: string): Promise<void> {
    await this.db('events')
      .where({ platform_id: entry.platformId, id: entry.eventId })
      .whereNull('workflow_started_at')
      .update({
        start_error: error.slice(0, 1000),
        start_not_before: this.db.raw(
          `now() + make_interval(secs => least(:max, power(2, start_attempts)))`,
          { max: MAX_START_BACKOFF_SECONDS },
        ),
      });
  }
}
