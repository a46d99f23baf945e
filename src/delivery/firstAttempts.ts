import { whileDatabaseUnavailable } from '../db/patience';
import {
  eventStartOptions,
  startEventDelivery,
  type EventLaunch,
  type EventWorkflowStarting,
} from '../events/launcher';
import { startOnce } from '../temporal/starter';
import type { AttemptLimits, AttemptOutcome, RetryOutcome } from '../temporal/contracts';
import { workflowIds } from '../temporal/workflowIds';
import { eventRetriesWorkflow } from '../../workflows';
import { firstAttemptContext, type AttemptContext, type Deliverer } from './deliverer';
import {
  ATTEMPT_BOOKKEEPING_MS,
  DATABASE_PATIENCE_MS,
  attemptLimitsOf,
  type DeliveryPolicy,
} from './policy';
import type { DeliveryRepository, PendingDelivery } from './repository';

/**
 * A fan-out this narrow gets its first attempts at once, side by side (in the workflow's first
 * task, or from the outbox); a wider one schedules one delivery activity each.
 */
export const FIRST_ATTEMPTS_AT_ONCE_MAX = 20;

/** Outbox launches in flight per worker: each holds one event's first attempts. */
export const OUTBOX_LAUNCH_CONCURRENCY = 200;

/** What a first attempt that was made before (by a launch that did not finish) counts as. */
const ATTEMPTED_BEFORE: RetryOutcome = {
  kind: 'retry',
  reason: 'its first attempt was made before the launch that recorded it stopped',
};

/**
 * First attempts of deliveries side by side. One that a launch which stopped half way tried
 * already (its attempt is on record) goes to the retry schedule unsent; one whose receiver is put
 * off reads nothing. One that cannot be recorded counts as one to retry, never as a failure of
 * the whole: retrying the whole would send every other delivery again.
 */
export function makeFirstAttempts(
  deliverer: Deliverer,
  platformId: string,
  deliveries: PendingDelivery[],
  limits: AttemptLimits,
  context: AttemptContext,
): Promise<AttemptOutcome[]> {
  const putOff = deliverer.putOffNow(platformId, deliveries, limits);
  return Promise.all(
    deliveries.map(
      (delivery, index) =>
        (delivery.attempted && ATTEMPTED_BEFORE) ||
        putOff[index] ||
        deliverer.attempt(delivery.id, limits, context).catch((error: unknown): AttemptOutcome => ({
          kind: 'retry',
          reason: `the attempt could not be recorded: ${error instanceof Error ? error.message : String(error)}`,
        })),
    ),
  );
}

/**
 * The outbox lease of HERALD_FIRST_ATTEMPT=outbox: longer than a launch takes to send (with room
 * to start the retries' workflow), so no other relay claims a row while its first attempts are
 * in flight.
 */
export const outboxLeaseSeconds = (policy: DeliveryPolicy) =>
  Math.ceil((ATTEMPT_BOOKKEEPING_MS + policy.attemptTimeoutMs) / 1000) + 10;

/**
 * An outbox launch waits little for Postgres before it sends (nothing is lost: the relay claims
 * the row again), and long after, as a workflow's attempt does: an attempt sent but not recorded
 * would be sent again.
 */
function outboxAttemptContext(limits: AttemptLimits): AttemptContext {
  const beforeSend = Date.now() + ATTEMPT_BOOKKEEPING_MS;
  return firstAttemptContext({
    beforeSend,
    afterSend: beforeSend + limits.attemptTimeoutMs + DATABASE_PATIENCE_MS,
  });
}

export interface OutboxLaunchDeps {
  repository: DeliveryRepository;
  deliverer: Deliverer;
  /** Starts the retries' workflow (and a wide fan-out's) through the worker's connection. */
  starting: EventWorkflowStarting;
}

/**
 * The launch of HERALD_FIRST_ATTEMPT=outbox: the worker creates the event's deliveries and makes
 * their first attempts itself, and Temporal hears of the event only when some need a retry. A
 * launch that stopped half way is claimed again: its deliveries that succeeded are not pending
 * any more, and those it attempted go to the retry schedule without a second send.
 */
export function outboxLaunch(deps: OutboxLaunchDeps): EventLaunch {
  const { repository, deliverer, starting } = deps;
  const { policy } = starting;
  const limits = attemptLimitsOf(policy);
  return async (entry) => {
    const workflowId = workflowIds.eventFanout(entry.platformId, entry.eventId);
    const context = outboxAttemptContext(limits);
    const deliveries = await whileDatabaseUnavailable(
      () => repository.createDeliveries(entry.platformId, entry.eventId, workflowId),
      { until: context.databaseUntil.beforeSend },
    );
    const deliveryIds = deliveries.map((delivery) => delivery.id);
    if (deliveryIds.length === 0) return;
    if (deliveryIds.length > FIRST_ATTEMPTS_AT_ONCE_MAX) {
      await startEventDelivery(starting, entry, workflowId);
      return;
    }
    const firstAttemptAt = Date.now();
    const outcomes = await makeFirstAttempts(
      deliverer,
      entry.platformId,
      deliveries,
      limits,
      context,
    );
    const retries = deliveryIds.flatMap((deliveryId, index) => {
      const firstAttempt = outcomes[index]!;
      return firstAttempt.kind === 'retry' ? [{ deliveryId, firstAttempt }] : [];
    });
    if (retries.length === 0) return;
    await startOnce(starting.temporal, eventRetriesWorkflow, {
      ...(await eventStartOptions(starting, entry, workflowId)),
      args: [
        { platformId: entry.platformId, eventId: entry.eventId, policy, firstAttemptAt, retries },
      ],
    });
  };
}
