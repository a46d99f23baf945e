import {
  DATABASE_RETRY,
  whileDatabaseUnavailable,
  type PatienceClock,
} from '../../src/db/patience';

function fakeClock(): PatienceClock & { slept: number[] } {
  let now = 0;
  const slept: number[] = [];
  return {
    slept,
    now: () => now,
    sleep: async (ms) => {
      slept.push(ms);
      now += ms;
    },
  };
}

const refused = () =>
  Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });

describe('whileDatabaseUnavailable', () => {
  it('tries again with a short doubling backoff until Postgres answers', async () => {
    const clock = fakeClock();
    let calls = 0;
    const result = await whileDatabaseUnavailable(
      async () => {
        calls++;
        if (calls < 6) throw refused();
        return 'answered';
      },
      { until: 60_000 },
      clock,
    );
    expect(result).toBe('answered');
    expect(clock.slept).toEqual([250, 500, 1_000, 2_000, 4_000]);
  });

  it('caps the backoff', async () => {
    const clock = fakeClock();
    let calls = 0;
    await whileDatabaseUnavailable(
      async () => {
        if (++calls < 9) throw refused();
      },
      { until: 120_000 },
      clock,
    );
    expect(Math.max(...clock.slept)).toBe(DATABASE_RETRY.maximumMs);
  });

  it('throws the last error once the deadline would pass', async () => {
    const clock = fakeClock();
    await expect(
      whileDatabaseUnavailable(() => Promise.reject(refused()), { until: 2_000 }, clock),
    ).rejects.toThrow('ECONNREFUSED');
    expect(clock.now()).toBeLessThanOrEqual(2_000);
  });

  it('never retries a query that is wrong', async () => {
    const clock = fakeClock();
    const wrong = Object.assign(new Error('syntax error'), { code: '42601' });
    await expect(
      whileDatabaseUnavailable(() => Promise.reject(wrong), { until: 60_000 }, clock),
    ).rejects.toBe(wrong);
    expect(clock.slept).toEqual([]);
  });

  it('stops at once when the signal aborts', async () => {
    const clock = fakeClock();
    const controller = new AbortController();
    controller.abort();
    await expect(
      whileDatabaseUnavailable(
        () => Promise.reject(refused()),
        { until: 60_000, signal: controller.signal },
        clock,
      ),
    ).rejects.toThrow('ECONNREFUSED');
    expect(clock.slept).toEqual([]);
  });
});
