import type { Config } from '../config';

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
