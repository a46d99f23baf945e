import type { Metrics } from '../metrics';
import type { AttemptLimits, RetryOutcome } from '../temporal/contracts';
import type { FairShare, FairShareRefusal } from './fairness';
import type { PendingDelivery } from './repository';

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
    const outcome: RetryOutcome = { kind: 'retry', reason: DEFERRAL_REASONS[limit], retryAfterMs };
    return limit === 'hanging' ? { ...outcome, receiverPutOff: true } : outcome;
  }

  /**
   * Which of these new deliveries are put off now, before anything about them is read: their
   * receiver is paused or silent (null for the others, and for one attempted before). Those to
   * one receiver come back after the same delay, so the timers their retries wait on end together
   * and the engine fires them in one workflow task, not one task each.
   */
  function putOffNow(
    platformId: string,
    deliveries: readonly Pick<PendingDelivery, 'attempted' | 'destinationUrl'>[],
    limits: Pick<AttemptLimits, 'attemptTimeoutMs'>,
  ): (RetryOutcome | null)[] {
    const byOrigin = new Map<string, FairShareRefusal | undefined>();
    return deliveries.map(({ attempted, destinationUrl }) => {
      if (attempted || destinationUrl === undefined) return null;
      const { origin } = new URL(destinationUrl);
      if (!byOrigin.has(origin)) {
        byOrigin.set(
          origin,
          fairShare.putOff({ platformId, origin, attemptTimeoutMs: limits.attemptTimeoutMs }),
        );
      }
      const refused = byOrigin.get(origin);
      return refused ? deferred(refused) : null;
    });
  }

  return { deferred, putOffNow };
}
