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
  /**
   * A receiver already holding this many attempts, none answered, the oldest for a third of the
   * attempt timeout (at least minSilenceMs), is silent: its next attempts are put off a whole
   * first pause instead of joining the ones that will time out together.
   */
  silentInFlight: 3,
  silenceInTimeouts: 1 / 3,
  minSilenceMs: 2_000,
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

/** A receiver's attempts in flight: when each was sent, and when one last ended. */
interface InFlight {
  sentAt: number[];
  lastEndedAt: number;
}

const firstPauseMs = (attemptTimeoutMs: number) =>
  Math.max(attemptTimeoutMs * HANGING_RECEIVERS.pauseInTimeouts, HANGING_RECEIVERS.minPauseMs);

/** Per-process record of the receivers that stopped answering. */
export function createHangingReceivers(
  random: () => number = Math.random,
  clock: () => number = Date.now,
) {
  const receivers = new Map<string, HangingState>();
  const inFlight = new Map<string, InFlight>();
  const withJitter = (ms: number) => Math.round(ms * (1 + random() / 2));

  /** Holding attempts long unanswered, though none has timed out yet (see silentInFlight). */
  function silent(receiver: string, attemptTimeoutMs: number): boolean {
    const sending = inFlight.get(receiver);
    if (!sending || sending.sentAt.length < HANGING_RECEIVERS.silentInFlight) return false;
    const oldest = sending.sentAt[0]!;
    const silenceMs = Math.max(
      attemptTimeoutMs * HANGING_RECEIVERS.silenceInTimeouts,
      HANGING_RECEIVERS.minSilenceMs,
    );
    return sending.lastEndedAt < oldest && clock() - oldest >= silenceMs;
  }

  function sent(receiver: string): number {
    const sentAt = clock();
    const sending = inFlight.get(receiver) ?? { sentAt: [], lastEndedAt: 0 };
    sending.sentAt.push(sentAt);
    inFlight.set(receiver, sending);
    return sentAt;
  }

  function landed(receiver: string, sentAt: number, outcome: SendOutcome): void {
    const sending = inFlight.get(receiver);
    if (!sending) return;
    sending.sentAt.splice(sending.sentAt.indexOf(sentAt), 1);
    if (outcome === 'ended') sending.lastEndedAt = clock();
    if (sending.sentAt.length === 0) inFlight.delete(receiver);
  }

  /**
   * How long to put off an attempt to this receiver, or undefined to go ahead: a whole pause,
   * whenever in the pause it comes, so each waiting delivery costs the engine one round trip per
   * pause, not one each time the pause runs out.
   */
  function putOffMs(receiver: string, attemptTimeoutMs: number): number | undefined {
    const state = receivers.get(receiver);
    if (state === undefined || state.pausedUntil === 0) {
      return silent(receiver, attemptTimeoutMs)
        ? withJitter(firstPauseMs(attemptTimeoutMs))
        : undefined;
    }
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
      pause(counted, firstPauseMs(attemptTimeoutMs));
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
    const putOff = putOffMs(receiver, attemptTimeoutMs);
    if (putOff !== undefined) return { putOffMs: putOff };
    const state = receivers.get(receiver);
    const probe = state !== undefined && state.pausedUntil !== 0;
    if (probe) state.probing = true;
    const sentAt = sent(receiver);
    return {
      settle: (outcome) => {
        landed(receiver, sentAt, outcome);
        settle(receiver, probe, outcome, attemptTimeoutMs);
      },
    };
  }

  return { putOffMs, enter };
}
