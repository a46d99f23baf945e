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
    expect(receivers.putOffMs('dst_1')).toBeUndefined();
    timeOutInARow(1);
    expect(receivers.putOffMs('dst_1')).toBe(firstPauseMs);
    expect(receivers.putOffMs('dst_2')).toBeUndefined();
  });

  it('counts only timeouts in a row: anything else that ends an attempt starts the count again', () => {
    timeOutInARow(HANGING_RECEIVERS.timeoutsToPause - 1);
    attempt('ended');
    timeOutInARow(HANGING_RECEIVERS.timeoutsToPause - 1);
    expect(receivers.putOffMs('dst_1')).toBeUndefined();
    attempt('unsent');
    timeOutInARow(1);
    expect(receivers.putOffMs('dst_1')).toBe(firstPauseMs);
  });

  it('pauses at least minPauseMs however short the attempt timeout', () => {
    for (let n = 0; n < HANGING_RECEIVERS.timeoutsToPause; n++) {
      const entered = receivers.enter('dst_1', 100);
      if ('settle' in entered) entered.settle('timed-out');
    }
    expect(receivers.putOffMs('dst_1')).toBe(HANGING_RECEIVERS.minPauseMs);
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
    expect(jittery.putOffMs('dst_1')).toBe(firstPauseMs * 1.5);
  });

  it('lets one probe through when the pause ends, and puts the rest off while it runs', () => {
    timeOutInARow(HANGING_RECEIVERS.timeoutsToPause);
    now += firstPauseMs;
    const probe = receivers.enter('dst_1', timeoutMs);
    expect('settle' in probe).toBe(true);
    expect(attempt('ended')).toBe(firstPauseMs);
    if ('settle' in probe) probe.settle('ended');
    expect(receivers.putOffMs('dst_1')).toBeUndefined();
    // Answered: the count starts again from nothing.
    timeOutInARow(HANGING_RECEIVERS.timeoutsToPause - 1);
    expect(receivers.putOffMs('dst_1')).toBeUndefined();
  });

  it('doubles the pause each time the probe times out too, up to maxPauseMs', () => {
    timeOutInARow(HANGING_RECEIVERS.timeoutsToPause);
    const pauses = [];
    for (let n = 0; n < 6; n++) {
      now += receivers.putOffMs('dst_1')!;
      expect(attempt('timed-out')).toBeUndefined();
      pauses.push(receivers.putOffMs('dst_1'));
    }
    expect(pauses).toEqual([60_000, 120_000, 240_000, 300_000, 300_000, 300_000]);
  });

  it('gives the probe back when it was not sent, so the next attempt probes', () => {
    timeOutInARow(HANGING_RECEIVERS.timeoutsToPause);
    now += firstPauseMs;
    expect(attempt('unsent')).toBeUndefined();
    expect(receivers.putOffMs('dst_1')).toBeUndefined();
  });

  it('ends the pause when an attempt sent before it gets an answer after all', () => {
    const sentBefore = receivers.enter('dst_1', timeoutMs);
    timeOutInARow(HANGING_RECEIVERS.timeoutsToPause);
    expect(receivers.putOffMs('dst_1')).toBe(firstPauseMs);
    if ('settle' in sentBefore) sentBefore.settle('ended');
    expect(receivers.putOffMs('dst_1')).toBeUndefined();
  });

  it('counts a probe that times out after an answer ended its pause as one timeout, not a pause', () => {
    const sentBefore = receivers.enter('dst_1', timeoutMs);
    timeOutInARow(HANGING_RECEIVERS.timeoutsToPause);
    now += firstPauseMs;
    const probe = receivers.enter('dst_1', timeoutMs);
    if ('settle' in sentBefore) sentBefore.settle('ended');
    if ('settle' in probe) probe.settle('timed-out');
    expect(receivers.putOffMs('dst_1')).toBeUndefined();
    timeOutInARow(HANGING_RECEIVERS.timeoutsToPause - 1);
    expect(receivers.putOffMs('dst_1')).toBe(firstPauseMs);
  });
});
