/**
 * At most `limit` holders per key (an origin, a platform, a destination); the rest wait their
 * turn, in order, for at most the time they are given.
 */
export class ConcurrencyGate {
  private readonly inFlight = new Map<string, number>();
  private readonly waiting = new Map<string, (() => void)[]>();

  constructor(private readonly limit: number) {}

  /**
   * A release function once a slot is free, or undefined if none was within `maxWaitMs`, or at
   * once when `maxWaiting` others are already waiting for this key.
   */
  async acquire(
    key: string,
    maxWaitMs: number,
    maxWaiting = Infinity,
  ): Promise<(() => void) | undefined> {
    const atOnce = this.tryAcquire(key);
    if (atOnce) return atOnce;
    if ((this.waiting.get(key)?.length ?? 0) >= maxWaiting) return undefined;
    return new Promise((resolve) => {
      const queue = this.waiting.get(key) ?? [];
      this.waiting.set(key, queue);
      const grant = () => {
        clearTimeout(timer);
        resolve(this.take(key));
      };
      const timer = setTimeout(() => {
        queue.splice(queue.indexOf(grant), 1);
        if (queue.length === 0) this.waiting.delete(key);
        resolve(undefined);
      }, maxWaitMs);
      queue.push(grant);
    });
  }

  /**
   * A release function if a slot is free now, else undefined. A slot never stays free while
   * others wait (a release hands it to the next in line), so this never jumps the line.
   */
  tryAcquire(key: string): (() => void) | undefined {
    return (this.inFlight.get(key) ?? 0) < this.limit ? this.take(key) : undefined;
  }

  private take(key: string): () => void {
    this.inFlight.set(key, (this.inFlight.get(key) ?? 0) + 1);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = this.waiting.get(key)?.shift();
      if (this.waiting.get(key)?.length === 0) this.waiting.delete(key);
      const count = this.inFlight.get(key)! - 1;
      if (count === 0) this.inFlight.delete(key);
      else this.inFlight.set(key, count);
      // The slot passes straight to the next in line.
      next?.();
    };
  }
}
