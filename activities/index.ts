import { Context } from '@temporalio/activity';
import type { Database } from '../src/db/knex';
import { firstTaskAttemptContext, type Deliverer } from '../src/delivery/deliverer';
import { FIRST_ATTEMPTS_AT_ONCE_MAX, makeFirstAttempts } from '../src/delivery/firstAttempts';
import type { DeliveryRepository } from '../src/delivery/repository';
import {
  ATTEMPT_BOOKKEEPING_MS,
  ATTEMPT_HEARTBEAT,
  DATABASE_PATIENCE_MS,
  FAIR_SHARE_WAIT_MS,
  nextRetryDelayMs,
} from '../src/delivery/policy';
import { whileDatabaseUnavailable } from '../src/db/patience';
import { runTestDelivery } from '../src/delivery/testDelivery';
import { backoffOf, retryFailure } from '../src/temporal/retryFailure';
import { PURGE_BATCH, purgeExpiredEvents } from '../src/retention/purge';
import { reconcile, type ReconcilerDeps } from '../src/delivery/reconciler';
import type { BackfillStore } from '../src/backfill/store';
import type { TestRequests } from '../src/delivery/testRequests';
import {
  BACKFILL_PAGE_EVENTS,
  MAX_DELIVERIES_PER_WORKFLOW,
  type DeliveryPage,
  type AttemptLimits,
  type BackfillPage,
  type BackfillProgress,
  type BackfillProgressInput,
  type CreateBackfillPageInput,
  type FinishBackfillInput,
  type CancelDeliveriesInput,
  type AttemptOutcome,
  type DeliverInput,
  type FinalDeliveryStatus,
  type RecordOutcomeInput,
  type ReopenDeliveriesInput,
  type ResolveDestinationsInput,
  type PutOffStillInput,
  type RetryOutcome,
  type SendInOrderInput,
  type StartDeliveriesInput,
  type StartedDeliveries,
  type TestDeliveryInput,
  type TestDeliveryResult,
} from '../src/temporal/contracts';

/** Kept free at the end of an activity's time, so it answers before Temporal times it out. */
const DEADLINE_MARGIN_MS = 2_000;

/** Splits an event's deliveries (sorted by id, as Postgres sorts them) into child-sized pages. */
function pagesOf(sortedIds: string[], owner: ResolveDestinationsInput): DeliveryPage[] {
  const pages: DeliveryPage[] = [];
  for (let start = 0; start < sortedIds.length; start += MAX_DELIVERIES_PER_WORKFLOW) {
    const ids = sortedIds.slice(start, start + MAX_DELIVERIES_PER_WORKFLOW);
    pages.push({
      platformId: owner.platformId,
      eventId: owner.eventId,
      workflowId: owner.workflowId,
      firstId: ids[0]!,
      lastId: ids[ids.length - 1]!,
    });
  }
  return pages;
}

/** Runs `work` while heartbeating, so Temporal can tell a live attempt from a dead worker. */
async function withHeartbeats<T>(work: () => Promise<T>): Promise<T> {
  const context = Context.current();
  const timer = setInterval(() => context.heartbeat(), ATTEMPT_HEARTBEAT.everyMs);
  try {
    return await work();
  } finally {
    clearInterval(timer);
  }
}

export interface ActivityDeps {
  db: Database;
  repository: DeliveryRepository;
  deliverer: Deliverer;
  /** The limits of attempts whose input carries none (workflows an older Herald started). */
  defaultLimits: AttemptLimits;
  testRequests: TestRequests;
  /** HERALD_RETENTION: events older than this are purged with their deliveries and attempts. */
  retentionMs: number;
  reconciler: ReconcilerDeps;
  backfills: BackfillStore;
}

/** All of Herald's I/O that workflows reach, as Temporal activities. */
export function createActivities(deps: ActivityDeps) {
  return {
    async resolveDestinations(input: ResolveDestinationsInput): Promise<string[]> {
      const deliveries = await deps.repository.createDeliveries(
        input.platformId,
        input.eventId,
        input.workflowId,
      );
      return deliveries.map((delivery) => delivery.id);
    },

    /**
     * A local activity: creates the event's deliveries and makes each one's first attempt, so a
     * delivery that succeeds first time costs the engine one marker in the workflow's first task.
     */
    async startDeliveries(input: StartDeliveriesInput): Promise<StartedDeliveries> {
      const budgetMs =
        input.limits.attemptTimeoutMs + ATTEMPT_BOOKKEEPING_MS + DATABASE_PATIENCE_MS;
      const context = firstTaskAttemptContext(input.limits, budgetMs - DEADLINE_MARGIN_MS);
      const deliveries = await whileDatabaseUnavailable(
        () => deps.repository.createDeliveries(input.platformId, input.eventId, input.workflowId),
        { until: context.databaseUntil.beforeSend },
      );
      const deliveryIds = deliveries.map((delivery) => delivery.id);
      if (deliveryIds.length > MAX_DELIVERIES_PER_WORKFLOW) {
        return { deliveryCount: deliveryIds.length, pages: pagesOf(deliveryIds, input) };
      }
      if (deliveryIds.length > FIRST_ATTEMPTS_AT_ONCE_MAX) {
        const putOff = deps.deliverer.putOffNow(input.platformId, deliveries, input.limits);
        return putOff.some(Boolean)
          ? { deliveryIds, firstAttempts: null, putOff }
          : { deliveryIds, firstAttempts: null };
      }
      const firstAttempts = await makeFirstAttempts(
        deps.deliverer,
        input.platformId,
        deliveries,
        input.limits,
        context,
      );
      return { deliveryIds, firstAttempts };
    },

    /**
     * A local activity, when put-off deliveries' timer ends: which of them their receiver (in
     * this worker's view) still puts off, and for how long (null for the others, which go on to
     * their attempt). One query and no engine round trip for all of them, where an activity each
     * would be dispatched only to be put off again.
     */
    async putOffStill(input: PutOffStillInput): Promise<(RetryOutcome | null)[]> {
      const pending = await deps.repository.pendingReceivers(input.deliveryIds);
      const platforms = new Set(pending.map((delivery) => delivery.platformId));
      const outcomes = new Map<string, RetryOutcome | null>();
      for (const platformId of platforms) {
        const ofPlatform = pending.filter((delivery) => delivery.platformId === platformId);
        const putOff = deps.deliverer.putOffNow(platformId, ofPlatform, input.limits);
        ofPlatform.forEach((delivery, index) => outcomes.set(delivery.id, putOff[index]!));
      }
      return input.deliveryIds.map((deliveryId) => outcomes.get(deliveryId) ?? null);
    },

    /**
     * A backfill page's first attempts, oldest event first and one at a time, so a receiver that
     * takes them sees them in order. It stops at the first that is not final: the rest then go
     * to the retry policy side by side, never held behind one failing event.
     */
    async sendInOrder(input: SendInOrderInput): Promise<AttemptOutcome[]> {
      const { cancellationSignal } = Context.current();
      const { limits } = input;
      return withHeartbeats(async () => {
        const outcomes: AttemptOutcome[] = [];
        for (const deliveryId of input.deliveryIds) {
          if (cancellationSignal.aborted) break;
          const beforeSend = Date.now() + DATABASE_PATIENCE_MS;
          const outcome = await deps.deliverer.attempt(deliveryId, limits, {
            share: { tries: 1, maxWaitMs: FAIR_SHARE_WAIT_MS },
            signal: cancellationSignal,
            databaseUntil: {
              beforeSend,
              afterSend: beforeSend + limits.attemptTimeoutMs + ATTEMPT_BOOKKEEPING_MS,
            },
          });
          outcomes.push(outcome);
          if (outcome.kind !== 'final') break;
        }
        return outcomes;
      });
    },

    /** The deliveries of one child's page of a wide fan-out. */
    async loadDeliveryPage(page: DeliveryPage): Promise<string[]> {
      return deps.repository.pendingPage(page);
    },

    /** Returns a final status, or throws a retryable failure that Temporal's retry policy schedules. */
    async deliver(input: DeliverInput): Promise<FinalDeliveryStatus> {
      const { info, cancellationSignal } = Context.current();
      const { attempt, startToCloseTimeoutMs } = info;
      const limits = input.limits ?? deps.defaultLimits;
      const deadline = Date.now() + startToCloseTimeoutMs - DEADLINE_MARGIN_MS;
      // What the activity's timeout leaves beside the attempt and its bookkeeping (none for an
      // activity scheduled before the timeout made room for the wait).
      const room = startToCloseTimeoutMs - limits.attemptTimeoutMs - ATTEMPT_BOOKKEEPING_MS;
      const outcome = await withHeartbeats(() =>
        deps.deliverer.attempt(input.deliveryId, limits, {
          share: { tries: attempt, maxWaitMs: Math.max(0, Math.min(FAIR_SHARE_WAIT_MS, room)) },
          signal: cancellationSignal,
          databaseUntil: {
            beforeSend: deadline - limits.attemptTimeoutMs - ATTEMPT_BOOKKEEPING_MS / 2,
            afterSend: deadline,
          },
        }),
      );
      if (outcome.kind === 'final') return outcome.status;
      throw retryFailure(
        `attempt ${attempt}: ${outcome.reason}`,
        nextRetryDelayMs(outcome, attempt, backoffOf(info.retryPolicy)),
      );
    },

    async recordDeliveryOutcome(input: RecordOutcomeInput): Promise<void> {
      await deps.repository.finish(input.deliveryId, input.status, input.reason);
    },

    /** A redelivery workflow's first step: the deliveries it now holds. */
    async reopenDeliveries(input: ReopenDeliveriesInput): Promise<string[]> {
      return deps.repository.reopen(input.deliveryIds, input.workflowId, input.takeOverFrom);
    },

    async reconcileStuckDeliveries(): Promise<{ restarted: number; fanoutsRestarted: number }> {
      return reconcile(deps.reconciler);
    },

    /** One page of a backfill: deliveries for the next owed events, held by the page's workflow. */
    async createBackfillPage(input: CreateBackfillPageInput): Promise<BackfillPage> {
      const backfill = await deps.backfills.get(undefined, input.backfillId);
      if (!backfill) return { deliveryIds: [], next: null };
      const owed = await deps.backfills.owedEvents(backfill, input.after, BACKFILL_PAGE_EVENTS);
      const deliveryIds = await deps.repository.createBackfillDeliveries(
        backfill.platform_id,
        backfill.destination_id,
        owed.eventIds,
        input.workflowId,
      );
      return { deliveryIds, next: owed.next };
    },

    async recordBackfillProgress(
      input: BackfillProgressInput,
    ): Promise<BackfillProgress | undefined> {
      return deps.backfills.addProgress(input.backfillId, input);
    },

    async finishBackfill(input: FinishBackfillInput): Promise<void> {
      await deps.backfills.finish(input.backfillId, input.status);
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
