/**
 * A receiver that accepts and never answers holds a worker slot for the whole attempt timeout,
 * and every attempt to it cycles through the engine (start, heartbeats, failure, retry). After
 * `timeoutsToPause` attempts in a row time out, a receiver (fairness.ts says what that is) is
 * paused: its attempts are put off unsent (they wait in Temporal's retry timers, which cost
 * nothing while they wait). When the pause ends one attempt probes the receiver: any other end
 * (an answer, even an error, or a refused connection) ends the pause, another timeout doubles it.
 * Convoy calls this a circuit breaker; here it only ever reacts to silence, because anything else
 * frees the slot at once.
 */
export const HANGING_RECEIVERS = {
  timeoutsToPause: 3,
  /** The first pause: this many attempt timeouts, at least minPauseMs. */
  pauseInTimeouts: 2,
  minPauseMs: 2_000,
  maxPauseMs: 300_000,
} as const;

/**
 * How an admitted attempt went: it timed out, it ended some other way (an answer, a refused
 * connection), or nothing was sent.
 */
export type SendOutcome = 'ended' | 'timed-out' | 'unsent';

interface HangingState {
  timeoutsInARow: number;
  pauseMs: number;
  /** Epoch ms; 0 while the receiver is not paused (only counting timeouts). */
  pausedUntil: number;
  probing: boolean;
}

/** Per-process record of the receivers that stopped answering. */
export function createHangingReceivers(
  random: () => number = Math.random,
  clock: () => number = Date.now,
) {
  const receivers = new Map<string, HangingState>();
  const withJitter = (ms: number) => Math.round(ms * (1 + random() / 2));

  /**
   * How long to put off an attempt to this receiver, or undefined to go ahead: a whole pause,
   * whenever in the pause it comes, so each waiting delivery costs the engine one round trip per
   * pause, not one each time the pause runs out.
   */
  function putOffMs(receiver: string): number | undefined {
    const state = receivers.get(receiver);
    if (state === undefined || state.pausedUntil === 0) return undefined;
    const paused = clock() < state.pausedUntil || state.probing;
    return paused ? withJitter(state.pauseMs) : undefined;
  }

  function pause(state: HangingState, pauseMs: number): void {
    state.pauseMs = Math.min(pauseMs, HANGING_RECEIVERS.maxPauseMs);
    state.pausedUntil = clock() + state.pauseMs;
  }

  function settle(
    receiver: string,
    probe: boolean,
    outcome: SendOutcome,
    attemptTimeoutMs: number,
  ): void {
    const state = receivers.get(receiver);
    if (outcome === 'ended') {
      receivers.delete(receiver);
      return;
    }
    if (outcome === 'unsent') {
      if (probe && state) state.probing = false;
      return;
    }
    const counted = state ?? { timeoutsInARow: 0, pauseMs: 0, pausedUntil: 0, probing: false };
    counted.timeoutsInARow += 1;
    if (counted.pausedUntil !== 0) {
      // Only the probe's timeout lengthens a pause; a probe whose pause an answer ended meanwhile
      // finds the count started again, and counts as any timeout.
      if (probe) {
        counted.probing = false;
        pause(counted, counted.pauseMs * 2);
      }
    } else if (counted.timeoutsInARow >= HANGING_RECEIVERS.timeoutsToPause) {
      pause(
        counted,
        Math.max(
          attemptTimeoutMs * HANGING_RECEIVERS.pauseInTimeouts,
          HANGING_RECEIVERS.minPauseMs,
        ),
      );
    }
    receivers.set(receiver, counted);
  }

  /**
   * Whether an attempt may be sent now (the probe, when a pause has ended); the caller reports
   * how it went.
   */
  function enter(
    receiver: string,
    attemptTimeoutMs: number,
  ): { putOffMs: number } | { settle: (outcome: SendOutcome) => void } {
    const putOff = putOffMs(receiver);
    if (putOff !== undefined) return { putOffMs: putOff };
    const state = receivers.get(receiver);
    const probe = state !== undefined && state.pausedUntil !== 0;
    if (probe) state.probing = true;
    return { settle: (outcome) => settle(receiver, probe, outcome, attemptTimeoutMs) };
  }

  return { putOffMs, enter };
}
