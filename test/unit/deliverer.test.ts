import { randomBytes } from 'node:crypto';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import type { AttemptTarget } from '../../src/delivery/attemptTarget';
import { createDeliverer, firstAttemptContext } from '../../src/delivery/deliverer';
import { createFairShare, FAIR_SHARE } from '../../src/delivery/fairness';
import { makeFirstAttempts } from '../../src/delivery/firstAttempts';
import { HANGING_RECEIVERS } from '../../src/delivery/hangingReceivers';
import type { HttpSender, SendResult } from '../../src/delivery/httpSender';
import type { DeliveryRepository } from '../../src/delivery/repository';
import { destinationFields } from '../../src/destinations/sealedHeaders';
import { newSigningSecret } from '../../src/destinations/signingSecret';
import { createLogger } from '../../src/logger';
import type { Metrics } from '../../src/metrics';
import { createSecretBox } from '../../src/security/encryption';

setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;

const DESTINATION_ID = 'dst_1';
const SECRETS = createSecretBox(randomBytes(32).toString('base64'));
const limits = { attemptTimeoutMs: 1_000, maxRetryIntervalMs: 60_000 };

/** A stored delivery whose destination an admin may disable, and what the attempt did with it. */
function storedDelivery() {
  const stored = { enabled: true, reads: 0, finished: [] as string[] };
  const read = (): AttemptTarget => {
    stored.reads += 1;
    return {
      delivery: { id: 'dlv_1', status: 'pending' },
      streamingEnabled: true,
      event: {
        id: 'evt_1',
        type: 'flow.created',
        occurred_at: new Date(),
        received_at: new Date(),
        platform_id: 'plt_a',
        project_id: null,
        actor: null,
        // As large as an event may be: what a waiting attempt must not hold.
        data: { blob: 'x'.repeat(256 * 1024) },
      } as AttemptTarget['event'],
      destination: {
        id: DESTINATION_ID,
        url: 'https://hooks.example/in',
        format: 'webhook',
        redact: [],
        enabled: stored.enabled,
        deleted_at: null,
        headers_encrypted: null,
        signing_secret_encrypted: SECRETS.encrypt(
          newSigningSecret(),
          destinationFields.signingSecret(DESTINATION_ID),
        ),
        previous_signing_secret_encrypted: null,
        previous_signing_secret_expires_at: null,
      } as AttemptTarget['destination'],
    };
  };
  return { stored, read };
}

function delivererWith(
  read: () => AttemptTarget,
  finished: string[],
  clock: () => number = Date.now,
  random: () => number = () => 0,
  answer?: SendResult,
) {
  const fairShare = createFairShare(random, clock);
  const sends: unknown[] = [];
  const repository = {
    loadAttemptTarget: async () => read(),
    finish: async (_deliveryId: string, status: string, reason: string) => {
      finished.push(`${status}: ${reason}`);
    },
    recordAttempt: async () => ({ attempt: 1 }),
  } as unknown as DeliveryRepository;
  const send = async (request: unknown) => {
    sends.push(request);
    return answer;
  };
  const deliverer = createDeliverer({
    repository,
    sender: { send } as unknown as HttpSender,
    secrets: SECRETS,
    fairShare,
    autoDisableAfterMs: 0,
    autoDisabledReason: '',
    otlpServiceName: 'herald',
    metrics: {
      deliveryDeferrals: { inc: () => undefined },
      deliveryAttempts: { inc: () => undefined },
      deliveryAttemptDuration: { observe: () => undefined },
    } as unknown as Metrics,
    logger: createLogger('silent'),
  });
  return { deliverer, fairShare, sends };
}

/** A first attempt to the stored delivery's destination, as the fair share sees it. */
const shareOfDestination = {
  platformId: 'plt_a',
  destinationId: DESTINATION_ID,
  origin: 'https://hooks.example',
  tries: 1,
  maxWaitMs: 0,
  attemptTimeoutMs: limits.attemptTimeoutMs,
};

/** The destination's whole share held by others: the next attempt waits its turn. */
function fillDestinationShare(fairShare: ReturnType<typeof createFairShare>) {
  const releases = [];
  for (let n = 0; n < FAIR_SHARE.perDestination; n++) {
    const admitted = fairShare.admitAtOnce(shareOfDestination);
    if (!admitted || !('release' in admitted)) throw new Error('the share should have room');
    releases.push(admitted.release);
  }
  return releases;
}

const waitingContext = () => ({
  ...firstAttemptContext({ beforeSend: Date.now() + 5_000, afterSend: Date.now() + 10_000 }),
  share: { tries: 2, maxWaitMs: 5_000 },
});

describe('an attempt waiting for its fair share', () => {
  it('reads the delivery again when its turn comes, so a destination disabled meanwhile gets nothing', async () => {
    const { stored, read } = storedDelivery();
    const { deliverer, fairShare, sends } = delivererWith(read, stored.finished);
    const [first] = fillDestinationShare(fairShare);
    const outcome = deliverer.attempt('dlv_1', limits, waitingContext());
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(stored.reads).toBe(1);
    stored.enabled = false;
    first!('ended');
    expect(await outcome).toEqual({ kind: 'final', status: 'cancelled' });
    expect(stored.reads).toBe(2);
    expect(stored.finished).toEqual(['cancelled: the destination is disabled']);
    expect(sends).toHaveLength(0);
    // The slot it took for its turn is free again: the share admits one more at once.
    const again = fairShare.admitAtOnce(shareOfDestination);
    expect(again && 'release' in again).toBe(true);
  });

  it('holds none of the event it read while it waits', async () => {
    const { stored, read } = storedDelivery();
    let firstRead: WeakRef<AttemptTarget> | undefined;
    const readOnce = () => {
      const target = read();
      firstRead ??= new WeakRef(target);
      return target;
    };
    const { deliverer, fairShare } = delivererWith(readOnce, stored.finished);
    const [first] = fillDestinationShare(fairShare);
    const outcome = deliverer.attempt('dlv_1', limits, waitingContext());
    await new Promise((resolve) => setTimeout(resolve, 20));
    collectGarbage();
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(firstRead?.deref()).toBeUndefined();
    stored.enabled = false;
    first!('ended');
    await outcome;
  });
});

describe('first attempts made side by side', () => {
  const context = (now: number) =>
    firstAttemptContext({ beforeSend: now + 5_000, afterSend: now + 10_000 });

  it('read nothing for a silent receiver, and put off each delivery to it for the same time', async () => {
    let now = 1_000_000;
    const { stored, read } = storedDelivery();
    const { deliverer, fairShare, sends } = delivererWith(
      read,
      stored.finished,
      () => now,
      Math.random,
    );
    for (let n = 0; n < HANGING_RECEIVERS.silentInFlight; n++) {
      fairShare.admitAtOnce({ ...shareOfDestination, destinationId: `dst_held_${n}` });
    }
    now += HANGING_RECEIVERS.minSilenceMs;
    const toSilentHost = (id: string) => ({
      id,
      attempted: false,
      destinationUrl: `https://hooks.example/${id}`,
    });
    const outcomes = await makeFirstAttempts(
      deliverer,
      'plt_a',
      [toSilentHost('dlv_1'), toSilentHost('dlv_2')],
      limits,
      context(now),
    );
    expect(outcomes).toEqual([
      expect.objectContaining({
        kind: 'retry',
        reason: expect.stringMatching(/^deferred/),
        // So the workflow asks the receiver again before it hands the delivery to an activity.
        receiverPutOff: true,
      }),
      outcomes[0],
    ]);
    expect(stored.reads).toBe(0);
    expect(sends).toHaveLength(0);
    // Another host of the same platform is read and tried as usual.
    const elsewhere = { id: 'dlv_3', attempted: false, destinationUrl: 'https://other.example/' };
    await makeFirstAttempts(deliverer, 'plt_a', [elsewhere], limits, context(now));
    expect(stored.reads).toBe(1);
  });

  it('send nothing for a delivery whose first attempt is on record: it goes to the retry schedule', async () => {
    const { stored, read } = storedDelivery();
    const { deliverer, sends } = delivererWith(read, stored.finished);
    const outcomes = await makeFirstAttempts(
      deliverer,
      'plt_a',
      [{ id: 'dlv_1', attempted: true, destinationUrl: 'https://hooks.example/in' }],
      limits,
      context(Date.now()),
    );
    expect(outcomes).toEqual([{ kind: 'retry', reason: expect.stringMatching(/made before/) }]);
    expect(stored.reads).toBe(0);
    expect(sends).toHaveLength(0);
  });
});

describe('an attempt that times out', () => {
  const timedOut: SendResult = {
    kind: 'error',
    error: 'timed out after 1000 ms',
    code: 'timeout',
    durationMs: limits.attemptTimeoutMs,
  };

  it('says how long its receiver is paused when its timeout paused it, so the next waits that long', async () => {
    const { stored, read } = storedDelivery();
    const { deliverer, fairShare } = delivererWith(
      read,
      stored.finished,
      Date.now,
      () => 0,
      timedOut,
    );
    const attemptOnce = () =>
      deliverer.attempt(
        'dlv_1',
        limits,
        firstAttemptContext({ beforeSend: Date.now() + 5_000, afterSend: Date.now() + 10_000 }),
      );
    const before: unknown[] = [];
    for (let n = 1; n < HANGING_RECEIVERS.timeoutsToPause; n++) before.push(await attemptOnce());
    expect(before).toEqual(
      before.map(() => expect.not.objectContaining({ receiverPausedMs: expect.anything() })),
    );
    expect(before).toEqual(before.map(() => expect.objectContaining({ kind: 'retry' })));

    const pausing = await attemptOnce();
    const pauseMs = Math.max(
      limits.attemptTimeoutMs * HANGING_RECEIVERS.pauseInTimeouts,
      HANGING_RECEIVERS.minPauseMs,
    );
    expect(pausing).toEqual(expect.objectContaining({ kind: 'retry', receiverPausedMs: pauseMs }));
    expect(fairShare.putOff(shareOfDestination)).toEqual({
      limit: 'hanging',
      retryAfterMs: pauseMs,
    });
  });
});
