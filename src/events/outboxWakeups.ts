import pg from 'pg';
import type { Logger } from '../logger';
import { OUTBOX_CHANNEL, type EventOutbox, type OutboxEntry } from './outbox';

/** Waits this long before listening again after the connection dropped. */
const RECONNECT_DELAY_MS = 1_000;

/**
 * An API process whose workers run apart (HERALD_FIRST_ATTEMPT=outbox) launches nothing itself:
 * it tells their relays that rows wait. One NOTIFY in flight at most; offers that arrive
 * meanwhile share the next, so a burst costs a few statements, not one per event.
 */
export function announcingLaunches(outbox: EventOutbox, logger: Logger) {
  let inFlight = false;
  let again = false;
  const announce = (): void => {
    inFlight = true;
    again = false;
    outbox
      .announce()
      .catch((error: unknown) => {
        // The relays find the rows at their next tick anyway.
        logger.warn({ err: error }, 'could not announce stored events');
      })
      .finally(() => {
        inFlight = false;
        if (again) announce();
      });
  };
  return {
    offer(entries: OutboxEntry[]): void {
      if (entries.length === 0) return;
      if (inFlight) again = true;
      else announce();
    },
  };
}

/**
 * A worker's ear for announcements: one connection that LISTENs and calls `onWake` for each, and
 * once on every (re)connect, since announcements made while it was away are lost.
 */
export function listenForAnnouncements(
  databaseUrl: string,
  onWake: () => void,
  logger: Logger,
): { close(): Promise<void> } {
  let client: pg.Client | undefined;
  let closed = false;
  let retryTimer: NodeJS.Timeout | undefined;
  const connect = async (): Promise<void> => {
    const listener = new pg.Client({ connectionString: databaseUrl });
    client = listener;
    const dropped = (error?: Error) => {
      if (client !== listener) return;
      client = undefined;
      listener.end().catch(() => undefined);
      if (closed) return;
      logger.warn({ err: error }, 'outbox listener lost its connection; listening again');
      retryTimer = setTimeout(() => void connect(), RECONNECT_DELAY_MS);
    };
    listener.on('error', dropped);
    listener.on('end', () => dropped());
    listener.on('notification', () => onWake());
    try {
      await listener.connect();
      await listener.query(`LISTEN ${OUTBOX_CHANNEL}`);
      onWake();
    } catch (error) {
      dropped(error instanceof Error ? error : new Error(String(error)));
    }
  };
  void connect();
  return {
    async close() {
      closed = true;
      clearTimeout(retryTimer);
      const listener = client;
      client = undefined;
      await listener?.end().catch(() => undefined);
    },
  };
}
