import type { Logger } from '../logger';
import { continuingTrace } from '../telemetry/spans';
import { heraldSearchAttributes } from '../temporal/searchAttributes';
import { startOnce, type WorkflowStarting } from '../temporal/starter';
import { workflowIds } from '../temporal/workflowIds';
import { eventDeliveryWorkflow } from '../../workflows';
import type { EventOutbox, OutboxEntry } from './outbox';

/**
 * Starts an event's delivery workflow under `workflowId` (its own, or the reconciler's when the
 * first one closed before it fanned out), tagged with the platform and the event type.
 */
export async function startEventDelivery(
  starting: EventWorkflowStarting,
  event: { platformId: string; eventId: string; type: string },
  workflowId: string,
): Promise<void> {
  await startOnce(starting.temporal, eventDeliveryWorkflow, {
    ...(await eventStartOptions(starting, event, workflowId)),
    args: [{ platformId: event.platformId, eventId: event.eventId, policy: starting.policy }],
  });
}

export type EventWorkflowStarting = Omit<WorkflowStarting, 'db'> & { eager?: boolean };

/** What every start of an event's workflows shares: its queue, and its platform and type tags. */
export async function eventStartOptions(
  starting: EventWorkflowStarting,
  event: { platformId: string; type: string },
  workflowId: string,
) {
  const { taskQueue, searchAttributes, eager } = starting;
  return {
    workflowId,
    taskQueue,
    ...(eager === undefined ? {} : { requestEagerStart: eager }),
    typedSearchAttributes: await searchAttributes.forStart([
      { key: heraldSearchAttributes.platformId, value: event.platformId },
      { key: heraldSearchAttributes.eventType, value: event.type },
    ]),
  };
}

/**
 * The launch of HERALD_FIRST_ATTEMPT=workflow: starts the event's workflow, which makes the first
 * attempts in its own first task.
 */
export function workflowLaunch(starting: EventWorkflowStarting): EventLaunch {
  return (entry) =>
    startEventDelivery(starting, entry, workflowIds.eventFanout(entry.platformId, entry.eventId));
}

/** Takes one stored event to its deliveries; throws when the row must be tried again later. */
export type EventLaunch = (entry: OutboxEntry) => Promise<void>;

/** Entries held in memory; past this the relay picks the rows up from Postgres instead. */
const QUEUE_LIMIT = 10_000;
/** How often the relay looks for rows whose lease ran out (sooner while it finds full batches). */
const RELAY_INTERVAL_MS = 1_000;
const RELAY_BATCH = 100;
/** Launched rows are marked in one statement per this many milliseconds. */
const MARK_DELAY_MS = 20;

export interface EventLauncherOptions {
  outbox: EventOutbox;
  launch: EventLaunch;
  /** Launches in flight at once: workflow starts need few; first attempts made here need many. */
  concurrency: number;
  logger: Logger;
}

const keyOf = (entry: OutboxEntry) => `${entry.platformId}\u0000${entry.eventId}`;

/**
 * Launches each stored event, off the ingest response path: events stored by this process at
 * once, and, through the relay, every row whose lease ran out (Temporal was down, the queue was
 * full, or the process that stored it died) or that an API process elsewhere announced.
 */
export class EventLauncher {
  private readonly queue: OutboxEntry[] = [];
  /** Queued or launching: an entry offered again meanwhile (its lease ran out) is not doubled. */
  private readonly inHand = new Set<string>();
  private active = 0;
  private toMark: OutboxEntry[] = [];
  private markTimer: NodeJS.Timeout | undefined;
  private marking: Promise<void> = Promise.resolve();
  private relayTimer: NodeJS.Timeout | undefined;
  private relaying = false;
  private relayAgain = false;
  private stopped = false;
  private idleWaiters: (() => void)[] = [];

  constructor(private readonly options: EventLauncherOptions) {}

  /** Queues launches; what does not fit stays leased in Postgres for the relay. Never throws. */
  offer(entries: OutboxEntry[]): void {
    if (this.stopped) return;
    for (const entry of entries) {
      if (this.queue.length >= QUEUE_LIMIT) break;
      const key = keyOf(entry);
      if (this.inHand.has(key)) continue;
      this.inHand.add(key);
      this.queue.push(entry);
    }
    this.pump();
  }

  startRelay(): void {
    this.relayTimer = setTimeout(() => void this.relayLoop(), RELAY_INTERVAL_MS);
  }

  /** Claims at once rather than at the next tick: another process announced new rows. */
  wake(): void {
    if (this.stopped) return;
    if (this.relaying) {
      this.relayAgain = true;
      return;
    }
    clearTimeout(this.relayTimer);
    void this.relayLoop();
  }

  private async relayLoop(): Promise<void> {
    const full = await this.relayOnce();
    if (this.stopped) return;
    const again = full || this.relayAgain;
    this.relayAgain = false;
    clearTimeout(this.relayTimer);
    this.relayTimer = setTimeout(() => void this.relayLoop(), again ? 0 : RELAY_INTERVAL_MS);
  }

  /**
   * Claims due rows while the queue is short (rows claimed sooner would wait out their lease in
   * memory and be claimed twice); true when it filled a whole batch.
   */
  async relayOnce(): Promise<boolean> {
    if (this.relaying || this.stopped) return false;
    this.relaying = true;
    try {
      const room = RELAY_BATCH - this.queue.length;
      if (room <= 0) return false;
      const claimed = await this.options.outbox.claim(room);
      if (claimed.length > 0) this.options.logger.debug({ count: claimed.length }, 'relay claimed');
      this.offer(claimed);
      return claimed.length === room;
    } catch (error) {
      this.options.logger.warn({ err: error }, 'outbox relay failed; will retry');
      return false;
    } finally {
      this.relaying = false;
    }
  }

  /** Stops the relay, lets in-flight launches finish and marks them. Queued ones stay leased. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.relayTimer);
    for (const entry of this.queue.splice(0)) this.inHand.delete(keyOf(entry));
    if (this.active > 0) await new Promise<void>((resolve) => this.idleWaiters.push(resolve));
    clearTimeout(this.markTimer);
    await this.flushMarks();
  }

  private pump(): void {
    while (this.active < this.options.concurrency && this.queue.length > 0) {
      const entry = this.queue.shift()!;
      this.active++;
      void this.launchOne(entry).finally(() => {
        this.inHand.delete(keyOf(entry));
        this.active--;
        if (this.active === 0) this.idleWaiters.splice(0).forEach((resolve) => resolve());
        this.pump();
      });
    }
  }

  private async launchOne(entry: OutboxEntry): Promise<void> {
    try {
      await continuingTrace(entry.traceparent, () => this.options.launch(entry));
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      await this.options.outbox.markFailed(entry, message).catch((markError: unknown) => {
        // The lease runs out and the relay tries again: nothing is lost.
        this.options.logger.warn({ err: markError }, 'could not set a failed launch aside');
      });
      return;
    }
    this.toMark.push(entry);
    this.markTimer ??= setTimeout(() => void this.flushMarks(), MARK_DELAY_MS);
  }

  private flushMarks(): Promise<void> {
    this.markTimer = undefined;
    const batch = this.toMark;
    this.toMark = [];
    this.marking = this.marking.then(() =>
      this.options.outbox.markStarted(batch).catch((error: unknown) => {
        // Unmarked rows are claimed again after their lease; a launch is idempotent.
        this.options.logger.warn({ err: error }, 'could not mark launched events');
      }),
    );
    return this.marking;
  }
}
