import { ApplicationFailure, ApplicationFailureCategory } from '@temporalio/common';
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
