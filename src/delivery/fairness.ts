import { ConcurrencyGate } from './concurrencyGate';
import { createHangingReceivers, type SendOutcome } from './hangingReceivers';
import { CONNECTIONS_PER_ORIGIN } from './httpSender';

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
  /**
   * As many as the sender keeps connections to one origin: an attempt let through has its
   * connection, so the receiver's pause, checked last, is checked when the request goes out.
   */
  perOrigin: CONNECTIONS_PER_ORIGIN,
  // Wide enough that one event's fan-out to hundreds of healthy destinations waits, not defers.
  waitingPerKey: 500,
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
  limit: 'platform' | 'destination' | 'origin' | 'hanging';
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
 * Per-process gates on attempts in flight, by destination, platform and origin, and a pause for
 * receivers that stopped answering (hangingReceivers.ts). An attempt over its share sends nothing
 * and records nothing: it waits its turn, or is deferred.
 */
export function createFairShare(
  random: () => number = Math.random,
  clock: () => number = Date.now,
) {
  const hanging = createHangingReceivers(random, clock);
  // In this order: a destination's waiters line up for its platform no more than 32 at a time,
  // and an attempt takes a connection to its origin only once nothing else holds it back.
  const gates = [
    shareGate('destination', FAIR_SHARE.perDestination, (request) => request.destinationId),
    shareGate('platform', FAIR_SHARE.perPlatform, (request) => request.platformId),
    shareGate('origin', FAIR_SHARE.perOrigin, (request) => request.origin),
  ];
  const deferral = (limit: FairShareRefusal['limit'], tries: number): FairShareRefusal => {
    const base =
      tries <= 1
        ? FAIR_SHARE.firstDeferMs
        : Math.min(FAIR_SHARE.deferMs * 2 ** (tries - 2), FAIR_SHARE.maxDeferMs);
    return { limit, retryAfterMs: Math.round(base * (1 + random() / 2)) };
  };
  const releaseAll = (held: (() => void)[]) => held.forEach((release) => release());

  /** Past every gate, the receiver's pause has the last word: it may have begun meanwhile. */
  function enterReceiver(request: ShareRequest, held: (() => void)[]): Admission {
    const entered = hanging.enter(receiverOf(request), request.attemptTimeoutMs);
    if ('putOffMs' in entered) {
      releaseAll(held);
      return { refused: { limit: 'hanging', retryAfterMs: entered.putOffMs } };
    }
    return {
      release: (outcome) => {
        releaseAll(held);
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
   * The answer if it needs no waiting (a free slot at every gate, or a paused receiver), else
   * undefined: the caller then lets go of what it need not hold while it waits in `admit`.
   */
  function admitAtOnce(request: ShareRequest): Admission | undefined {
    const held: (() => void)[] = [];
    for (const { gate, keyOf } of gates) {
      const release = gate.tryAcquire(keyOf(request));
      if (!release) {
        releaseAll(held);
        return whilePaused(request);
      }
      held.push(release);
    }
    return enterReceiver(request, held);
  }

  /** A release function, told how the attempt went, or why the attempt must come back later. */
  async function admit(request: ShareRequest): Promise<Admission> {
    // Checked before waiting in line, and again after: the pause may have begun meanwhile.
    const paused = whilePaused(request);
    if (paused) return paused;
    // One wait in all, however it is spread over the gates.
    const waitUntil = clock() + request.maxWaitMs;
    const held: (() => void)[] = [];
    for (const { limit, gate, keyOf } of gates) {
      const release = await gate.acquire(
        keyOf(request),
        Math.max(waitUntil - clock(), 0),
        FAIR_SHARE.waitingPerKey,
      );
      if (!release) {
        releaseAll(held);
        return { refused: deferral(limit, request.tries) };
      }
      held.push(release);
    }
    return enterReceiver(request, held);
  }

  return { putOff, admitAtOnce, admit };
}

/** One of the fair share's limits: attempts in flight per key (a destination, platform, origin). */
function shareGate(
  limit: Exclude<FairShareRefusal['limit'], 'hanging'>,
  perKey: number,
  keyOf: (request: ShareRequest) => string,
) {
  return { limit, gate: new ConcurrencyGate(perKey), keyOf };
}

export type FairShare = ReturnType<typeof createFairShare>;
