import { connectDatabase, migrateToLatest } from '../db/knex';
import { resealUnboundSecrets } from '../destinations/reseal';
import { createMetrics } from '../metrics';
import { createSecretBox } from '../security/encryption';
import { startApi } from './apiProcess';
import { resolveCredentials } from './credentials';
import { startInfrastructure } from './infrastructure';
import { startWorker } from './workerProcess';
import type { HeraldOptions, RunningPart } from './wiring';

export type { HeraldMode, HeraldOptions } from './wiring';

export interface RunningHerald {
  /** `http://127.0.0.1:<port>` when this process serves the API. */
  apiUrl?: string;
  /** Where a worker-only process answers /health/live and /metrics. */
  workerStatusUrl?: string;
  temporalUiUrl?: string;
  credentialsFile?: string;
  rootToken: string;
  databaseUrl: string;
  temporalAddress: string;
  stop(): Promise<void>;
}

export async function startHerald(options: HeraldOptions): Promise<RunningHerald> {
  const { config, mode, logger } = options;
  const credentials = resolveCredentials(config);
  const secrets = createSecretBox(credentials.secretKey);
  const infrastructure = await startInfrastructure(config, logger);
  const stops: (() => Promise<void>)[] = [infrastructure.stop];
  const stopAll = async () => {
    for (const stopOne of stops.reverse()) {
      await stopOne().catch((error: unknown) =>
        logger.error({ err: error }, 'error while stopping'),
      );
    }
  };

  try {
    const { databaseUrl } = infrastructure;
    // One connection for migrations and the metrics gauges; each part opens its own pool.
    const db = connectDatabase(databaseUrl);
    stops.push(() => db.destroy());
    await migrateToLatest(db);
    await resealUnboundSecrets(db, secrets, logger);
    const metrics = createMetrics(db);

    const wiring = {
      ...options,
      databaseUrl,
      secrets,
      metrics,
      address: infrastructure.temporalAddress,
    };
    let worker: RunningPart | undefined;
    let api: RunningPart | undefined;
    if (mode !== 'api') {
      worker = await startWorker(wiring);
      stops.push(worker.stop);
    }
    if (mode !== 'worker') {
      api = await startApi({
        ...wiring,
        rootToken: credentials.rootToken,
        temporalUiUrl: infrastructure.temporalUiUrl,
        workerConnection: worker?.temporalConnection,
        workerLaunches: worker?.launches,
      });
      stops.push(api.stop);
    }
    return {
      apiUrl: api?.url,
      workerStatusUrl: worker?.url,
      temporalUiUrl: infrastructure.temporalUiUrl,
      credentialsFile: credentials.file,
      rootToken: credentials.rootToken,
      databaseUrl: infrastructure.databaseUrl,
      temporalAddress: infrastructure.temporalAddress,
      stop: stopAll,
    };
  } catch (error) {
    await stopAll();
    throw error;
  }
}
