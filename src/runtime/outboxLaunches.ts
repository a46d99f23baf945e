import type { Database } from '../db/knex';
import type { Deliverer } from '../delivery/deliverer';
import {
  OUTBOX_LAUNCH_CONCURRENCY,
  outboxLaunch,
  outboxLeaseSeconds,
} from '../delivery/firstAttempts';
import type { DeliveryRepository } from '../delivery/repository';
import { EventLauncher, type EventWorkflowStarting } from '../events/launcher';
import { EventOutbox } from '../events/outbox';
import { listenForAnnouncements } from '../events/outboxWakeups';
import type { Wiring } from './wiring';

/**
 * HERALD_FIRST_ATTEMPT=outbox: this worker claims stored events from the outbox and makes their
 * first attempts itself. Beside an API (`npm start`) the API hands it its events at once; apart,
 * it hears of them through Postgres LISTEN, and the relay's tick catches anything missed.
 */
export function startOutboxLaunches(parts: {
  wiring: Wiring;
  db: Database;
  /** Starts the retries' workflows (and a wide fan-out's) through the worker's connection. */
  starting: EventWorkflowStarting;
  repository: DeliveryRepository;
  deliverer: Deliverer;
}): { launches: EventLauncher; stop(): Promise<void> } {
  const { wiring, db, starting } = parts;
  const { config, logger } = wiring;
  const launches = new EventLauncher({
    outbox: new EventOutbox(db, config.HERALD_INGEST_BACKLOG_LIMIT, {
      seconds: outboxLeaseSeconds(starting.policy),
      newRowsOwned: true,
    }),
    logger,
    concurrency: OUTBOX_LAUNCH_CONCURRENCY,
    launch: outboxLaunch({
      repository: parts.repository,
      deliverer: parts.deliverer,
      starting,
    }),
  });
  launches.startRelay();
  const listener =
    wiring.mode === 'worker'
      ? listenForAnnouncements(wiring.databaseUrl, () => launches.wake(), logger)
      : undefined;
  return {
    launches,
    stop: async () => {
      await listener?.close();
      await launches.stop();
    },
  };
}
