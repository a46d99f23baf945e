import type { Database } from '../db/knex';
import type { DestinationRow } from '../destinations/model';
import { envelopeColumns, type EnvelopeSource } from './payload';
import { whileDatabaseUnavailable } from '../db/patience';
import type { AttemptOutcome } from '../temporal/contracts';
import type { DeliveryRepository, DeliveryRow } from './repository';

/** What an attempt reads of the event: the envelope's fields, and when Herald received it. */
export type AttemptEvent = EnvelopeSource & { received_at: Date };

/** What an attempt reads of the destination: where, whether, and how to sign. */
export type AttemptDestination = Pick<
  DestinationRow,
  | 'id'
  | 'url'
  | 'format'
  | 'redact'
  | 'enabled'
  | 'deleted_at'
  | 'headers_encrypted'
  | 'signing_secret_encrypted'
  | 'previous_signing_secret_encrypted'
  | 'previous_signing_secret_expires_at'
>;

export interface AttemptTarget {
  delivery: Pick<DeliveryRow, 'id' | 'status'>;
  event: AttemptEvent;
  destination: AttemptDestination;
  /** The platform's enterprise gate, read at every attempt so turning it off stops retries. */
  streamingEnabled: boolean;
}

type AttemptTargetRow = { delivery_status: DeliveryRow['status'] } & AttemptEvent &
  Omit<AttemptDestination, 'id'> & { destination_id: string; streaming_enabled: boolean };

/** Everything one attempt needs, in one round trip. */
export async function loadAttemptTarget(
  db: Database,
  deliveryId: string,
): Promise<AttemptTarget | undefined> {
  const row: AttemptTargetRow | undefined = await db('deliveries as d')
    .join('events as e', (on) =>
      on.on('e.platform_id', 'd.platform_id').andOn('e.id', 'd.event_id'),
    )
    .join('event_destinations as t', 't.id', 'd.destination_id')
    .join('platforms as p', 'p.id', 'd.platform_id')
    .where('d.id', deliveryId)
    .first(
      'd.status as delivery_status',
      'p.event_streaming_enabled as streaming_enabled',
      ...envelopeColumns('e'),
      'e.received_at',
      't.id as destination_id',
      't.url',
      't.format',
      't.redact',
      't.enabled',
      't.deleted_at',
      't.headers_encrypted',
      't.signing_secret_encrypted',
      't.previous_signing_secret_encrypted',
      't.previous_signing_secret_expires_at',
    );
  if (!row) return undefined;
  return {
    streamingEnabled: row.streaming_enabled,
    delivery: { id: deliveryId, status: row.delivery_status },
    event: {
      id: row.id,
      type: row.type,
      occurred_at: row.occurred_at,
      platform_id: row.platform_id,
      project_id: row.project_id,
      actor: row.actor,
      data: row.data,
      received_at: row.received_at,
    },
    destination: {
      id: row.destination_id,
      url: row.url,
      format: row.format,
      redact: row.redact,
      enabled: row.enabled,
      deleted_at: row.deleted_at,
      headers_encrypted: row.headers_encrypted,
      signing_secret_encrypted: row.signing_secret_encrypted,
      previous_signing_secret_encrypted: row.previous_signing_secret_encrypted,
      previous_signing_secret_expires_at: row.previous_signing_secret_expires_at,
    },
  };
}

/** Why an attempt must not be made at all, if it must not. */
function reasonToCancel(target: AttemptTarget): string | undefined {
  if (!target.streamingEnabled) return 'event streaming was turned off for the platform';
  if (target.destination.deleted_at !== null) return 'the destination was deleted';
  if (!target.destination.enabled) return 'the destination is disabled';
  return undefined;
}

/**
 * The delivery's target if it is still to be attempted, else how it ended: not there or not
 * pending any more, or cancelled now (streaming off, destination deleted or disabled).
 */
export async function targetToAttempt(
  repository: Pick<DeliveryRepository, 'loadAttemptTarget' | 'finish'>,
  deliveryId: string,
  beforeSend: Parameters<typeof whileDatabaseUnavailable>[1],
): Promise<AttemptTarget | AttemptOutcome> {
  const target = await whileDatabaseUnavailable(
    () => repository.loadAttemptTarget(deliveryId),
    beforeSend,
  );
  if (!target) return { kind: 'final', status: 'cancelled' };
  if (target.delivery.status !== 'pending') {
    return { kind: 'final', status: target.delivery.status };
  }
  const cancelledBecause = reasonToCancel(target);
  if (!cancelledBecause) return target;
  await whileDatabaseUnavailable(
    () => repository.finish(deliveryId, 'cancelled', cancelledBecause),
    beforeSend,
  );
  return { kind: 'final', status: 'cancelled' };
}
