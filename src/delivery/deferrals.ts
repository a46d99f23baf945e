import type { Metrics } from '../metrics';
import type { AttemptLimits, RetryOutcome } from '../temporal/contracts';
import type { FairShare, FairShareRefusal } from './fairness';

const DEFERRAL_REASONS: Record<FairShareRefusal['limit'], string> = {
  platform:
    'deferred, nothing sent: this platform already has its fair share of attempts in flight',
  destination:
    'deferred, nothing sent: this destination already has its fair share of attempts in flight',
  hanging:
    "deferred, nothing sent: the receiving host let this platform's last attempts to it time out, or holds them unanswered",
};

/** Attempts the fair share puts off unsent: counted, told why, and when to come back. */
export function createDeferrals(fairShare: FairShare, metrics: Pick<Metrics, 'deliveryDeferrals'>) {
  function deferred({ limit, retryAfterMs }: FairShareRefusal): RetryOutcome {
    metrics.deliveryDeferrals.inc({ limit });
    return { kind: 'retry', reason: DEFERRAL_REASONS[limit], retryAfterMs };
  }

  /**
   * For deliveries about to be tried (by destination URL; undefined for one not to try), which
   * are put off now, before anything about them is read: their receiver is paused or silent.
   * Those to one receiver come back after the same delay, so the timers their retries wait on
   * end together and the engine fires them in one workflow task, not one task each.
   */
  function putOffNow(
    platformId: string,
    destinationUrls: readonly (string | undefined)[],
    limits: Pick<AttemptLimits, 'attemptTimeoutMs'>,
  ): (RetryOutcome | undefined)[] {
    const byOrigin = new Map<string, FairShareRefusal | undefined>();
    return destinationUrls.map((url) => {
      if (url === undefined) return undefined;
      const { origin } = new URL(url);
      if (!byOrigin.has(origin)) {
        byOrigin.set(
          origin,
          fairShare.putOff({ platformId, origin, attemptTimeoutMs: limits.attemptTimeoutMs }),
        );
      }
      const refused = byOrigin.get(origin);
      return refused && deferred(refused);
    });
  }

  return { deferred, putOffNow };
}
