/**
 * Per-key token buckets: `ratePerSecond` requests a second, bursts up to one second's worth.
 * The state is per API process, so N replicas allow up to N times the rate; that keeps the
 * check off the database on the hot path.
 */
export interface RateLimitDecision {
  allowed: boolean;
  retryAfterSeconds: number;
}

interface Bucket {
  tokens: number;
  updatedAt: number;
}

const PRUNE_ABOVE = 10_000;

export function createRateLimiter(ratePerSecond: number, now: () => number = Date.now) {
  const buckets = new Map<string, Bucket>();

  function refill(bucket: Bucket, at: number): void {
    bucket.tokens = Math.min(
      ratePerSecond,
      bucket.tokens + ((at - bucket.updatedAt) / 1000) * ratePerSecond,
    );
    bucket.updatedAt = at;
  }

  function prune(at: number): void {
    for (const [key, bucket] of buckets) {
      refill(bucket, at);
      if (bucket.tokens >= ratePerSecond) buckets.delete(key);
    }
  }

  return function take(key: string): RateLimitDecision {
    const at = now();
    if (buckets.size > PRUNE_ABOVE) prune(at);
    let bucket = buckets.get(key);
    if (!bucket) {
      bucket = { tokens: ratePerSecond, updatedAt: at };
      buckets.set(key, bucket);
    }
    refill(bucket, at);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return { allowed: true, retryAfterSeconds: 0 };
    }
    return {
      allowed: false,
      retryAfterSeconds: Math.max(1, Math.ceil((1 - bucket.tokens) / ratePerSecond)),
    };
  };
}

export type RateLimiter = ReturnType<typeof createRateLimiter>;
