/**
 * Run by `npm install` (postinstall) and `npm run setup:temporal`: makes sure the Temporal CLI
 * exists so that `npm start` and `npm test` can start a dev server without any download.
 */
import { loadConfig } from '../src/config';
import { ensureTemporalCli, MISSING_CLI_HELP } from '../src/temporal/cli';

async function main(): Promise<void> {
  const config = loadConfig();
  if (config.TEMPORAL_ADDRESS) {
    console.log('TEMPORAL_ADDRESS is set; the Temporal CLI is not needed.');
    return;
  }
  try {
    console.log(`Temporal CLI: ${await ensureTemporalCli(config.HERALD_DATA_DIR)}`);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    console.error(message === MISSING_CLI_HELP ? message : `Temporal CLI build failed: ${message}`);
    // A missing CLI must not fail `npm install`; `npm start` repeats this check and stops there.
    if (process.env.npm_lifecycle_event !== 'postinstall') process.exitCode = 1;
  }
}

void main();
