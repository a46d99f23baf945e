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
  type RetryOutcome,
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
const { loadDeliveryPage, putOffStill } = proxyLocalActivities<Activities>(BOOKKEEPING);
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
  firstAttemptAt: number,
): Promise<FinalDeliveryStatus> {
  if (firstAttempt.kind === 'final') return firstAttempt.status;
  if (!retriesLeftAfterFirstAttempt(policy)) {
    await recordDeliveryOutcome({ deliveryId, status: 'failed', reason: firstAttempt.reason });
    return 'failed';
  }
  await sleep(firstAttempt.retryAfterMs ?? policy.initialIntervalMs);
  return continueSchedule(deliveryId, policy, firstAttemptAt);
}

/** The schedule's next attempt as an activity, with what has elapsed since the first. */
function continueSchedule(
  deliveryId: string,
  policy: DeliveryPolicy,
  firstAttemptAt: number,
): Promise<FinalDeliveryStatus> {
  return deliverOne(deliveryId, policyAfterFirstAttempt(policy, Date.now() - firstAttemptAt));
}

/**
 * How many times the workflow asks again whether a put-off receiver still puts its deliveries
 * off, before it hands them to activities that ask themselves: bounded, so a host that hangs for
 * days adds a few history events, not one per pause.
 */
const PUT_OFF_CHECKS = 3;

const putOffByReceiver = (outcome: AttemptOutcome | null | undefined): outcome is RetryOutcome =>
  outcome?.kind === 'retry' && outcome.receiverPutOff === true;

/** Deliveries by the delay they were put off for: one receiver's share one delay per launch. */
function byDelay(
  deliveries: { deliveryId: string; putOff: RetryOutcome }[],
  policy: DeliveryPolicy,
) {
  const groups = new Map<number, string[]>();
  for (const { deliveryId, putOff } of deliveries) {
    const delayMs = putOff.retryAfterMs ?? policy.initialIntervalMs;
    const group = groups.get(delayMs);
    if (group) group.push(deliveryId);
    else groups.set(delayMs, [deliveryId]);
  }
  return groups;
}

/**
 * Deliveries a paused or silent receiver put off unsent: one timer for all of them, then one
 * local activity asks which are still put off (those wait again, up to PUT_OFF_CHECKS times),
 * and the rest go to their activity. Waiting this way is no attempt: it uses up only the
 * delivery window. Before, each woke as an activity that was dispatched only to be put off again.
 */
async function waitOutPutOff(
  deliveryIds: string[],
  delayMs: number,
  policy: DeliveryPolicy,
  firstAttemptAt: number,
  checksLeft = PUT_OFF_CHECKS,
): Promise<FinalDeliveryStatus[]> {
  await sleep(delayMs);
  if (checksLeft === 0) {
    return Promise.all(deliveryIds.map((id) => continueSchedule(id, policy, firstAttemptAt)));
  }
  const answers = await putOffStill({ deliveryIds, limits: attemptLimitsOf(policy) });
  const stillPutOff: { deliveryId: string; putOff: RetryOutcome }[] = [];
  const statuses: Promise<FinalDeliveryStatus[]>[] = [];
  deliveryIds.forEach((deliveryId, index) => {
    const putOff = answers[index];
    if (putOff) stillPutOff.push({ deliveryId, putOff });
    else statuses.push(continueSchedule(deliveryId, policy, firstAttemptAt).then((s) => [s]));
  });
  for (const [againMs, ids] of byDelay(stillPutOff, policy)) {
    statuses.push(waitOutPutOff(ids, againMs, policy, firstAttemptAt, checksLeft - 1));
  }
  return (await Promise.all(statuses)).flat();
}

/**
 * Each delivery's schedule after what its first attempt came to, or from its first attempt
 * where there is none (same order as the ids).
 */
export async function deliverAfterFirstAttempts(
  deliveryIds: string[],
  firstAttempts: readonly (AttemptOutcome | null | undefined)[],
  policy: DeliveryPolicy,
  firstAttemptAt = workflowInfo().startTime.getTime(),
): Promise<FanoutSummary> {
  // Put-off deliveries wait together and are asked again in the workflow. Histories recorded
  // before carry no receiverPutOff, or replay without it (patched = false): one timer each.
  const waitTogether =
    retriesLeftAfterFirstAttempt(policy) &&
    firstAttempts.some(putOffByReceiver) &&
    patched('put-off-asked-again');
  const putOff: { deliveryId: string; putOff: RetryOutcome }[] = [];
  const statuses: Promise<FinalDeliveryStatus[]>[] = [];
  deliveryIds.forEach((deliveryId, index) => {
    const firstAttempt = firstAttempts[index];
    if (waitTogether && putOffByReceiver(firstAttempt)) {
      putOff.push({ deliveryId, putOff: firstAttempt });
      return;
    }
    const status = firstAttempt
      ? afterFirstAttempt(deliveryId, firstAttempt, policy, firstAttemptAt)
      : deliverOne(deliveryId, policy);
    statuses.push(status.then((s) => [s]));
  });
  for (const [delayMs, ids] of byDelay(putOff, policy)) {
    statuses.push(waitOutPutOff(ids, delayMs, policy, firstAttemptAt));
  }
  return summarise((await Promise.all(statuses)).flat());
}
