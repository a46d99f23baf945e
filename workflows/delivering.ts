/**
 * The orchestration every delivery workflow shares: one delivery's attempts under the retry
 * policy, after a first attempt or from the start, a set of them in parallel (in child workflows
 * past 500), and recording cancellation.
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
  type FanoutSummary,
  type FinalDeliveryStatus,
} from '../src/temporal/contracts';
import {
  ATTEMPT_HEARTBEAT,
  attemptLimitsOf,
  attemptStartToCloseMs,
  policyAfterFirstAttempt,
  retriesLeftAfterFirstAttempt,
} from '../src/delivery/policy';

/** Bookkeeping retries until Postgres answers again. */
export const BOOKKEEPING: ActivityOptions = {
  startToCloseTimeout: '30s',
  retry: { initialInterval: '1s', backoffCoefficient: 2, maximumInterval: '1m' },
};
const { cancelDeliveries, recordDeliveryOutcome } = proxyActivities<Activities>(BOOKKEEPING);
export const { reopenDeliveries } = proxyActivities<Activities>(BOOKKEEPING);
/**
 * A local activity: it runs in the worker that holds the workflow task, so resolving the
 * destinations costs no task-queue round trip before the first delivery (see PERFORMANCE.md).
 */
const { loadDeliveryPage } = proxyLocalActivities<Activities>(BOOKKEEPING);
export const { resolveDestinations } = proxyLocalActivities<Activities>(BOOKKEEPING);

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

export async function deliverOne(
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
export async function recordingCancellation<T>(
  deliveryIds: string[],
  run: () => Promise<T>,
): Promise<T> {
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

export function summarise(statuses: FinalDeliveryStatus[]): FanoutSummary {
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
export async function deliverPages(
  pages: DeliveryPage[],
  policy: DeliveryPolicy,
): Promise<FanoutSummary> {
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
 * After a first attempt (made, or put off, in a workflow's first task or an outbox launch): done
 * if it was final, else the rest of the schedule as a regular activity under the declarative
 * retry policy (each attempt visible in Web UI), starting one interval (or the receiver's
 * Retry-After, or the put-off delay) later.
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
export async function deliverAfterFirstAttempts(
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
