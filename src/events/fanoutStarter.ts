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
  starting: Omit<WorkflowStarting, 'db'> & { eager?: boolean },
  event: { platformId: string; eventId: string; type: string },
  workflowId: string,
): Promise<void> {
  const { temporal, taskQueue, policy, searchAttributes, eager } = starting;
  await startOnce(temporal, eventDeliveryWorkflow, {
    workflowId,
    taskQueue,
    ...(eager === undefined ? {} : { requestEagerStart: eager }),
    args: [{ platformId: event.platformId, eventId: event.eventId, policy }],
    typedSearchAttributes: await searchAttributes.forStart([
      { key: heraldSearchAttributes.platformId, value: event.platformId },
      { key: heraldSearchAttributes.eventType, value: event.type },
    ]),
  });
}

/** Workflow starts in flight at once per API process: enough to keep Temporal busy, no more. */
const START_CONCURRENCY = 16;
/** Entries held in memory; past this the relay picks the rows up from Postgres instead. */
const QUEUE_LIMIT = 10_000;
/** How often the relay looks for rows whose lease ran out (sooner while it finds full batches). */
const RELAY_INTERVAL_MS = 1_000;
const RELAY_BATCH = 100;
/** Started rows are marked in one statement per this many milliseconds. */
const MARK_DELAY_MS = 20;

export interface FanoutStarterOptions {
  outbox: EventOutbox;
  starting: Omit<WorkflowStarting, 'db'> & {
    /** Ask Temporal for the first workflow task in the start's answer (a worker shares the client). */
    eager?: boolean;
    /** Counts a failed start the client's own instrumentation cannot see. */
    onStartFailure?: (error: unknown) => void;
  };
  logger: Logger;
}

/**
 * Starts the fan-out workflow of each stored event, off the ingest response path: events stored
 * by this process at once, and, through the relay, every row whose lease ran out (Temporal was
 * down, the queue was full, or the process that stored it died).
 */
export class FanoutStarter {
  private readonly queue: OutboxEntry[] = [];
  private active = 0;
  private toMark: OutboxEntry[] = [];
  private markTimer: NodeJS.Timeout | undefined;
  private marking: Promise<void> = Promise.resolve();
  private relayTimer: NodeJS.Timeout | undefined;
  private relaying = false;
  private stopped = false;
  private idleWaiters: (() => void)[] = [];

  constructor(private readonly options: FanoutStarterOptions) {}

  /** Queues starts; what does not fit stays leased in Postgres for the relay. Never throws. */
  offer(entries: OutboxEntry[]): void {
    if (this.stopped) return;
    const room = QUEUE_LIMIT - this.queue.length;
    this.queue.push(...entries.slice(0, Math.max(0, room)));
    this.pump();
  }

  startRelay(): void {
    const loop = async () => {
      const full = await this.relayOnce();
      if (!this.stopped) this.relayTimer = setTimeout(loop, full ? 0 : RELAY_INTERVAL_MS);
    };
    this.relayTimer = setTimeout(loop, RELAY_INTERVAL_MS);
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

  /** Stops the relay, lets in-flight starts finish and marks them. Queued ones stay leased. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.relayTimer);
    this.queue.length = 0;
    if (this.active > 0) await new Promise<void>((resolve) => this.idleWaiters.push(resolve));
    clearTimeout(this.markTimer);
    await this.flushMarks();
  }

  private pump(): void {
    while (this.active < START_CONCURRENCY && this.queue.length > 0) {
      const entry = this.queue.shift()!;
      this.active++;
      void this.startOne(entry).finally(() => {
        this.active--;
        if (this.active === 0) this.idleWaiters.splice(0).forEach((resolve) => resolve());
        this.pump();
      });
    }
  }

  private async startOne(entry: OutboxEntry): Promise<void> {
    const { starting } = this.options;
    try {
      await continuingTrace(entry.traceparent, () =>
        startEventDelivery(
          starting,
          entry,
          workflowIds.eventFanout(entry.platformId, entry.eventId),
        ),
      );
    } catch (error) {
      starting.onStartFailure?.(error);
      const message = error instanceof Error ? error.message : String(error);
      await this.options.outbox.markFailed(entry, message).catch((markError: unknown) => {
        // The lease runs out and the relay tries again: nothing is lost.
        this.options.logger.warn({ err: markError }, 'could not set a failed start aside');
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
        // Unmarked rows are claimed again after their lease; the start is idempotent.
        this.options.logger.warn({ err: error }, 'could not mark started events');
      }),
    );
    return this.marking;
  }
}
