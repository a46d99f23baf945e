import { ConfigError, loadConfig } from './config';
import { createLogger } from './logger';
import { startHerald, type HeraldMode } from './runtime/herald';
import { startTracing } from './telemetry/tracing';

const MODES: HeraldMode[] = ['all', 'api', 'worker'];
const SHUTDOWN_DEADLINE_MS = 30_000;

async function main(): Promise<void> {
  const mode = (process.argv[2] ?? 'all') as HeraldMode;
  if (!MODES.includes(mode)) {
    console.error(`Unknown mode "${mode}"; use one of: ${MODES.join(', ')}`);
    process.exit(2);
  }
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
  if (mode !== 'all' && (!config.DATABASE_URL || !config.TEMPORAL_ADDRESS)) {
    console.error(
      `Mode "${mode}" runs against external services: set DATABASE_URL and TEMPORAL_ADDRESS (or use \`npm start\`).`,
    );
    process.exit(1);
  }

  const logger = createLogger(config.LOG_LEVEL);
  const tracing = startTracing(config, logger);
  const herald = await startHerald({ config, mode, logger, ...(tracing ? { tracing } : {}) });
  logger.info(
    {
      api: herald.apiUrl,
      temporalWebUi: herald.temporalUiUrl,
      credentials: herald.credentialsFile,
    },
    'Herald is running',
  );
  if (herald.credentialsFile) {
    console.log(`Root token and secret key: ${herald.credentialsFile}`);
  }

  let stopping = false;
  const shutdown = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    setTimeout(() => {
      logger.error('shutdown took longer than 30 s; exiting');
      process.exit(1);
    }, SHUTDOWN_DEADLINE_MS).unref();
    // Spans of the last requests and attempts are exported before the process ends.
    const stopped = herald.stop().finally(() => tracing?.shutdown());
    stopped.then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', shutdown);
  process.on('SIGINT', shutdown);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exit(1);
});
