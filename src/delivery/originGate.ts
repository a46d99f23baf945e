/**
 * At most `limit` requests in flight per origin; the rest wait their turn, in order, for at most
 * the time they are given. Herald keeps this queue rather than the HTTP pool's, so an attempt's
 * timer starts when its request is dispatched, not while it waits behind others to one origin.
 */
export class OriginGate {
  private readonly inFlight = new Map<string, number>();
  private readonly waiting = new Map<string, (() => void)[]>();

  constructor(private readonly limit: number) {}

  /** A release function once a slot is free, or undefined if none was within `maxWaitMs`. */
  async acquire(origin: string, maxWaitMs: number): Promise<(() => void) | undefined> {
    if ((this.inFlight.get(origin) ?? 0) < this.limit) return this.take(origin);
    return new Promise((resolve) => {
      const queue = this.waiting.get(origin) ?? [];
      this.waiting.set(origin, queue);
      const grant = () => {
        clearTimeout(timer);
        resolve(this.take(origin));
      };
      const timer = setTimeout(() => {
        queue.splice(queue.indexOf(grant), 1);
        if (queue.length === 0) this.waiting.delete(origin);
        resolve(undefined);
      }, maxWaitMs);
      queue.push(grant);
    });
  }

  private take(origin: string): () => void {
    this.inFlight.set(origin, (this.inFlight.get(origin) ?? 0) + 1);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = this.waiting.get(origin)?.shift();
      if (this.waiting.get(origin)?.length === 0) this.waiting.delete(origin);
      const count = this.inFlight.get(origin)! - 1;
      if (count === 0) this.inFlight.delete(origin);
      else this.inFlight.set(origin, count);
      // The slot passes straight to the next in line.
      next?.();
    };
  }
}
