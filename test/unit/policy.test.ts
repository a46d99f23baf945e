import {
  policyAfterFirstAttempt,
  retriesLeftAfterFirstAttempt,
  type DeliveryPolicy,
} from '../../src/delivery/policy';

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
