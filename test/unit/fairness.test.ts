import { createFairShare, FAIR_SHARE } from '../../src/delivery/fairness';
import { HANGING_RECEIVERS } from '../../src/delivery/hangingReceivers';

describe('fair share', () => {
  const request = {
    platformId: 'plt_a',
    destinationId: 'dst_1',
    origin: 'https://hooks.example',
    tries: 1,
    maxWaitMs: 0,
    attemptTimeoutMs: 1_000,
  };

  it('admits a platform up to its share across destinations, then defers', async () => {
    const share = createFairShare(() => 0);
    const admitted = [];
    for (let n = 0; n < FAIR_SHARE.perPlatform; n++) {
      admitted.push(await share.admit({ ...request, destinationId: `dst_${n}` }));
    }
    expect(admitted.every((result) => 'release' in result)).toBe(true);
    const over = await share.admit({ ...request, destinationId: 'dst_new' });
    expect(over).toEqual({
      refused: { limit: 'platform', retryAfterMs: FAIR_SHARE.firstDeferMs },
    });
    // Another platform is untouched.
    expect('release' in (await share.admit({ ...request, platformId: 'plt_b' }))).toBe(true);
  });

  it('answers at once when no wait is needed, and leaves the waiting to admit', async () => {
    const share = createFairShare(() => 0);
    const held = [];
    for (let n = 0; n < FAIR_SHARE.perDestination; n++) held.push(share.admitAtOnce(request));
    expect(held.every((result) => result !== undefined && 'release' in result)).toBe(true);
    expect(share.admitAtOnce(request)).toBeUndefined();
    const waiting = share.admit({ ...request, maxWaitMs: 1_000 });
    (held[0] as { release: (outcome: 'ended') => void }).release('ended');
    expect('release' in (await waiting)).toBe(true);
    expect(share.admitAtOnce(request)).toBeUndefined();
  });

  it('limits one destination below its platform’s share', async () => {
    const share = createFairShare(() => 0);
    for (let n = 0; n < FAIR_SHARE.perDestination; n++) await share.admit(request);
    expect(await share.admit(request)).toEqual({
      refused: { limit: 'destination', retryAfterMs: FAIR_SHARE.firstDeferMs },
    });
  });

  it('defers a first attempt briefly, then longer for each try, up to the maximum, with jitter of at most half', async () => {
    const share = createFairShare(() => 1);
    for (let n = 0; n < FAIR_SHARE.perDestination; n++) await share.admit(request);
    const delays = [];
    for (const tries of [1, 2, 3, 4, 10]) {
      const result = await share.admit({ ...request, tries });
      delays.push('refused' in result ? result.refused.retryAfterMs : 0);
    }
    const later = (tries: number) =>
      Math.min(FAIR_SHARE.deferMs * 2 ** (tries - 2), FAIR_SHARE.maxDeferMs) * 1.5;
    expect(delays).toEqual([
      FAIR_SHARE.firstDeferMs * 1.5,
      later(2),
      later(3),
      later(4),
      FAIR_SHARE.maxDeferMs * 1.5,
    ]);
  });

  it('lets a waiting attempt in when a slot frees, and releases both gates', async () => {
    const share = createFairShare(() => 0);
    const held = [];
    for (let n = 0; n < FAIR_SHARE.perDestination; n++) held.push(await share.admit(request));
    const waiting = share.admit({ ...request, maxWaitMs: 1_000 });
    const first = held[0]!;
    if ('release' in first) first.release('ended');
    expect('release' in (await waiting)).toBe(true);
  });

  it('puts off a paused destination’s attempts before they wait in line', async () => {
    let now = 0;
    const share = createFairShare(
      () => 0,
      () => now,
    );
    const admitOrFail = async (
      destinationId: string,
      platformId = request.platformId,
      origin = request.origin,
    ) => {
      const admitted = await share.admit({ ...request, destinationId, platformId, origin });
      if (!('release' in admitted)) throw new Error(`refused: ${JSON.stringify(admitted)}`);
      return admitted;
    };
    const silent = [];
    for (let n = 0; n < HANGING_RECEIVERS.timeoutsToPause; n++)
      silent.push(await admitOrFail('dst_1'));
    const others = [];
    for (let n = silent.length; n < FAIR_SHARE.perPlatform; n++)
      others.push(await admitOrFail(`dst_${n + 2}`, request.platformId, 'https://other.example'));
    for (const attempt of silent) attempt.release('timed-out');
    for (let n = 0; n < silent.length; n++)
      others.push(await admitOrFail(`dst_more_${n}`, request.platformId, 'https://other.example'));

    // The platform's share is full: an attempt would wait in line for a minute; it is refused now.
    const pauseMs = request.attemptTimeoutMs * HANGING_RECEIVERS.pauseInTimeouts;
    expect(await share.admit({ ...request, maxWaitMs: 60_000 })).toEqual({
      refused: { limit: 'hanging', retryAfterMs: pauseMs },
    });
    await admitOrFail('dst_b', 'plt_b');

    now += pauseMs;
    others.pop()!.release('ended');
    await admitOrFail('dst_1');
    expect(await share.admit(request)).toEqual({
      refused: { limit: 'hanging', retryAfterMs: pauseMs },
    });
  });

  it('pauses a platform’s destinations on a silent host together, and no other platform’s', async () => {
    const share = createFairShare(() => 0);
    // Timeouts spread over three destinations on one host count as three in a row.
    for (let n = 0; n < HANGING_RECEIVERS.timeoutsToPause; n++) {
      const admitted = await share.admit({ ...request, destinationId: `dst_${n}` });
      if ('release' in admitted) admitted.release('timed-out');
    }
    const pauseMs = request.attemptTimeoutMs * HANGING_RECEIVERS.pauseInTimeouts;
    expect(await share.admit({ ...request, destinationId: 'dst_same_host' })).toEqual({
      refused: { limit: 'hanging', retryAfterMs: pauseMs },
    });
    const elsewhere = await share.admit({ ...request, origin: 'https://other.example' });
    const otherPlatform = await share.admit({ ...request, platformId: 'plt_b' });
    expect('release' in elsewhere && 'release' in otherPlatform).toBe(true);
  });
});
