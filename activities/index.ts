import { ApplicationFailure, Context } from '@temporalio/activity';
import type { Database } from '../src/db/knex';
import type { Deliverer } from '../src/delivery/deliverer';
import type { DeliveryRepository } from '../src/delivery/repository';
import { ATTEMPT_BOOKKEEPING_MS, FAIR_SHARE_WAIT_MS } from '../src/delivery/policy';
import { runTestDelivery } from '../src/delivery/testDelivery';
import { PURGE_BATCH, purgeExpiredEvents } from '../src/retention/purge';
import type { TestRequests } from '../src/delivery/testRequests';
import {
  ACTIVITY_FAILURE_TYPES,
  type AttemptLimits,
  type CancelDeliveriesInput,
  type AttemptOutcome,
  type DeliverInput,
  type FinalDeliveryStatus,
  type RecordOutcomeInput,
  type ResolveDestinationsInput,
  type StartDeliveriesInput,
  type StartedDeliveries,
  type TestDeliveryInput,
  type TestDeliveryResult,
} from '../src/temporal/contracts';

/**
 * A fan-out this narrow makes its first attempts inside the workflow's first task; a wider one
 * schedules one delivery activity each (in child workflows past 500), as it always did.
 */
const FIRST_ATTEMPTS_IN_TASK_MAX = 20;

export interface ActivityDeps {
  db: Database;
  repository: DeliveryRepository;
  deliverer: Deliverer;
  /** The limits of attempts whose input carries none (workflows an older Herald started). */
  defaultLimits: AttemptLimits;
  testRequests: TestRequests;
  /** HERALD_RETENTION: events older than this are purged with their deliveries and attempts. */
  retentionMs: number;
}

/** All of Herald's I/O that workflows reach, as Temporal activities. */
export function createActivities(deps: ActivityDeps) {
  return {
    async resolveDestinations(input: ResolveDestinationsInput): Promise<string[]> {
      return deps.repository.createDeliveries(input.platformId, input.eventId, input.workflowId);
    },

    /**
     * A local activity: creates the event's deliveries and makes each one's first attempt, so a
     * delivery that succeeds first time costs the engine one marker in the workflow's first task.
     * A first attempt that cannot be recorded counts as one to retry, never as a failed call:
     * retrying this activity would send every other delivery again.
     */
    async startDeliveries(input: StartDeliveriesInput): Promise<StartedDeliveries> {
      const deliveryIds = await deps.repository.createDeliveries(
        input.platformId,
        input.eventId,
        input.workflowId,
      );
      if (deliveryIds.length > FIRST_ATTEMPTS_IN_TASK_MAX) {
        return { deliveryIds, firstAttempts: null };
      }
      const firstAttempts = await Promise.all(
        deliveryIds.map((deliveryId) =>
          deps.deliverer
            .attempt(deliveryId, input.limits)
            .catch((error: unknown): AttemptOutcome => ({
              kind: 'retry',
              reason: `the attempt could not be recorded: ${error instanceof Error ? error.message : String(error)}`,
            })),
        ),
      );
      return { deliveryIds, firstAttempts };
    },

    /** Returns a final status, or throws a retryable failure that Temporal's retry policy schedules. */
    async deliver(input: DeliverInput): Promise<FinalDeliveryStatus> {
      const { attempt, startToCloseTimeoutMs } = Context.current().info;
      const limits = input.limits ?? deps.defaultLimits;
      // What the activity's timeout leaves beside the attempt and its bookkeeping (none for an
      // activity scheduled before the timeout made room for the wait).
      const room = startToCloseTimeoutMs - limits.attemptTimeoutMs - ATTEMPT_BOOKKEEPING_MS;
      const outcome = await deps.deliverer.attempt(input.deliveryId, limits, {
        tries: attempt,
        maxWaitMs: Math.max(0, Math.min(FAIR_SHARE_WAIT_MS, room)),
      });
      if (outcome.kind === 'final') return outcome.status;
      throw ApplicationFailure.create({
        message: `attempt ${attempt}: ${outcome.reason}`,
        type: ACTIVITY_FAILURE_TYPES.retryable,
        ...(outcome.retryAfterMs === undefined ? {} : { nextRetryDelay: outcome.retryAfterMs }),
      });
    },

    async recordDeliveryOutcome(input: RecordOutcomeInput): Promise<void> {
      await deps.repository.finish(input.deliveryId, input.status, input.reason);
    },

    /** Ends the given deliveries that are still pending as `cancelled`, saying why. */
    async cancelDeliveries(input: CancelDeliveriesInput): Promise<void> {
      await deps.repository.cancelPending(input.deliveryIds, input.reason);
    },

    /** One bounded batch of the retention purge; `more` when a full batch went. */
    async purgeExpired(): Promise<{ purged: number; more: boolean }> {
      const purged = await purgeExpiredEvents(deps.db, new Date(Date.now() - deps.retentionMs));
      return { purged, more: purged === PURGE_BATCH };
    },

    async testDeliver(input: TestDeliveryInput): Promise<TestDeliveryResult> {
      return runTestDelivery(input, deps);
    },
  };
}

export type Activities = ReturnType<typeof createActivities>;
