import type { NativeConnection } from '@temporalio/worker';
import type { Database } from '../db/knex';
import type { Deliverer } from '../delivery/deliverer';
import {
  OUTBOX_LAUNCH_CONCURRENCY,
  outboxLaunch,
  outboxLeaseSeconds,
} from '../delivery/firstAttempts';
import type { DeliveryPolicy } from '../delivery/policy';
import type { DeliveryRepository } from '../delivery/repository';
import { EventLauncher } from '../events/launcher';
import { EventOutbox } from '../events/outbox';
import { listenForAnnouncements } from '../events/outboxWakeups';
import type { Wiring } from './wiring';
import { workerStarting } from './workerStarting';

/**
 * HERALD_FIRST_ATTEMPT=outbox: this worker claims stored events from the outbox and makes their
 * first attempts itself. Beside an API (`npm start`) the API hands it its events at once; apart,
 * it hears of them through Postgres LISTEN, and the relay's tick catches anything missed.
 */
export function startOutboxLaunches(parts: {
  wiring: Wiring;
  db: Database;
  connection: NativeConnection;
  repository: DeliveryRepository;
  deliverer: Deliverer;
  policy: DeliveryPolicy;
}): { launches: EventLauncher; stop(): Promise<void> } {
  const { wiring, db, connection, policy } = parts;
  const { config, logger } = wiring;
  const launches = new EventLauncher({
    outbox: new EventOutbox(db, config.HERALD_INGEST_BACKLOG_LIMIT, {
      seconds: outboxLeaseSeconds(policy),
      newRowsOwned: true,
    }),
    logger,
    concurrency: OUTBOX_LAUNCH_CONCURRENCY,
    launch: outboxLaunch({
      repository: parts.repository,
      deliverer: parts.deliverer,
      starting: workerStarting(wiring, connection, policy),
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
