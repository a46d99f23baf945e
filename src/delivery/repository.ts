import type { Database } from '../db/knex';
import { subscribedDestinations } from '../destinations/subscription';
import { deliveryFailedNotice, destinationDisabledNotice } from '../events/operational';
import { newId } from '../ids';
import { storedFilterTest } from '../destinations/filter';
import { envelopeColumns, envelopeOf, type EnvelopeSource, type EventActor } from './payload';
import { loadAttemptTarget, type AttemptTarget } from './attemptTarget';
import type { DeliveryPage, DeliveryStatus, FinalDeliveryStatus } from '../temporal/contracts';
import type { AttemptErrorCode } from './classify';

export interface EventRow {
  platform_id: string;
  id: string;
  type: string;
  project_id: string | null;
  occurred_at: Date;
  received_at: Date;
  /** Activepieces' actor fields (payload.ts ACTOR_FIELDS), or null. */
  actor: EventActor | null;
  data: Record<string, unknown>;
  workflow_id: string;
  workflow_started_at: Date | null;
}

export interface DeliveryRow {
  id: string;
  platform_id: string;
  event_id: string;
  destination_id: string;
  status: DeliveryStatus;
  status_reason: string | null;
  attempt_count: number;
  last_attempt_at: Date | null;
  workflow_id: string;
  created_at: Date;
  updated_at: Date;
}

export interface AttemptRecord {
  startedAt: Date;
  durationMs: number;
  statusCode?: number;
  error?: string;
  /** Why it did not succeed (classify.ts ATTEMPT_ERROR_CODES); none when it did. */
  errorCode?: AttemptErrorCode;
  responseBody?: string;
}

/** A pending delivery, and whether an attempt of it is on record (one made before a crash). */
export interface PendingDelivery {
  id: string;
  attempted: boolean;
  /** Its destination's URL, when the destination was read with it (still enabled, not deleted). */
  destinationUrl?: string;
}

/** The one counter of deliveries reaching a final status (`herald_deliveries_total`). */
export interface FinishedDeliveriesCounter {
  inc(labels: { outcome: FinalDeliveryStatus }, value?: number): void;
}

/**
 * The delivery store: the only code that writes `deliveries.status`, and the only place that
 * counts a delivery finishing. Every transition (RELIABILITY.md's table) is one method here,
 * one round trip each where it can.
 */
export class DeliveryRepository {
  constructor(
    private readonly db: Database,
    private readonly finished: FinishedDeliveriesCounter,
  ) {}

  private count(outcome: FinalDeliveryStatus, deliveries: number): void {
    if (deliveries > 0) this.finished.inc({ outcome }, deliveries);
  }

  /**
   * Creates (once) a pending delivery for each live destination subscribed to the event, and
   * answers every pending delivery of it: two round trips, whatever ran before (a retry or a
   * replay finds the rows it made the first time, each marked if an attempt of it is on record).
   */
  async createDeliveries(
    platformId: string,
    eventId: string,
    workflowId: string,
  ): Promise<PendingDelivery[]> {
    const candidates: { id: string; url: string; filter: string | null }[] = await this.db(
      'events as e',
    )
      .join('event_destinations as t', subscribedDestinations(this.db))
      .where({ 'e.platform_id': platformId, 'e.id': eventId, 't.enabled': true })
      .whereNull('t.deleted_at')
      .orderBy('t.id')
      .select('t.id', 't.url', this.db.raw('CAST(t.filter AS text) AS filter'));
    const destinationIds = await this.meetingFilters(platformId, eventId, candidates);
    const held = await this.insertPending(
      destinationIds.map((destinationId) => ({ eventId, destinationId })),
      { platformId, workflowId },
      {
        sql: 'platform_id = :platformId AND event_id = :eventId',
        bindings: { platformId, eventId },
        marksFannedOut: true,
      },
    );
    const urls = new Map(candidates.map((candidate) => [candidate.id, candidate.url]));
    return held.map(({ id, attempted, destinationId }) => {
      const destinationUrl = urls.get(destinationId);
      return { id, attempted, ...(destinationUrl === undefined ? {} : { destinationUrl }) };
    });
  }

  /**
   * A backfill page's deliveries: one per owed event (none where a delivery already exists),
   * held by the page's workflow; answers those it holds, so a retried call finds them again.
   */
  async createBackfillDeliveries(
    platformId: string,
    destinationId: string,
    eventIds: string[],
    workflowId: string,
  ): Promise<string[]> {
    const held = await this.insertPending(
      eventIds.map((eventId) => ({ eventId, destinationId })),
      { platformId, workflowId },
      { sql: 'workflow_id = :workflowId', bindings: { workflowId } },
    );
    // In the order of `eventIds` (the page's, oldest first), which the page sends in. Rows a
    // retried call made the first time are older than the events it found owed now: first.
    const position = new Map(eventIds.map((eventId, index) => [eventId, index]));
    const order = (eventId: string) => position.get(eventId) ?? -1;
    return held.sort((a, b) => order(a.eventId) - order(b.eventId)).map((delivery) => delivery.id);
  }

  /**
   * Inserts pending deliveries (none where one exists for the event and destination) and answers
   * every pending delivery `held` selects, by id: the insert's own rows are invisible to a SELECT
   * in the same statement, hence the union.
   */
  private async insertPending(
    deliveries: { eventId: string; destinationId: string }[],
    owner: { platformId: string; workflowId: string },
    held: { sql: string; bindings: Record<string, string>; marksFannedOut?: boolean },
  ): Promise<(PendingDelivery & { eventId: string; destinationId: string })[]> {
    // The reconciler restarts an event whose workflow closed before this ran.
    const fannedOut = held.marksFannedOut
      ? `, fanned_out AS (
         UPDATE events SET deliveries_created_at = now()
          WHERE platform_id = :platformId AND id = :eventId AND deliveries_created_at IS NULL)`
      : '';
    const rows = deliveries.map((delivery) => ({
      id: newId('dlv'),
      platform_id: owner.platformId,
      event_id: delivery.eventId,
      destination_id: delivery.destinationId,
      workflow_id: owner.workflowId,
    }));
    const { rows: pending } = await this.db.raw<{
      rows: { id: string; event_id: string; destination_id: string; attempted: boolean }[];
    }>(
      `WITH inserted AS (
         INSERT INTO deliveries (id, platform_id, event_id, destination_id, workflow_id)
         SELECT * FROM jsonb_to_recordset(CAST(:rows AS jsonb))
                AS r(id text, platform_id text, event_id text, destination_id text, workflow_id text)
         ON CONFLICT (platform_id, event_id, destination_id) DO NOTHING
         RETURNING id, event_id, destination_id)${fannedOut}
       SELECT id, event_id, destination_id, false AS attempted FROM inserted
       UNION
       SELECT id, event_id, destination_id, attempt_count > 0 AS attempted
         FROM deliveries WHERE ${held.sql} AND status = 'pending'
       ORDER BY id`,
      { ...held.bindings, rows: JSON.stringify(rows) },
    );
    return pending.map((row) => ({
      id: row.id,
      eventId: row.event_id,
      destinationId: row.destination_id,
      attempted: row.attempted,
    }));
  }

  /**
   * The destinations whose filter the event meets (a destination without one always does); the
   * event is read only when some destination has a filter. One that fails gets no delivery.
   */
  private async meetingFilters(
    platformId: string,
    eventId: string,
    candidates: { id: string; filter: string | null }[],
  ): Promise<string[]> {
    if (candidates.every((candidate) => candidate.filter === null))
      return candidates.map((candidate) => candidate.id);
    const event: EnvelopeSource = await this.db('events')
      .where({ platform_id: platformId, id: eventId })
      .first(...envelopeColumns('events'));
    const envelope = envelopeOf(event);
    return candidates
      .filter(
        (candidate) => candidate.filter === null || storedFilterTest(candidate.filter)(envelope),
      )
      .map((candidate) => candidate.id);
  }

  /**
   * These deliveries, those still pending to a live destination, with their platform and
   * destination URL: what tells whether their receiver still puts them off.
   */
  async pendingReceivers(
    deliveryIds: string[],
  ): Promise<(Required<PendingDelivery> & { platformId: string })[]> {
    const rows: { id: string; platform_id: string; url: string; attempted: boolean }[] =
      await this.db('deliveries as d')
        .join('event_destinations as t', 't.id', 'd.destination_id')
        .whereIn('d.id', deliveryIds)
        .where({ 'd.status': 'pending', 't.enabled': true })
        .whereNull('t.deleted_at')
        .select('d.id', 'd.platform_id', 't.url', this.db.raw('d.attempt_count > 0 AS attempted'));
    return rows.map((row) => ({
      id: row.id,
      platformId: row.platform_id,
      destinationUrl: row.url,
      attempted: row.attempted,
    }));
  }

  /** The pending deliveries of one page of a wide fan-out (contracts.ts DeliveryPage). */
  async pendingPage(page: DeliveryPage): Promise<string[]> {
    return this.db('deliveries')
      .where({
        platform_id: page.platformId,
        event_id: page.eventId,
        workflow_id: page.workflowId,
        status: 'pending',
      })
      .whereBetween('id', [page.firstId, page.lastId])
      .orderBy('id')
      .pluck('id');
  }

  /** Everything one attempt needs, in one round trip (attemptTarget.ts). */
  async loadAttemptTarget(deliveryId: string): Promise<AttemptTarget | undefined> {
    return loadAttemptTarget(this.db, deliveryId);
  }

  /**
   * Appends the attempt; when it ends the delivery, sets the final status (if still pending).
   * In the same statement it keeps the destination's health, writing the row only when it
   * changes: a success clears its failing run, a failure starts one (or extends it) and disables
   * the destination once the run has lasted `health.autoDisableAfterMs`.
   */
  async recordAttempt(
    target: { deliveryId: string; destinationId: string },
    attempt: AttemptRecord & { succeeded: boolean },
    health: {
      autoDisableAfterMs: number;
      disabledReason: string;
      /** The receiver answered 410: the destination is disabled now, with this reason. */
      goneReason?: string;
    },
    finalStatus?: FinalDeliveryStatus,
  ): Promise<{ attempt: number }> {
    // Only an attempt that ends its delivery as failed can raise herald.delivery.failed.
    const failedNotice =
      finalStatus === 'failed'
        ? `, failed_notice AS (${deliveryFailedNotice('counted', `COALESCE(CAST(:error AS text), 'receiver answered ' || CAST(:statusCode AS text))`)})`
        : '';
    const { rows } = await this.db.raw<{ rows: { attempt: number }[] }>(
      `WITH counted AS (
         UPDATE deliveries
            SET attempt_count = attempt_count + 1,
                last_attempt_at = :startedAt,
                status = CASE WHEN status = 'pending' THEN :status ELSE status END,
                updated_at = now()
          WHERE id = :deliveryId
          RETURNING id, platform_id, event_id, destination_id, attempt_count, status),
       health AS (
         UPDATE event_destinations
            SET failing_since = CASE WHEN :succeeded THEN NULL ELSE COALESCE(failing_since, :startedAt) END,
                enabled = enabled AND NOT :gone
                          AND (:succeeded OR COALESCE(failing_since, :startedAt) > :disableBefore),
                disabled_reason = CASE WHEN enabled AND :gone THEN :goneReason
                                       WHEN enabled AND NOT :succeeded AND COALESCE(failing_since, :startedAt) <= :disableBefore
                                       THEN :disabledReason ELSE disabled_reason END,
                disabled_at = CASE WHEN enabled AND (:gone OR (NOT :succeeded AND COALESCE(failing_since, :startedAt) <= :disableBefore))
                                   THEN now() ELSE disabled_at END,
                updated_at = CASE WHEN enabled AND :gone THEN now() ELSE updated_at END
          -- Only a change of state writes the row: a healthy destination's run of successes,
          -- or a failing one's run of failures, takes no lock on it. A 410 disables it in the
          -- same statement as the attempt, so the two cannot part.
          WHERE id = :destinationId
            AND (:gone AND enabled
                 OR CASE WHEN :succeeded THEN failing_since IS NOT NULL
                         ELSE failing_since IS NULL OR (enabled AND failing_since <= :disableBefore) END)
          RETURNING id, platform_id, project_id, url, enabled, disabled_reason, disabled_at),
       disabled_notice AS (${destinationDisabledNotice('health')})${failedNotice}
       INSERT INTO delivery_attempts (delivery_id, attempt, started_at, duration_ms, status_code, error, error_code, response_body)
       SELECT id, attempt_count, :startedAt, :durationMs, :statusCode, :error, :errorCode, :responseBody FROM counted
       RETURNING attempt`,
      {
        deliveryId: target.deliveryId,
        destinationId: target.destinationId,
        status: finalStatus ?? 'pending',
        succeeded: attempt.succeeded,
        disableBefore: new Date(attempt.startedAt.getTime() - health.autoDisableAfterMs),
        disabledReason: health.disabledReason,
        gone: health.goneReason !== undefined,
        goneReason: health.goneReason ?? null,
        startedAt: attempt.startedAt,
        durationMs: attempt.durationMs,
        statusCode: attempt.statusCode ?? null,
        error: attempt.error ?? null,
        errorCode: attempt.errorCode ?? null,
        responseBody: attempt.responseBody ?? null,
      },
    );
    if (finalStatus && rows.length > 0) this.count(finalStatus, 1);
    return { attempt: rows[0]?.attempt ?? 0 };
  }

  /** Ends a pending delivery, saying why; false when it had already ended. */
  async finish(deliveryId: string, status: FinalDeliveryStatus, reason: string): Promise<boolean> {
    const { rows } = await this.db.raw<{ rows: { id: string }[] }>(
      `WITH finished AS (
         UPDATE deliveries SET status = :status, status_reason = :reason, updated_at = now()
          WHERE id = :deliveryId AND status = 'pending'
          RETURNING id, platform_id, event_id, destination_id, attempt_count, status),
       failed_notice AS (${deliveryFailedNotice('finished', 'CAST(:reason AS text)')})
       SELECT id FROM finished`,
      { deliveryId, status, reason },
    );
    this.count(status, rows.length);
    return rows.length > 0;
  }

  /** Ends those of the deliveries still pending as `cancelled`; answers how many it ended. */
  async cancelPending(deliveryIds: string[], reason: string): Promise<number> {
    const cancelled = await this.db('deliveries')
      .whereRaw('id = ANY(?)', [deliveryIds])
      .andWhere({ status: 'pending' })
      .update({ status: 'cancelled', status_reason: reason, updated_at: this.db.fn.now() });
    this.count('cancelled', cancelled);
    return cancelled;
  }

  /** A deleted destination's pending deliveries end now; their next attempt finds nothing to do. */
  async cancelPendingOfDestination(destinationId: string, reason: string): Promise<number> {
    const cancelled = await this.db('deliveries')
      .where({ destination_id: destinationId, status: 'pending' })
      .update({ status: 'cancelled', status_reason: reason, updated_at: this.db.fn.now() });
    this.count('cancelled', cancelled);
    return cancelled;
  }

  /**
   * Back to pending under `workflowId`: deliveries that have ended, those `takeOverFrom` (a
   * closed workflow) left pending, and those this workflow reopened already (a retried call).
   * Answers the deliveries the workflow now holds.
   */
  async reopen(
    deliveryIds: string[],
    workflowId: string,
    takeOverFrom?: string,
  ): Promise<string[]> {
    const reopened: { id: string }[] = await this.db('deliveries')
      .whereRaw('id = ANY(?)', [deliveryIds])
      .andWhere((held) =>
        held
          .whereNot({ status: 'pending' })
          .orWhere({ workflow_id: workflowId })
          .modify((orphaned) => {
            if (takeOverFrom !== undefined) orphaned.orWhere({ workflow_id: takeOverFrom });
          }),
      )
      .update({
        status: 'pending',
        status_reason: null,
        workflow_id: workflowId,
        updated_at: this.db.fn.now(),
      })
      .returning('id');
    return reopened.map((row) => row.id).sort();
  }
}
