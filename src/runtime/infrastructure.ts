import type { Config } from '../config';
import { startEmbeddedPostgres } from '../db/embeddedPostgres';
import type { Logger } from '../logger';
import { ensureTemporalCli } from '../temporal/cli';
import { startDevServer } from '../temporal/devServer';

export const EMBEDDED_TEMPORAL_PORT = 7233;
export const EMBEDDED_TEMPORAL_UI_PORT = 8233;

export interface Infrastructure {
  databaseUrl: string;
  temporalAddress: string;
  temporalUiUrl: string | undefined;
  stop(): Promise<void>;
}

/** The given Postgres and Temporal, or embedded ones whose files live in HERALD_DATA_DIR. */
export async function startInfrastructure(config: Config, logger: Logger): Promise<Infrastructure> {
  const stops: (() => Promise<void>)[] = [];
  const stop = async () => {
    for (const stopOne of stops.reverse()) await stopOne();
  };
  try {
    let databaseUrl = config.DATABASE_URL;
    if (!databaseUrl) {
      const database = await startEmbeddedPostgres(config.HERALD_DATA_DIR, (line) =>
        logger.debug({ postgres: line }),
      );
      stops.push(database.stop);
      databaseUrl = database.url;
      logger.info('embedded Postgres started');
    }
    let temporalAddress = config.TEMPORAL_ADDRESS;
    let temporalUiUrl = config.TEMPORAL_UI_URL;
    if (!temporalAddress) {
      const server = await startDevServer({
        cliPath: await ensureTemporalCli(config.HERALD_DATA_DIR, (line) => logger.info(line)),
        dataDir: config.HERALD_DATA_DIR,
        port: EMBEDDED_TEMPORAL_PORT,
        uiPort: EMBEDDED_TEMPORAL_UI_PORT,
        namespace: config.TEMPORAL_NAMESPACE,
        log: (line) => logger.warn({ temporal: line }),
      });
      stops.push(server.stop);
      temporalAddress = server.address;
      temporalUiUrl ??= server.uiUrl;
      logger.info(
        { address: temporalAddress, webUi: temporalUiUrl },
        'embedded Temporal dev server started',
      );
    }
    return { databaseUrl, temporalAddress, temporalUiUrl, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
