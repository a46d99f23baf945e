import type { Config } from '../config';
import type { AttemptLimits, RetryOutcome } from '../temporal/contracts';

/**
 * The delivery retry policy as plain data (DESIGN §6). The API builds it from config and passes
 * it in each workflow's input, so workflows stay free of environment reads and a running
 * workflow keeps the policy it started with.
 */
export interface DeliveryPolicy {
  initialIntervalMs: number;
  backoffCoefficient: number;
  maximumIntervalMs: number;
  /** 0 means no cap: the delivery window alone ends the retries. */
  maximumAttempts: number;
  deliveryWindowMs: number;
  attemptTimeoutMs: number;
}

export function deliveryPolicyFrom(config: Config): DeliveryPolicy {
  return {
    initialIntervalMs: config.HERALD_RETRY_INITIAL_INTERVAL,
    backoffCoefficient: config.HERALD_RETRY_BACKOFF,
    maximumIntervalMs: config.HERALD_RETRY_MAX_INTERVAL,
    maximumAttempts: config.HERALD_RETRY_MAX_ATTEMPTS,
    deliveryWindowMs: config.HERALD_DELIVERY_WINDOW,
    attemptTimeoutMs: config.HERALD_DELIVERY_TIMEOUT,
  };
}

/** Room for the database reads and writes around one HTTP attempt. */
export const ATTEMPT_BOOKKEEPING_MS = 10_000;

/**
 * How long a delivery activity may wait in its worker for its platform's fair share of
 * attempts in flight (delivery/fairness.ts) before it sends; part of its start-to-close time.
 */
export const FAIR_SHARE_WAIT_MS = 20_000;

/**
 * How long an attempt waits out an unreachable Postgres inside its activity (db/patience.ts)
 * before it gives the attempt back to Temporal; part of its start-to-close time, so a database
 * outage this long neither moves the delivery's retry schedule nor uses up an attempt.
 */
export const DATABASE_PATIENCE_MS = 90_000;

/**
 * A delivery activity heartbeats this often while it runs (waiting in line, for Postgres, or for
 * the receiver), so Temporal notices a dead worker within the heartbeat timeout, and the worker
 * learns that Temporal gave up on the attempt and aborts it.
 */
export const ATTEMPT_HEARTBEAT = { everyMs: 5_000, timeoutMs: 20_000 } as const;

/** The start-to-close time of one delivery attempt, everything it may wait for included. */
export function attemptStartToCloseMs(policy: Pick<DeliveryPolicy, 'attemptTimeoutMs'>): number {
  return (
    policy.attemptTimeoutMs + ATTEMPT_BOOKKEEPING_MS + FAIR_SHARE_WAIT_MS + DATABASE_PATIENCE_MS
  );
}

export function attemptLimitsOf(policy: DeliveryPolicy): AttemptLimits {
  return {
    attemptTimeoutMs: policy.attemptTimeoutMs,
    maxRetryIntervalMs: policy.maximumIntervalMs,
  };
}

/**
 * The policy for the attempts after a first one made in the workflow's own task: the same
 * schedule shifted by one step (the next interval, one attempt fewer, the window's remainder),
 * so a delivery sees 5 s, 25 s, 125 s … whichever way its first attempt ran.
 */
export function policyAfterFirstAttempt(policy: DeliveryPolicy, elapsedMs: number): DeliveryPolicy {
  return {
    ...policy,
    initialIntervalMs: Math.min(
      policy.initialIntervalMs * policy.backoffCoefficient,
      policy.maximumIntervalMs,
    ),
    maximumAttempts: policy.maximumAttempts > 0 ? policy.maximumAttempts - 1 : 0,
    deliveryWindowMs: Math.max(1, policy.deliveryWindowMs - elapsedMs),
  };
}

/** Whether a delivery whose first attempt failed may be tried again at all. */
export function retriesLeftAfterFirstAttempt(policy: DeliveryPolicy): boolean {
  return policy.maximumAttempts !== 1;
}

/** The backoff of a delivery activity's retry policy, as Temporal applies it. */
export type RetryBackoff = Pick<
  DeliveryPolicy,
  'initialIntervalMs' | 'backoffCoefficient' | 'maximumIntervalMs'
>;

/**
 * The delay Temporal is told to wait after attempt `attempt` came to `outcome`, or undefined to
 * let the retry policy's own backoff decide: the receiver's Retry-After or a deferral's delay as
 * they are, and for a receiver paused after a timeout the backoff stretched to the pause (never
 * shortened, so a paused receiver gets no more attempts than the policy allows).
 */
export function nextRetryDelayMs(
  outcome: RetryOutcome,
  attempt: number,
  backoff: RetryBackoff | undefined,
): number | undefined {
  if (outcome.retryAfterMs !== undefined) return outcome.retryAfterMs;
  if (outcome.receiverPausedMs === undefined || backoff === undefined) return undefined;
  const scheduledMs = Math.min(
    backoff.initialIntervalMs * backoff.backoffCoefficient ** (attempt - 1),
    backoff.maximumIntervalMs,
  );
  return Math.max(scheduledMs, outcome.receiverPausedMs);
}
