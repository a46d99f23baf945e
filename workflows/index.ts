/**
 * Orchestration only: no I/O, clock or randomness outside Temporal's APIs. Every side effect is
 * an activity (activities/index.ts); the retry policy arrives as data in the input.
 */
import {
  CancellationScope,
  continueAsNew,
  executeChild,
  isCancellation,
  proxyActivities,
  patched,
  proxyLocalActivities,
  setCurrentDetails,
  sleep,
  upsertSearchAttributes,
  workflowInfo,
} from '@temporalio/workflow';
import type { Activities } from '../activities';
import {
  BACKFILL_PAGE_EVENTS,
  type AttemptOutcome,
  type DeliveryPolicy,
  type EventFanoutInput,
  type EventRetriesInput,
  type FanoutSummary,
  type FinalDeliveryStatus,
  type RedeliveryInput,
  type BackfillCursor,
  type BackfillInput,
  type BackfillProgress,
  type BackfillPageInput,
  type TestDeliveryInput,
  type TestDeliveryResult,
} from '../src/temporal/contracts';
import {
  ATTEMPT_BOOKKEEPING_MS,
  ATTEMPT_HEARTBEAT,
  DATABASE_PATIENCE_MS,
  attemptLimitsOf,
  policyAfterFirstAttempt,
  retriesLeftAfterFirstAttempt,
} from '../src/delivery/policy';
import { heraldSearchAttributes } from '../src/temporal/searchAttributes';

import {
  BOOKKEEPING,
  deliverOne,
  recordingCancellation,
  summarise,
  deliveryBatchWorkflow,
  deliverPages,
  recordDeliveryOutcome,
  reopenDeliveries,
  resolveDestinations,
} from './delivering';

export { deliveryBatchWorkflow } from './delivering';

/**
 * After a first attempt made in the workflow's first task: done if it was final, else the rest
 * of the schedule as a regular activity under the declarative retry policy (each attempt visible
 * in Web UI), starting one interval (or the receiver's Retry-After) later.
 */
async function afterFirstAttempt(
  deliveryId: string,
  firstAttempt: AttemptOutcome,
  policy: DeliveryPolicy,
  firstAttemptAt = workflowInfo().startTime.getTime(),
): Promise<FinalDeliveryStatus> {
  if (firstAttempt.kind === 'final') return firstAttempt.status;
  if (!retriesLeftAfterFirstAttempt(policy)) {
    await recordDeliveryOutcome({ deliveryId, status: 'failed', reason: firstAttempt.reason });
    return 'failed';
  }
  await sleep(firstAttempt.retryAfterMs ?? policy.initialIntervalMs);
  const elapsedMs = Date.now() - firstAttemptAt;
  return deliverOne(deliveryId, policyAfterFirstAttempt(policy, elapsedMs));
}

/**
 * Each delivery's schedule after what its first attempt came to, or from its first attempt
 * where there is none (same order as the ids).
 */
async function deliverAfterFirstAttempts(
  deliveryIds: string[],
  firstAttempts: readonly (AttemptOutcome | null | undefined)[],
  policy: DeliveryPolicy,
  firstAttemptAt?: number,
): Promise<FanoutSummary> {
  return summarise(
    await Promise.all(
      deliveryIds.map((deliveryId, index) => {
        const firstAttempt = firstAttempts[index];
        return firstAttempt
          ? afterFirstAttempt(deliveryId, firstAttempt, policy, firstAttemptAt)
          : deliverOne(deliveryId, policy);
      }),
    ),
  );
}

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
  if (firstAttempts !== null) {
    return recordingCancellation(deliveryIds, () =>
      deliverAfterFirstAttempts(deliveryIds, firstAttempts, policy),
    );
  }
  // A wide fan-out's deliveries to a receiver put off wait on timers that end together, not as
  // activities handed back one by one. Histories recorded before it carry no putOff.
  if (putOff && patched('wide-fanout-put-off')) {
    return recordingCancellation(deliveryIds, () =>
      deliverAfterFirstAttempts(deliveryIds, putOff, policy),
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

/** A backfill's progress in words, for Web UI (markdown is allowed there). */
const backfillDetails = (pages: number, progress: BackfillProgress): string =>
  `**${progress.delivered + progress.failed} of ${progress.total}** events sent ` +
  `(${progress.delivered} delivered, ${progress.failed} failed) after ${pages} page(s)`;

/** Pages one backfill run takes before it continues as new, keeping its history short. */
const BACKFILL_PAGES_PER_RUN = 200;

/**
 * `backfill:<id>`: the stored events a destination never got, oldest first, one page (child
 * workflow) at a time so it never holds more than a page of the platform's fair share.
 * Cancelled, it records so; its current page's deliveries end `cancelled`.
 */
export async function backfillWorkflow(input: BackfillInput): Promise<void> {
  const { recordBackfillProgress, finishBackfill } = proxyActivities<Activities>(BOOKKEEPING);
  const { workflowId } = workflowInfo();
  let after = input.after;
  try {
    for (let page = input.page; page < input.page + BACKFILL_PAGES_PER_RUN; page++) {
      const result = await executeChild(backfillPageWorkflow, {
        workflowId: `${workflowId}/page/${page}`,
        args: [{ backfillId: input.backfillId, policy: input.policy, after }],
      });
      const progress = await recordBackfillProgress({
        backfillId: input.backfillId,
        delivered: result.summary.succeeded,
        failed: result.summary.failed + result.summary.cancelled,
        page,
      });
      // Shown in Web UI's workflow page; histories from before it recorded no counts here.
      if (progress) setCurrentDetails(backfillDetails(page + 1, progress));
      if (result.next === null) {
        await finishBackfill({ backfillId: input.backfillId, status: 'completed' });
        return;
      }
      after = result.next;
    }
  } catch (error) {
    await CancellationScope.nonCancellable(() =>
      finishBackfill({
        backfillId: input.backfillId,
        status: isCancellation(error) ? 'cancelled' : 'failed',
      }),
    );
    throw error;
  }
  await continueAsNew<typeof backfillWorkflow>({
    ...input,
    after,
    page: input.page + BACKFILL_PAGES_PER_RUN,
  });
}

/**
 * One page of a backfill: creates its deliveries (held by this workflow), then delivers them —
 * first attempts one at a time in event order, so a healthy receiver gets the page oldest first;
 * retries, and whatever follows the first attempt that is not final, side by side.
 */
export async function backfillPageWorkflow(
  input: BackfillPageInput,
): Promise<{ summary: FanoutSummary; next: BackfillCursor | null }> {
  const { createBackfillPage } = proxyActivities<Activities>(BOOKKEEPING);
  const page = await createBackfillPage({ ...input, workflowId: workflowInfo().workflowId });
  const { deliveryIds } = page;
  const { policy } = input;
  // Pages recorded before in-order sending deliver side by side, as they did.
  if (!patched('backfill-in-order')) {
    return { summary: await deliveryBatchWorkflow({ deliveryIds, policy }), next: page.next };
  }
  const { sendInOrder } = proxyActivities<Activities>({
    startToCloseTimeout:
      BACKFILL_PAGE_EVENTS * (policy.attemptTimeoutMs + ATTEMPT_BOOKKEEPING_MS) +
      DATABASE_PATIENCE_MS,
    heartbeatTimeout: ATTEMPT_HEARTBEAT.timeoutMs,
    retry: BOOKKEEPING.retry,
  });
  const summary = await recordingCancellation(deliveryIds, async () =>
    deliverAfterFirstAttempts(
      deliveryIds,
      await sendInOrder({ deliveryIds, limits: attemptLimitsOf(policy) }),
      policy,
    ),
  );
  return { summary, next: page.next };
}
