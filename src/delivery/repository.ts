import type { Database } from '../db/knex';
import type { DestinationRow } from '../destinations/model';
import { newId } from '../ids';
import type { DeliveryStatus, FinalDeliveryStatus } from '../temporal/contracts';

export interface EventRow {
  platform_id: string;
  id: string;
  type: string;
  project_id: string | null;
  occurred_at: Date;
  received_at: Date;
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
  responseBody?: string;
}

export interface AttemptTarget {
  delivery: DeliveryRow;
  event: EventRow;
  destination: DestinationRow;
}

/** Every read and write the delivery engine makes, one round trip each where it can. */
export class DeliveryRepository {
  constructor(private readonly db: Database) {}

  /** Creates (once) a pending delivery for each live destination subscribed to the event. */
  async createDeliveries(
    platformId: string,
    eventId: string,
    workflowId: string,
  ): Promise<string[]> {
    const event = await this.db<EventRow>('events')
      .where({ platform_id: platformId, id: eventId })
      .first();
    if (!event) return [];
    const destinationIds: string[] = await this.db('event_destinations')
      .where({ platform_id: platformId, enabled: true })
      .whereNull('deleted_at')
      .whereRaw('? = ANY(events)', [event.type])
      .andWhere((scope) => {
        scope.whereNull('project_id');
        if (event.project_id !== null) scope.orWhere('project_id', event.project_id);
      })
      .orderBy('id')
      .pluck('id');
    if (destinationIds.length > 0) {
      await this.db('deliveries')
        .insert(
          destinationIds.map((destinationId) => ({
            id: newId('dlv'),
            platform_id: platformId,
            event_id: eventId,
            destination_id: destinationId,
            workflow_id: workflowId,
          })),
        )
        .onConflict(['platform_id', 'event_id', 'destination_id'])
        .ignore();
    }
    return this.db('deliveries')
      .where({ platform_id: platformId, event_id: eventId, status: 'pending' })
      .orderBy('id')
      .pluck('id');
  }

  async loadAttemptTarget(deliveryId: string): Promise<AttemptTarget | undefined> {
    const delivery = await this.db<DeliveryRow>('deliveries').where({ id: deliveryId }).first();
    if (!delivery) return undefined;
    const [event, destination] = await Promise.all([
      this.db<EventRow>('events')
        .where({ platform_id: delivery.platform_id, id: delivery.event_id })
        .first(),
      this.db<DestinationRow>('event_destinations').where({ id: delivery.destination_id }).first(),
    ]);
    if (!event || !destination) return undefined;
    return { delivery, event, destination };
  }

  /**
   * Appends the attempt; when it ends the delivery, sets the final status (if still pending).
   * In the same statement it keeps the destination's health: a success clears its failing run,
   * a failure starts one (or extends it) and disables the destination once the run has lasted
   * `health.autoDisableAfterMs`.
   */
  async recordAttempt(
    target: { deliveryId: string; destinationId: string },
    attempt: AttemptRecord & { succeeded: boolean },
    health: { autoDisableAfterMs: number; disabledReason: string },
    finalStatus?: FinalDeliveryStatus,
  ): Promise<{ attempt: number }> {
    const { rows } = await this.db.raw<{ rows: { attempt: number }[] }>(
      `WITH counted AS (
         UPDATE deliveries
            SET attempt_count = attempt_count + 1,
                last_attempt_at = :startedAt,
                status = CASE WHEN status = 'pending' THEN :status ELSE status END,
                updated_at = now()
          WHERE id = :deliveryId
          RETURNING id, attempt_count),
       health AS (
         UPDATE event_destinations
            SET failing_since = CASE WHEN :succeeded THEN NULL ELSE COALESCE(failing_since, :startedAt) END,
                enabled = enabled AND (:succeeded OR COALESCE(failing_since, :startedAt) > :disableBefore),
                disabled_reason = CASE WHEN enabled AND NOT :succeeded AND COALESCE(failing_since, :startedAt) <= :disableBefore
                                       THEN :disabledReason ELSE disabled_reason END,
                disabled_at = CASE WHEN enabled AND NOT :succeeded AND COALESCE(failing_since, :startedAt) <= :disableBefore
                                   THEN now() ELSE disabled_at END
          WHERE id = :destinationId)
       INSERT INTO delivery_attempts (delivery_id, attempt, started_at, duration_ms, status_code, error, response_body)
       SELECT id, attempt_count, :startedAt, :durationMs, :statusCode, :error, :responseBody FROM counted
       RETURNING attempt`,
      {
        deliveryId: target.deliveryId,
        destinationId: target.destinationId,
        status: finalStatus ?? 'pending',
        succeeded: attempt.succeeded,
        disableBefore: new Date(attempt.startedAt.getTime() - health.autoDisableAfterMs),
        disabledReason: health.disabledReason,
        startedAt: attempt.startedAt,
        durationMs: attempt.durationMs,
        statusCode: attempt.statusCode ?? null,
        error: attempt.error ?? null,
        responseBody: attempt.responseBody ?? null,
      },
    );
    return { attempt: rows[0]?.attempt ?? 0 };
  }

  /** Ends a pending delivery; false when it had already ended. */
  async finish(deliveryId: string, status: FinalDeliveryStatus): Promise<boolean> {
    const updated = await this.db('deliveries')
      .where({ id: deliveryId, status: 'pending' })
      .update({ status, updated_at: this.db.fn.now() });
    return updated > 0;
  }

  async disableDestination(destinationId: string, reason: string): Promise<void> {
    await this.db('event_destinations').where({ id: destinationId, enabled: true }).update({
      enabled: false,
      disabled_reason: reason,
      disabled_at: this.db.fn.now(),
      updated_at: this.db.fn.now(),
    });
  }
}
