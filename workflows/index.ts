/**
 * Orchestration only: no I/O, clock or randomness outside Temporal's APIs. Every side effect is
 * an activity (activities/index.ts); the retry policy arrives as data in the input.
 */
import {
  patched,
  proxyActivities,
  proxyLocalActivities,
  upsertSearchAttributes,
  workflowInfo,
} from '@temporalio/workflow';
import type { Activities } from '../activities';
import type {
  EventFanoutInput,
  EventRetriesInput,
  FanoutSummary,
  RedeliveryInput,
  TestDeliveryInput,
  TestDeliveryResult,
} from '../src/temporal/contracts';
import {
  ATTEMPT_BOOKKEEPING_MS,
  DATABASE_PATIENCE_MS,
  attemptLimitsOf,
} from '../src/delivery/policy';
import { heraldSearchAttributes } from '../src/temporal/searchAttributes';
import {
  BOOKKEEPING,
  deliverAfterFirstAttempts,
  recordingCancellation,
  deliveryBatchWorkflow,
  deliverPages,
  reopenDeliveries,
  resolveDestinations,
} from './delivering';

export { deliveryBatchWorkflow } from './delivering';

/**
 * HeraldDestinationCount, when the start carried Herald's attributes: a start without them means
 * the namespace lacks them, and upserting would fail the workflow task.
 */
function tagDestinationCount(count: number): void {
  const attributed = workflowInfo().typedSearchAttributes.get(heraldSearchAttributes.platformId);
  if (attributed === undefined) return;
  upsertSearchAttributes([{ key: heraldSearchAttributes.destinationCount, value: count }]);
}

/**
 * One per ingested event (id `event:<platformId>:<eventId>`). Its first task creates the
 * deliveries and makes their first attempts (one local activity), so an event whose deliveries
 * all succeed first time is one workflow task and about seven history events. Replaces
 * eventFanoutWorkflow, which stays for the workflows an older Herald started.
 */
export async function eventDeliveryWorkflow(input: EventFanoutInput): Promise<FanoutSummary> {
  const { policy } = input;
  const { startDeliveries } = proxyLocalActivities<Activities>({
    startToCloseTimeout: policy.attemptTimeoutMs + ATTEMPT_BOOKKEEPING_MS + DATABASE_PATIENCE_MS,
    retry: BOOKKEEPING.retry,
  });
  const started = await startDeliveries({
    platformId: input.platformId,
    eventId: input.eventId,
    workflowId: workflowInfo().workflowId,
    limits: attemptLimitsOf(policy),
  });
  if ('pages' in started) {
    tagDestinationCount(started.deliveryCount);
    return deliverPages(started.pages, policy);
  }
  const { deliveryIds, firstAttempts, putOff } = started;
  tagDestinationCount(deliveryIds.length);
  // A wide fan-out's deliveries to a put-off receiver wait on timers that end together, not as
  // activities handed back one by one. Histories recorded before it carry no putOff.
  const known = firstAttempts ?? (putOff && patched('wide-fanout-put-off') ? putOff : null);
  if (known !== null) {
    return recordingCancellation(deliveryIds, () =>
      deliverAfterFirstAttempts(deliveryIds, known, policy),
    );
  }
  return deliveryBatchWorkflow({ deliveryIds, policy });
}

/**
 * HERALD_FIRST_ATTEMPT=outbox (id `event:<platformId>:<eventId>`, as eventDeliveryWorkflow's):
 * started only for an event whose first attempts, made by a worker straight from the outbox, left
 * deliveries to retry. It continues each one's schedule from its first attempt, as
 * eventDeliveryWorkflow does after a first attempt made in its own task.
 */
export async function eventRetriesWorkflow(input: EventRetriesInput): Promise<FanoutSummary> {
  const { policy, retries, firstAttemptAt } = input;
  const deliveryIds = retries.map((retry) => retry.deliveryId);
  return recordingCancellation(deliveryIds, () =>
    deliverAfterFirstAttempts(
      deliveryIds,
      retries.map((retry) => retry.firstAttempt),
      policy,
      firstAttemptAt,
    ),
  );
}

/**
 * Redeliver, recover and the reconciler's repair (id `redeliver:…`, `recover:…`, `reconcile:…`):
 * reopens the deliveries first, so the start is the only step the API takes. Replaces
 * deliveryBatchWorkflow for those, which stays for the series an older Herald started.
 */
export async function redeliveryWorkflow(input: RedeliveryInput): Promise<FanoutSummary> {
  const deliveryIds = await reopenDeliveries({
    deliveryIds: input.deliveryIds,
    workflowId: workflowInfo().workflowId,
    ...(input.takeOverFrom === undefined ? {} : { takeOverFrom: input.takeOverFrom }),
  });
  return deliveryBatchWorkflow({ deliveryIds, policy: input.policy });
}

/** Started by the `herald-reconcile-deliveries` Schedule (src/delivery/reconciler.ts). */
export async function reconcileDeliveriesWorkflow(): Promise<{
  restarted: number;
  fanoutsRestarted: number;
}> {
  const { reconcileStuckDeliveries } = proxyActivities<Activities>({
    ...BOOKKEEPING,
    startToCloseTimeout: '5m',
  });
  return reconcileStuckDeliveries();
}

/** One per ingested event, as started by Herald before eventDeliveryWorkflow; kept so they finish. */
export async function eventFanoutWorkflow(input: EventFanoutInput): Promise<FanoutSummary> {
  const deliveryIds = await resolveDestinations({
    platformId: input.platformId,
    eventId: input.eventId,
    workflowId: workflowInfo().workflowId,
  });
  // Histories recorded before this attribute existed replay without the upsert (patched = false).
  if (patched('destination-count-search-attribute')) tagDestinationCount(deliveryIds.length);
  return deliveryBatchWorkflow({ deliveryIds, policy: input.policy });
}

/** A single attempt with no retries; the API waits for its result. */
export async function testDeliveryWorkflow(input: TestDeliveryInput): Promise<TestDeliveryResult> {
  const { testDeliver } = proxyActivities<Activities>({
    startToCloseTimeout: input.attemptTimeoutMs + ATTEMPT_BOOKKEEPING_MS,
    retry: { maximumAttempts: 1 },
  });
  return testDeliver(input);
}

/** Batches one purge run takes at most; the next daily run continues where it stopped. */
const PURGE_BATCHES_PER_RUN = 200;

/**
 * Started daily by the `herald-retention-purge` Schedule: deletes events older than
 * HERALD_RETENTION (with their deliveries and attempts) in bounded batches.
 */
export async function retentionPurgeWorkflow(): Promise<{ purged: number }> {
  const { purgeExpired } = proxyActivities<Activities>(BOOKKEEPING);
  let purged = 0;
  for (let batch = 0; batch < PURGE_BATCHES_PER_RUN; batch++) {
    const result = await purgeExpired();
    purged += result.purged;
    if (!result.more) break;
  }
  return { purged };
}

export { backfillWorkflow, backfillPageWorkflow } from './backfill';
