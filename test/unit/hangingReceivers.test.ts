import { createHangingReceivers, HANGING_RECEIVERS } from '../../src/delivery/hangingReceivers';

describe('hanging receivers', () => {
  const timeoutMs = 15_000;
  const firstPauseMs = timeoutMs * HANGING_RECEIVERS.pauseInTimeouts;
  let now: number;
  let receivers: ReturnType<typeof createHangingReceivers>;
  beforeEach(() => {
    now = 1_000_000;
    receivers = createHangingReceivers(
      () => 0,
      () => now,
    );
  });
  /** One attempt to `destinationId` that ends `outcome`; the put-off time if it was refused. */
  const attempt = (outcome: 'ended' | 'timed-out' | 'unsent', destinationId = 'dst_1') => {
    const entered = receivers.enter(destinationId, timeoutMs);
    if ('putOffMs' in entered) return entered.putOffMs;
    entered.settle(outcome);
    return undefined;
  };
  const timeOutInARow = (times: number) => {
    for (let n = 0; n < times; n++) expect(attempt('timed-out')).toBeUndefined();
  };

  it('pauses a destination after its attempts time out so many times in a row', () => {
    timeOutInARow(HANGING_RECEIVERS.timeoutsToPause - 1);
    expect(receivers.putOffMs('dst_1', timeoutMs)).toBeUndefined();
    timeOutInARow(1);
    expect(receivers.putOffMs('dst_1', timeoutMs)).toBe(firstPauseMs);
    expect(receivers.putOffMs('dst_2', timeoutMs)).toBeUndefined();
  });

  it('counts only timeouts in a row: anything else that ends an attempt starts the count again', () => {
    timeOutInARow(HANGING_RECEIVERS.timeoutsToPause - 1);
    attempt('ended');
    timeOutInARow(HANGING_RECEIVERS.timeoutsToPause - 1);
    expect(receivers.putOffMs('dst_1', timeoutMs)).toBeUndefined();
    attempt('unsent');
    timeOutInARow(1);
    expect(receivers.putOffMs('dst_1', timeoutMs)).toBe(firstPauseMs);
  });

  const silenceMs = timeoutMs * HANGING_RECEIVERS.silenceInTimeouts;
  /** Attempts sent to `destinationId` and not settled yet: their settle functions. */
  const send = (count: number, destinationId = 'dst_1') =>
    Array.from({ length: count }, () => {
      const entered = receivers.enter(destinationId, timeoutMs);
      if (!('settle' in entered)) throw new Error('the attempt should have been let through');
      return entered.settle;
    });

  it('puts off a receiver holding attempts unanswered for a third of the timeout, until one ends', () => {
    const held = send(HANGING_RECEIVERS.silentInFlight);
    now += silenceMs - 1;
    expect(receivers.putOffMs('dst_1', timeoutMs)).toBeUndefined();
    now += 1;
    expect(receivers.putOffMs('dst_1', timeoutMs)).toBe(firstPauseMs);
    expect(receivers.enter('dst_1', timeoutMs)).toEqual({ putOffMs: firstPauseMs });
    expect(receivers.putOffMs('dst_2', timeoutMs)).toBeUndefined();
    held[0]!('ended');
    expect(receivers.putOffMs('dst_1', timeoutMs)).toBeUndefined();
  });

  it('is not silent with fewer attempts held, or when one answered after the oldest was sent', () => {
    send(HANGING_RECEIVERS.silentInFlight - 1);
    now += timeoutMs;
    expect(receivers.putOffMs('dst_1', timeoutMs)).toBeUndefined();

    const [first] = send(HANGING_RECEIVERS.silentInFlight, 'dst_2');
    now += 1;
    first!('ended');
    send(1, 'dst_2');
    now += timeoutMs;
    expect(receivers.putOffMs('dst_2', timeoutMs)).toBeUndefined();
  });

  it('waits at least minSilenceMs, so a short timeout comes first', () => {
    send(HANGING_RECEIVERS.silentInFlight);
    now += HANGING_RECEIVERS.minSilenceMs - 1;
    expect(receivers.putOffMs('dst_1', 1_000)).toBeUndefined();
    now += 1;
    expect(receivers.putOffMs('dst_1', 1_000)).toBe(HANGING_RECEIVERS.minPauseMs);
  });

  it('forgets attempts that ended however they ended', () => {
    const held = send(HANGING_RECEIVERS.silentInFlight);
    held[0]!('timed-out');
    held[1]!('unsent');
    now += timeoutMs;
    expect(receivers.putOffMs('dst_1', timeoutMs)).toBeUndefined();
  });

  it('pauses at least minPauseMs however short the attempt timeout', () => {
    for (let n = 0; n < HANGING_RECEIVERS.timeoutsToPause; n++) {
      const entered = receivers.enter('dst_1', 100);
      if ('settle' in entered) entered.settle('timed-out');
    }
    expect(receivers.putOffMs('dst_1', 100)).toBe(HANGING_RECEIVERS.minPauseMs);
  });

  it('puts attempts off for a whole pause wherever in it they come, with up to half again as jitter', () => {
    const jittery = createHangingReceivers(
      () => 1,
      () => now,
    );
    for (let n = 0; n < HANGING_RECEIVERS.timeoutsToPause; n++) {
      const entered = jittery.enter('dst_1', timeoutMs);
      if ('settle' in entered) entered.settle('timed-out');
    }
    now += firstPauseMs - 1;
    expect(jittery.putOffMs('dst_1', timeoutMs)).toBe(firstPauseMs * 1.5);
  });

  it('lets one probe through when the pause ends, and puts the rest off while it runs', () => {
    timeOutInARow(HANGING_RECEIVERS.timeoutsToPause);
    now += firstPauseMs;
    const probe = receivers.enter('dst_1', timeoutMs);
    expect('settle' in probe).toBe(true);
    expect(attempt('ended')).toBe(firstPauseMs);
    if ('settle' in probe) probe.settle('ended');
    expect(receivers.putOffMs('dst_1', timeoutMs)).toBeUndefined();
    // Answered: the count starts again from nothing.
    timeOutInARow(HANGING_RECEIVERS.timeoutsToPause - 1);
    expect(receivers.putOffMs('dst_1', timeoutMs)).toBeUndefined();
  });

  it('doubles the pause each time the probe times out too, up to maxPauseMs', () => {
    timeOutInARow(HANGING_RECEIVERS.timeoutsToPause);
    const pauses = [];
    for (let n = 0; n < 6; n++) {
      now += receivers.putOffMs('dst_1', timeoutMs)!;
      expect(attempt('timed-out')).toBeUndefined();
      pauses.push(receivers.putOffMs('dst_1', timeoutMs));
    }
    expect(pauses).toEqual([60_000, 120_000, 240_000, 300_000, 300_000, 300_000]);
  });

  it('gives the probe back when it was not sent, so the next attempt probes', () => {
    timeOutInARow(HANGING_RECEIVERS.timeoutsToPause);
    now += firstPauseMs;
    expect(attempt('unsent')).toBeUndefined();
    expect(receivers.putOffMs('dst_1', timeoutMs)).toBeUndefined();
  });

  it('ends the pause when an attempt sent before it gets an answer after all', () => {
    const sentBefore = receivers.enter('dst_1', timeoutMs);
    timeOutInARow(HANGING_RECEIVERS.timeoutsToPause);
    expect(receivers.putOffMs('dst_1', timeoutMs)).toBe(firstPauseMs);
    if ('settle' in sentBefore) sentBefore.settle('ended');
    expect(receivers.putOffMs('dst_1', timeoutMs)).toBeUndefined();
  });

  it('counts a probe that times out after an answer ended its pause as one timeout, not a pause', () => {
    const sentBefore = receivers.enter('dst_1', timeoutMs);
    timeOutInARow(HANGING_RECEIVERS.timeoutsToPause);
    now += firstPauseMs;
    const probe = receivers.enter('dst_1', timeoutMs);
    if ('settle' in sentBefore) sentBefore.settle('ended');
    if ('settle' in probe) probe.settle('timed-out');
    expect(receivers.putOffMs('dst_1', timeoutMs)).toBeUndefined();
    timeOutInARow(HANGING_RECEIVERS.timeoutsToPause - 1);
    expect(receivers.putOffMs('dst_1', timeoutMs)).toBe(firstPauseMs);
  });
});
