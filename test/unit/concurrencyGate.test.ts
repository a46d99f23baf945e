import { ConcurrencyGate } from '../../src/delivery/concurrencyGate';

describe('ConcurrencyGate', () => {
  it('lets `limit` requests per origin through and queues the rest in order', async () => {
    const gate = new ConcurrencyGate(2);
    const first = await gate.acquire('https://a', 1_000);
    const second = await gate.acquire('https://a', 1_000);
    const granted: string[] = [];
    const third = gate.acquire('https://a', 1_000).then((release) => {
      granted.push('third');
      return release;
    });
    const fourth = gate.acquire('https://a', 1_000).then((release) => {
      granted.push('fourth');
      return release;
    });
    // Another origin does not wait behind this one.
    expect(await gate.acquire('https://b', 0)).toBeDefined();
    await Promise.resolve();
    expect(granted).toEqual([]);
    first!();
    (await third)!();
    second!();
    (await fourth)!();
    expect(granted).toEqual(['third', 'fourth']);
  });

  it('gives up after the wait it was allowed, and the gate still works', async () => {
    const gate = new ConcurrencyGate(1);
    const held = await gate.acquire('https://a', 1_000);
    expect(await gate.acquire('https://a', 10)).toBeUndefined();
    held!();
    held!(); // releasing twice frees one slot, not two
    const again = await gate.acquire('https://a', 10);
    expect(again).toBeDefined();
    expect(await gate.acquire('https://a', 10)).toBeUndefined();
  });
});

describe('ConcurrencyGate.tryAcquire', () => {
  it('takes a free slot at once, and never one that a waiter is next in line for', async () => {
    const gate = new ConcurrencyGate(1);
    const held = gate.tryAcquire('https://a');
    expect(held).toBeDefined();
    expect(gate.tryAcquire('https://a')).toBeUndefined();
    const waiter = gate.acquire('https://a', 1_000);
    held!();
    // The slot went straight to the waiter.
    expect(gate.tryAcquire('https://a')).toBeUndefined();
    (await waiter)!();
    expect(gate.tryAcquire('https://a')).toBeDefined();
  });
});

describe('ConcurrencyGate waiting line', () => {
  it('refuses at once when the waiting line for a key is full, and only for that key', async () => {
    const gate = new ConcurrencyGate(1);
    const held = await gate.acquire('a', 0);
    const waiting = gate.acquire('a', 1_000, 1);
    expect(await gate.acquire('a', 1_000, 1)).toBeUndefined();
    expect(await gate.acquire('b', 0, 1)).toBeDefined();
    held!();
    expect(await waiting).toBeDefined();
  });
});
