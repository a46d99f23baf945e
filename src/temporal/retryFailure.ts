import {
  ApplicationFailure,
  ApplicationFailureCategory,
  type RetryPolicy,
} from '@temporalio/common';
import { msOptionalToNumber } from '@temporalio/common/lib/time';
import type { RetryBackoff } from '../delivery/policy';
import { ACTIVITY_FAILURE_TYPES } from './contracts';

/**
 * The failure a delivery activity throws to have Temporal's retry policy schedule its next
 * attempt: an expected outcome (a receiver's 503, a deferral), not a fault in Herald. Marked
 * benign, so the SDK logs it at debug rather than warning once per attempt, and given a one-line
 * stack: the frames would always name this line, and formatting them through source maps when
 * the SDK reads `stack` cost the worker milliseconds per failed attempt (PERFORMANCE.md,
 * session 12), in bursts when a slow receiver's attempts time out together.
 */
export function retryFailure(message: string, retryAfterMs?: number): ApplicationFailure {
  const failure = ApplicationFailure.create({
    message,
    type: ACTIVITY_FAILURE_TYPES.retryable,
    category: ApplicationFailureCategory.BENIGN,
    ...(retryAfterMs === undefined ? {} : { nextRetryDelay: retryAfterMs }),
  });
  failure.stack = `${failure.name}: ${message}`;
  return failure;
}

/**
 * The backoff of the retry policy an activity runs under (its `info.retryPolicy`), with
 * Temporal's defaults for what it leaves out; undefined when the server sent none.
 */
export function backoffOf(policy: RetryPolicy | undefined): RetryBackoff | undefined {
  if (!policy) return undefined;
  const initialIntervalMs = msOptionalToNumber(policy.initialInterval) ?? 1_000;
  return {
    initialIntervalMs,
    backoffCoefficient: policy.backoffCoefficient ?? 2,
    maximumIntervalMs: msOptionalToNumber(policy.maximumInterval) ?? 100 * initialIntervalMs,
  };
}
