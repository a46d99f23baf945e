import { ConcurrencyGate } from './concurrencyGate';

/**
 * How much of one worker's delivery capacity a single platform, or a single destination, may
 * hold at once. The worker has 200 activity slots (temporal/worker.ts): one platform's hanging
 * receivers can take at most a quarter of them, so every other platform keeps the rest.
 */
export const FAIR_SHARE = {
  perPlatform: 50,
  perDestination: 16,
  /** How long an attempt waits for its share (holding a worker slot) before it is deferred. */
  maxWaitMs: 500,
  /** A deferred attempt is tried again after this long, plus up to as much again (jitter). */
  deferMs: 2_000,
} as const;

export type FairShareRefusal = { limit: 'platform' | 'destination'; retryAfterMs: number };

/**
 * Per-process gates on attempts in flight, by platform and by destination. An attempt over its
 * share sends nothing and records nothing: it is deferred and tried again a few seconds later.
 */
export function createFairShare(random: () => number = Math.random) {
  const platforms = new ConcurrencyGate(FAIR_SHARE.perPlatform);
  const destinations = new ConcurrencyGate(FAIR_SHARE.perDestination);
  const deferral = (limit: FairShareRefusal['limit']): FairShareRefusal => ({
    limit,
    retryAfterMs: Math.round(FAIR_SHARE.deferMs * (1 + random())),
  });

  /** A release function, or why the attempt must wait its turn. */
  async function admit(
    platformId: string,
    destinationId: string,
  ): Promise<{ release: () => void } | { refused: FairShareRefusal }> {
    const releasePlatform = await platforms.acquire(platformId, FAIR_SHARE.maxWaitMs);
    if (!releasePlatform) return { refused: deferral('platform') };
    const releaseDestination = await destinations.acquire(destinationId, FAIR_SHARE.maxWaitMs);
    if (!releaseDestination) {
      releasePlatform();
      return { refused: deferral('destination') };
    }
    return {
      release: () => {
        releaseDestination();
        releasePlatform();
      },
    };
  }

  return { admit };
}

export type FairShare = ReturnType<typeof createFairShare>;
