import { ConcurrencyGate } from './concurrencyGate';
import { createHangingReceivers, type SendOutcome } from './hangingReceivers';

/**
 * How much of one worker's delivery capacity a single platform, or a single destination, may
 * hold. One platform may have 100 attempts sending and 500 more waiting their turn in the worker
 * (of 1,000 activity slots, temporal/worker.ts), so every other platform keeps most of them; one
 * destination sends as many at once as the worker keeps connections to one origin. A waiting
 * attempt costs the engine nothing; past the waiting line an attempt is deferred, which costs a
 * task round trip, so deferrals wait long and longer.
 */
export const FAIR_SHARE = {
  perPlatform: 100,
  perDestination: 32,
  // Wide enough that one event's fan-out to hundreds of healthy destinations waits, not defers.
  waitingPerPlatform: 500,
  /** An attempt in a workflow's first task holds a workflow task slot: it waits little. */
  firstTaskWaitMs: 500,
  // A delivery activity waits up to FAIR_SHARE_WAIT_MS (delivery/policy.ts), within its timeout.
  /** A first attempt deferred comes back soon, as an activity that may wait in line. */
  firstDeferMs: 2_000,
  /** An activity deferred (the line was full) comes back after this, doubled per try, + jitter. */
  deferMs: 5_000,
  maxDeferMs: 60_000,
} as const;

/** An attempt let through (told, when it ends, how it went), or put off. */
export type Admission = { release: (outcome: SendOutcome) => void } | { refused: FairShareRefusal };

/** Which limit put an attempt off: a share of attempts in flight, or a receiver gone silent. */
export type FairShareRefusal = {
  limit: 'platform' | 'destination' | 'hanging';
  retryAfterMs: number;
};

export interface ShareRequest {
  platformId: string;
  destinationId: string;
  /** The destination URL's origin: a receiver that stops answering is a host, not a path. */
  origin: string;
  /** How many times Temporal has run this attempt's activity, this one included. */
  tries: number;
  /** How long it may wait for its share before it is deferred. */
  maxWaitMs: number;
  /** The attempt's own timeout: a receiver that lets attempts run it out is paused for longer. */
  attemptTimeoutMs: number;
}

/**
 * The receiver the hanging-receiver pause watches: one platform's destinations on one origin. A
 * host that accepts and never answers does so on every path, so a platform's destinations on it
 * pause together (after 3 timeouts, not 3 per destination); another platform's are not touched,
 * so no platform can pause deliveries to a host it shares with others.
 */
const receiverOf = (request: Pick<ShareRequest, 'platformId' | 'origin'>) =>
  `${request.platformId}\u0000${request.origin}`;

/**
 * Per-process gates on attempts in flight, by platform and by destination, and a pause for
 * receivers that stopped answering (hangingReceivers.ts). An attempt over its share sends nothing
 * and records nothing: it waits its turn, or is deferred.
 */
export function createFairShare(
  random: () => number = Math.random,
  clock: () => number = Date.now,
) {
  const hanging = createHangingReceivers(random, clock);
  const platforms = new ConcurrencyGate(FAIR_SHARE.perPlatform);
  const destinations = new ConcurrencyGate(FAIR_SHARE.perDestination);
  const deferral = (limit: FairShareRefusal['limit'], tries: number): FairShareRefusal => {
    const base =
      tries <= 1
        ? FAIR_SHARE.firstDeferMs
        : Math.min(FAIR_SHARE.deferMs * 2 ** (tries - 2), FAIR_SHARE.maxDeferMs);
    return { limit, retryAfterMs: Math.round(base * (1 + random() / 2)) };
  };

  /** Past both gates, the receiver's pause has the last word: it may have begun meanwhile. */
  function enterReceiver(request: ShareRequest, ...gates: (() => void)[]): Admission {
    const releaseGates = () => gates.forEach((release) => release());
    const entered = hanging.enter(receiverOf(request), request.attemptTimeoutMs);
    if ('putOffMs' in entered) {
      releaseGates();
      return { refused: { limit: 'hanging', retryAfterMs: entered.putOffMs } };
    }
    return {
      release: (outcome) => {
        releaseGates();
        entered.settle(outcome);
      },
    };
  }

  /**
   * Why an attempt to this receiver is put off (paused, or silent), known before anything about
   * the attempt is read; undefined to go ahead.
   */
  function putOff(
    request: Pick<ShareRequest, 'platformId' | 'origin' | 'attemptTimeoutMs'>,
  ): FairShareRefusal | undefined {
    const pausedFor = hanging.putOffMs(receiverOf(request), request.attemptTimeoutMs);
    return pausedFor === undefined ? undefined : { limit: 'hanging', retryAfterMs: pausedFor };
  }

  function whilePaused(request: ShareRequest): Admission | undefined {
    const refused = putOff(request);
    return refused && { refused };
  }

  /**
   * The answer if it needs no waiting (a free slot, or a paused receiver), else undefined: the
   * caller then lets go of what it need not hold while it waits in `admit`.
   */
  function admitAtOnce(request: ShareRequest): Admission | undefined {
    const releaseDestination = destinations.tryAcquire(request.destinationId);
    const releasePlatform = releaseDestination && platforms.tryAcquire(request.platformId);
    // With a free slot, entering the receiver checks its pause.
    if (releaseDestination && releasePlatform) {
      return enterReceiver(request, releasePlatform, releaseDestination);
    }
    releaseDestination?.();
    return whilePaused(request);
  }

  /** A release function, told how the attempt went, or why the attempt must come back later. */
  async function admit(request: ShareRequest): Promise<Admission> {
    const waitMs = request.maxWaitMs;
    // Checked before waiting in line, and again after: the pause may have begun meanwhile.
    const paused = whilePaused(request);
    if (paused) return paused;
    // The destination first: its waiters then line up for the platform no more than 16 at a time.
    const releaseDestination = await destinations.acquire(
      request.destinationId,
      waitMs,
      FAIR_SHARE.waitingPerPlatform,
    );
    if (!releaseDestination) return { refused: deferral('destination', request.tries) };
    const releasePlatform = await platforms.acquire(
      request.platformId,
      waitMs,
      FAIR_SHARE.waitingPerPlatform,
    );
    if (!releasePlatform) {
      releaseDestination();
      return { refused: deferral('platform', request.tries) };
    }
    return enterReceiver(request, releasePlatform, releaseDestination);
  }

  return { putOff, admitAtOnce, admit };
}

export type FairShare = ReturnType<typeof createFairShare>;
