import { isDatabaseUnavailable } from './errors';

/**
 * Backoff between tries while Postgres cannot be reached. Short, and apart from the delivery
 * retry policy: a database outage says nothing about the receiver, so it must neither push a
 * delivery's schedule out nor use up its attempts.
 */
export const DATABASE_RETRY = { initialMs: 250, maximumMs: 5_000 } as const;

export interface Patience {
  /** Epoch ms after which waiting for Postgres stops and its last error is thrown. */
  until: number;
  /** Stops the waiting at once (Temporal cancelled or timed out the activity). */
  signal?: AbortSignal;
}

export interface PatienceClock {
  now(): number;
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

const realClock: PatienceClock = {
  now: () => Date.now(),
  sleep: (ms, signal) =>
    new Promise((resolve) => {
      const timer = setTimeout(resolve, ms);
      signal?.addEventListener(
        'abort',
        () => {
          clearTimeout(timer);
          resolve();
        },
        { once: true },
      );
    }),
};

/**
 * Runs `operation`, trying again while the error means Postgres is unreachable (never for a
 * query that is wrong) and time is left.
 */
export async function whileDatabaseUnavailable<T>(
  operation: () => Promise<T>,
  patience: Patience,
  clock: PatienceClock = realClock,
): Promise<T> {
  let delay: number = DATABASE_RETRY.initialMs;
  for (;;) {
    try {
      return await operation();
    } catch (error) {
      if (!isDatabaseUnavailable(error)) throw error;
      if (patience.signal?.aborted || clock.now() + delay > patience.until) throw error;
      await clock.sleep(delay, patience.signal);
      delay = Math.min(delay * 2, DATABASE_RETRY.maximumMs);
    }
  }
}
