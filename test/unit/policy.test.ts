import {
  nextRetryDelayMs,
  policyAfterFirstAttempt,
  retriesLeftAfterFirstAttempt,
  type DeliveryPolicy,
} from '../../src/delivery/policy';
import type { RetryOutcome } from '../../src/temporal/contracts';
import { backoffOf } from '../../src/temporal/retryFailure';

const policy: DeliveryPolicy = {
  initialIntervalMs: 5_000,
  backoffCoefficient: 5,
  maximumIntervalMs: 6 * 3_600_000,
  maximumAttempts: 0,
  deliveryWindowMs: 72 * 3_600_000,
  attemptTimeoutMs: 15_000,
};

describe('the policy after a first attempt made in the workflow task', () => {
  it('continues the same schedule one step on: 25 s, then ×5', () => {
    expect(policyAfterFirstAttempt(policy, 5_000)).toEqual({
      ...policy,
      initialIntervalMs: 25_000,
      deliveryWindowMs: 72 * 3_600_000 - 5_000,
    });
  });

  it('never starts past the maximum interval', () => {
    const capped = { ...policy, maximumIntervalMs: 10_000 };
    expect(policyAfterFirstAttempt(capped, 0).initialIntervalMs).toBe(10_000);
  });

  it('counts the first attempt against a cap, and keeps "no cap" as no cap', () => {
    expect(policyAfterFirstAttempt({ ...policy, maximumAttempts: 3 }, 0).maximumAttempts).toBe(2);
    expect(policyAfterFirstAttempt(policy, 0).maximumAttempts).toBe(0);
    expect(retriesLeftAfterFirstAttempt({ ...policy, maximumAttempts: 1 })).toBe(false);
    expect(retriesLeftAfterFirstAttempt({ ...policy, maximumAttempts: 2 })).toBe(true);
    expect(retriesLeftAfterFirstAttempt(policy)).toBe(true);
  });

  it('leaves the remainder of the delivery window, never nothing', () => {
    expect(policyAfterFirstAttempt(policy, 80 * 3_600_000).deliveryWindowMs).toBe(1);
  });
});

describe('the delay Temporal is told after an attempt', () => {
  const backoff = { initialIntervalMs: 5_000, backoffCoefficient: 5, maximumIntervalMs: 3_600_000 };
  const retry = (fields: Partial<RetryOutcome> = {}): RetryOutcome => ({
    kind: 'retry',
    reason: 'timed out',
    ...fields,
  });

  it('leaves the schedule to the retry policy when nothing asks otherwise', () => {
    expect(nextRetryDelayMs(retry(), 1, backoff)).toBeUndefined();
  });

  it('takes a receiver’s Retry-After or a deferral’s delay as it is', () => {
    expect(nextRetryDelayMs(retry({ retryAfterMs: 1_500 }), 3, backoff)).toBe(1_500);
  });

  it('stretches the scheduled interval to a receiver’s pause, and never shortens it', () => {
    const paused = retry({ receiverPausedMs: 30_000 });
    expect(nextRetryDelayMs(paused, 1, backoff)).toBe(30_000);
    expect(nextRetryDelayMs(paused, 2, backoff)).toBe(30_000);
    // The third retry is scheduled 125 s out: longer than the pause, so it stays.
    expect(nextRetryDelayMs(paused, 3, backoff)).toBe(125_000);
    expect(nextRetryDelayMs(paused, 12, backoff)).toBe(3_600_000);
  });

  it('leaves a pause to the policy when the activity knows no backoff to stretch', () => {
    expect(nextRetryDelayMs(retry({ receiverPausedMs: 30_000 }), 1, undefined)).toBeUndefined();
  });
});

describe('the backoff an activity runs under', () => {
  it('reads Temporal’s retry policy, with Temporal’s defaults for what it leaves out', () => {
    expect(
      backoffOf({ initialInterval: '5s', backoffCoefficient: 5, maximumInterval: '6h' }),
    ).toEqual({ initialIntervalMs: 5_000, backoffCoefficient: 5, maximumIntervalMs: 21_600_000 });
    expect(backoffOf({})).toEqual({
      initialIntervalMs: 1_000,
      backoffCoefficient: 2,
      maximumIntervalMs: 100_000,
    });
    expect(backoffOf(undefined)).toBeUndefined();
  });
});
