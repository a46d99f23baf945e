/**
 * Orchestration only: no I/O, clock or randomness outside Temporal's APIs. Every side effect is
 * an activity (activities/index.ts); the retry policy arrives as data in the input.
 */
import {
  ActivityFailure,
  CancellationScope,
  executeChild,
  isCancellation,
  proxyActivities,
  patched,
  proxyLocalActivities,
  sleep,
  upsertSearchAttributes,
  workflowInfo,
  type ActivityOptions,
} from '@temporalio/workflow';
import type { Activities } from '../activities';
import {
  MAX_DELIVERIES_PER_WORKFLOW,
  type AttemptOutcome,
  type DeliveryBatchInput,
  type DeliveryPage,
  type DeliveryPolicy,
  type EventFanoutInput,
  type FanoutSummary,
  type FinalDeliveryStatus,
  type RedeliveryInput,
  type TestDeliveryInput,
  type TestDeliveryResult,
} from '../src/temporal/contracts';
import {
  ATTEMPT_BOOKKEEPING_MS,
  ATTEMPT_HEARTBEAT,
  DATABASE_PATIENCE_MS,
  attemptLimitsOf,
  attemptStartToCloseMs,
  policyAfterFirstAttempt,
  retriesLeftAfterFirstAttempt,
} from '../src/delivery/policy';
import { heraldSearchAttributes } from '../src/temporal/searchAttributes';

/** Bookkeeping retries until Postgres answers again. */
const BOOKKEEPING: ActivityOptions = {
  startToCloseTimeout: '30s',
  retry: { initialInterval: '1s', backoffCoefficient: 2, maximumInterval: '1m' },
};
const { recordDeliveryOutcome, cancelDeliveries, reopenDeliveries } =
  proxyActivities<Activities>(BOOKKEEPING);
/**
 * A local activity: it runs in the worker that holds the workflow task, so resolving the
 * destinations costs no task-queue round trip before the first delivery (see PERFORMANCE.md).
 */
const { resolveDestinations, loadDeliveryPage } = proxyLocalActivities<Activities>(BOOKKEEPING);

function deliveryActivityOptions(policy: DeliveryPolicy): ActivityOptions {
  return {
    // Options are not part of replay: raising these applies to running workflows' next attempt.
    startToCloseTimeout: attemptStartToCloseMs(policy),
    heartbeatTimeout: ATTEMPT_HEARTBEAT.timeoutMs,
    scheduleToCloseTimeout: policy.deliveryWindowMs,
    retry: {
      initialInterval: policy.initialIntervalMs,
      backoffCoefficient: policy.backoffCoefficient,
      maximumInterval: policy.maximumIntervalMs,
      // The SDK spells "no cap" as an absent maximumAttempts.
      ...(policy.maximumAttempts > 0 ? { maximumAttempts: policy.maximumAttempts } : {}),
    },
  };
}

async function deliverOne(
  deliveryId: string,
  policy: DeliveryPolicy,
): Promise<FinalDeliveryStatus> {
  const { deliver } = proxyActivities<Activities>(deliveryActivityOptions(policy));
  try {
    return await deliver({ deliveryId, limits: attemptLimitsOf(policy) });
  } catch (error) {
    if (!(error instanceof ActivityFailure)) throw error;
    // The policy gave up (attempts or window exhausted): the delivery has failed for good.
    const reason = error.cause?.message ?? error.message;
    await recordDeliveryOutcome({ deliveryId, status: 'failed', reason });
    return 'failed';
  }
}

/**
 * A workflow cancelled in Temporal (Web UI, CLI, a parent's cancellation) ends its deliveries
 * still pending as `cancelled`, in a scope the cancellation cannot reach, then ends cancelled
 * itself. Histories recorded before this replay without it (patched = false).
 */
async function recordingCancellation<T>(deliveryIds: string[], run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (isCancellation(error) && patched('record-cancellation') && deliveryIds.length > 0) {
      await CancellationScope.nonCancellable(() =>
        cancelDeliveries({ deliveryIds, reason: 'the workflow was cancelled in Temporal' }),
      );
    }
    throw error;
  }
}

function summarise(statuses: FinalDeliveryStatus[]): FanoutSummary {
  const count = (status: FinalDeliveryStatus) => statuses.filter((s) => s === status).length;
  return {
    deliveries: statuses.length,
    succeeded: count('succeeded'),
    failed: count('failed'),
    cancelled: count('cancelled'),
  };
}

function addSummaries(summaries: FanoutSummary[]): FanoutSummary {
  return summaries.reduce(
    (total, part) => ({
      deliveries: total.deliveries + part.deliveries,
      succeeded: total.succeeded + part.succeeded,
      failed: total.failed + part.failed,
      cancelled: total.cancelled + part.cancelled,
    }),
    summarise([]),
  );
}

/**
 * Runs a set of deliveries in parallel (given, or one page of a wide fan-out that it loads); each
 * settles as succeeded, failed or cancelled.
 */
export async function deliveryBatchWorkflow(input: DeliveryBatchInput): Promise<FanoutSummary> {
  const deliveryIds = 'page' in input ? await loadDeliveryPage(input.page) : input.deliveryIds;
  return recordingCancellation(deliveryIds, () =>
    deliverBatch({ deliveryIds, policy: input.policy }),
  );
}

const childWorkflowId = (parentId: string, index: number, separator = '/batch/') =>
  `${parentId}${separator}${index}`;

/** One child workflow per page; no delivery id enters this workflow's history. */
async function deliverPages(pages: DeliveryPage[], policy: DeliveryPolicy): Promise<FanoutSummary> {
  const parentId = workflowInfo().workflowId;
  const summaries = await Promise.all(
    pages.map((page, index) =>
      executeChild(deliveryBatchWorkflow, {
        workflowId: childWorkflowId(parentId, index),
        args: [{ page, policy }],
      }),
    ),
  );
  return addSummaries(summaries);
}

async function deliverBatch(input: {
  deliveryIds: string[];
  policy: DeliveryPolicy;
}): Promise<FanoutSummary> {
  if (input.deliveryIds.length <= MAX_DELIVERIES_PER_WORKFLOW) {
    return summarise(
      await Promise.all(input.deliveryIds.map((id) => deliverOne(id, input.policy))),
    );
  }
  const batches: string[][] = [];
  for (let start = 0; start < input.deliveryIds.length; start += MAX_DELIVERIES_PER_WORKFLOW) {
    batches.push(input.deliveryIds.slice(start, start + MAX_DELIVERIES_PER_WORKFLOW));
  }
  const parentId = workflowInfo().workflowId;
  // Event ids never hold '/', so no event's workflow id can be a child's; children started
  // before this kept the ':' form (patched = false on replay).
  const separator = patched('unambiguous-child-ids') ? '/batch/' : ':batch:';
  const summaries = await Promise.all(
    batches.map((deliveryIds, index) =>
      executeChild(deliveryBatchWorkflow, {
        workflowId: childWorkflowId(parentId, index, separator),
        args: [{ deliveryIds, policy: input.policy }],
      }),
    ),
  );
  return addSummaries(summaries);
}

/**
 * After a first attempt made in the workflow's first task: done if it was final, else the rest
 * of the schedule as a regular activity under the declarative retry policy (each attempt visible
 * in Web UI), starting one interval (or the receiver's Retry-After) later.
 */
async function afterFirstAttempt(
  deliveryId: string,
  firstAttempt: AttemptOutcome,
  policy: DeliveryPolicy,
): Promise<FinalDeliveryStatus> {
  if (firstAttempt.kind === 'final') return firstAttempt.status;
  if (!retriesLeftAfterFirstAttempt(policy)) {
    await recordDeliveryOutcome({ deliveryId, status: 'failed', reason: firstAttempt.reason });
    return 'failed';
  }
  await sleep(firstAttempt.retryAfterMs ?? policy.initialIntervalMs);
  const elapsedMs = Date.now() - workflowInfo().startTime.getTime();
  return deliverOne(deliveryId, policyAfterFirstAttempt(policy, elapsedMs));
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
  const { deliveryIds, firstAttempts } = started;
  tagDestinationCount(deliveryIds.length);
  if (firstAttempts === null) return deliveryBatchWorkflow({ deliveryIds, policy });
  return recordingCancellation(deliveryIds, async () =>
    summarise(
      await Promise.all(
        deliveryIds.map((deliveryId, index) =>
          afterFirstAttempt(deliveryId, firstAttempts[index]!, policy),
        ),
      ),
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
