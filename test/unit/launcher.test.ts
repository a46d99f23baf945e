import { EventLauncher } from '../../src/events/launcher';
import type { EventOutbox, OutboxEntry } from '../../src/events/outbox';
import { createLogger } from '../../src/logger';
import { eventually } from '../support/eventually';

const entry = (eventId: string): OutboxEntry => ({ platformId: 'plt_a', eventId, type: 'x' });

/** An outbox that records marks and answers claims from a list. */
function fakeOutbox(claimable: OutboxEntry[][] = []) {
  const marked: string[] = [];
  let claims = 0;
  const outbox = {
    claim: async () => {
      claims++;
      return claimable.shift() ?? [];
    },
    markStarted: async (entries: OutboxEntry[]) => {
      marked.push(...entries.map((e) => e.eventId));
    },
    markFailed: async () => undefined,
  } as unknown as EventOutbox;
  return { outbox, marked, claims: () => claims };
}

function heldLaunches() {
  const calls: string[] = [];
  const finishers: (() => void)[] = [];
  const launch = (launched: OutboxEntry) => {
    calls.push(launched.eventId);
    return new Promise<void>((resolve) => finishers.push(resolve));
  };
  return { calls, launch, finishAll: () => finishers.splice(0).forEach((finish) => finish()) };
}

const launcherOf = (outbox: EventOutbox, launch: (entry: OutboxEntry) => Promise<void>) =>
  new EventLauncher({ outbox, launch, concurrency: 4, logger: createLogger('silent') });

it('launches an event offered again while its launch is in flight only once', async () => {
  const { outbox, marked } = fakeOutbox();
  const launches = heldLaunches();
  const launcher = launcherOf(outbox, launches.launch);
  launcher.offer([entry('e1')]);
  // The relay claims the row again once its lease ran out, while the first launch still runs.
  launcher.offer([entry('e1'), entry('e2')]);
  expect(launches.calls).toEqual(['e1', 'e2']);
  launches.finishAll();
  await launcher.stop();
  expect(marked.sort()).toEqual(['e1', 'e2']);
});

it('launches an event again once its earlier launch finished', async () => {
  const { outbox } = fakeOutbox();
  const launches = heldLaunches();
  const launcher = launcherOf(outbox, launches.launch);
  launcher.offer([entry('e1')]);
  launches.finishAll();
  await new Promise((resolve) => setImmediate(resolve));
  launcher.offer([entry('e1')]);
  expect(launches.calls).toEqual(['e1', 'e1']);
  launches.finishAll();
  await launcher.stop();
});

it('claims at once when woken, and again after a claim that a wake-up interrupted', async () => {
  const { outbox, claims } = fakeOutbox([[entry('e1')], [entry('e2')]]);
  const launches = heldLaunches();
  const launcher = launcherOf(outbox, launches.launch);
  launcher.wake();
  launcher.wake(); // arrives while the first claim runs
  await eventually(() => expect(launches.calls).toEqual(['e1', 'e2']), 500);
  expect(claims()).toBe(2);
  launches.finishAll();
  await launcher.stop();
});
