/**
 * Starts what the whole run shares: a fresh Postgres database (on DATABASE_URL's server when
 * set, else embedded), a Temporal dev server from the CLI binary on free ports, and the bundled
 * workflow code. Test files read their addresses from the environment.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startEmbeddedPostgres } from '../../src/db/embeddedPostgres';
import { connectDatabase, migrateToLatest } from '../../src/db/knex';
import { ensureTemporalCli } from '../../src/temporal/cli';
import { startDevServer } from '../../src/temporal/devServer';
import { bundleWorkflows } from '../../src/temporal/worker';
import { findFreePort } from '../../src/runtime/ports';
import { RECEIVER_CERT, TEST_ENV } from './environment';
import { ensureCollector } from './collector';
import { freshDatabase } from './freshDatabase';
import { ensureGoInstalled } from './goTools';

/** Prometheus' rule checker; its Go module versions Prometheus 3 as v0.3xx. */
const PROMTOOL_MODULE = 'github.com/prometheus/prometheus/cmd/promtool@v0.316.0';

export interface SharedServices {
  stops: (() => Promise<void>)[];
}

export default async function globalSetup(): Promise<void> {
  const startedAt = Date.now();
  const stops: (() => Promise<void>)[] = [];
  (globalThis as { heraldTestServices?: SharedServices }).heraldTestServices = { stops };
  const workDir = mkdtempSync(path.join(os.tmpdir(), 'herald-test-'));

  const dataDir = process.env.HERALD_DATA_DIR ?? '.herald';
  const cliPath = await ensureTemporalCli(dataDir, (line) => console.log(line));
  // Built here, once per run and cached by its sources, so no test waits for a Go build.
  process.env[TEST_ENV.collector] = ensureCollector(dataDir);
  // promtool checks the shipped alert rules (test/integration/dashboards.test.ts).
  [process.env[TEST_ENV.promtool]] = ensureGoInstalled({
    what: 'promtool',
    modules: [PROMTOOL_MODULE],
    binDir: path.resolve(dataDir, 'promtool'),
    binaries: ['promtool'],
  });
  const [database, temporal, bundle] = await Promise.all([
    (async () => {
      if (process.env.DATABASE_URL) return freshDatabase(process.env.DATABASE_URL);
      const embedded = await startEmbeddedPostgres(workDir);
      return { url: embedded.url, drop: embedded.stop };
    })(),
    (async () =>
      startDevServer({
        cliPath,
        dataDir: workDir,
        port: await findFreePort(),
        namespace: 'default',
        readyTimeoutMs: 120_000,
      }))(),
    bundleWorkflows(),
  ]);
  stops.push(database.drop, temporal.stop);

  const db = connectDatabase(database.url);
  await migrateToLatest(db);
  await db.destroy();

  const bundlePath = path.join(workDir, 'workflow-bundle.json');
  writeFileSync(bundlePath, JSON.stringify(bundle));
  process.env[TEST_ENV.databaseUrl] = database.url;
  process.env[TEST_ENV.temporalAddress] = temporal.address;
  process.env[TEST_ENV.workflowBundle] = bundlePath;
  process.env[TEST_ENV.temporalCli] = cliPath;
  process.env.NODE_EXTRA_CA_CERTS = RECEIVER_CERT;
  console.log(
    `\nTest services ready in ${Date.now() - startedAt} ms (Temporal ${temporal.address}).`,
  );
}
