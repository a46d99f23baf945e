/** Backfills: a destination's stored events it never got, page by page (child workflows). */
import {
  CancellationScope,
  continueAsNew,
  executeChild,
  isCancellation,
  patched,
  proxyActivities,
  setCurrentDetails,
  workflowInfo,
} from '@temporalio/workflow';
import type { Activities } from '../activities';
import {
  BACKFILL_PAGE_EVENTS,
  type BackfillCursor,
  type BackfillInput,
  type BackfillPageInput,
  type BackfillProgress,
  type FanoutSummary,
} from '../src/temporal/contracts';
import {
  ATTEMPT_BOOKKEEPING_MS,
  ATTEMPT_HEARTBEAT,
  DATABASE_PATIENCE_MS,
  attemptLimitsOf,
} from '../src/delivery/policy';
import {
  BOOKKEEPING,
  deliverAfterFirstAttempts,
  deliveryBatchWorkflow,
  recordingCancellation,
} from './delivering';

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
