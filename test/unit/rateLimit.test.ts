import { createRateLimiter } from '../../src/api/rateLimit';

describe('createRateLimiter', () => {
  it('allows a burst of one second’s worth, then asks to wait', () => {
    let now = 0;
    const take = createRateLimiter(3, () => now);
    expect([take('k'), take('k'), take('k')].every((d) => d.allowed)).toBe(true);
    expect(take('k')).toEqual({ allowed: false, retryAfterSeconds: 1 });
    now += 400;
    expect(take('k').allowed).toBe(true);
    expect(take('k').allowed).toBe(false);
  });

  it('keeps keys apart', () => {
    const take = createRateLimiter(1, () => 0);
    expect(take('a').allowed).toBe(true);
    expect(take('a').allowed).toBe(false);
    expect(take('b').allowed).toBe(true);
  });

  it('rounds Retry-After up to whole seconds for slow rates', () => {
    let now = 0;
    const take = createRateLimiter(1, () => now);
    take('k');
    now += 100;
    expect(take('k')).toEqual({ allowed: false, retryAfterSeconds: 1 });
  });
});
