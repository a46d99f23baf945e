/**
 * `npm run bench:cluster`: the quick bench (BENCH_QUICK) twice in one run, first against a real
 * Temporal server on the machine's Postgres (test/cluster/temporalCluster.ts, namespace
 * `default`, Herald's database fresh on the same server), then against the embedded dev server
 * and Postgres, so the two sets of figures share the machine's state. Each run writes its own
 * bench/results/<timestamp>.json. CLUSTER_POSTGRES_URL picks the Postgres server.
 */
import { startTemporalCluster } from '../test/cluster/temporalCluster';
import { freshDatabase } from '../test/support/freshDatabase';
import { runQuickBench } from './quickBench';

const POSTGRES_URL =
  process.env.CLUSTER_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

async function main(): Promise<void> {
  const temporal = await startTemporalCluster({
    dataDir: process.env.HERALD_DATA_DIR ?? '.herald',
    postgresUrl: POSTGRES_URL,
    namespace: 'default',
  });
  const database = await freshDatabase(POSTGRES_URL, 'herald_bench');
  let failed = 0;
  try {
    failed += await runQuickBench('against the Temporal cluster', {
      BENCH_TEMPORAL_ADDRESS: temporal.address,
      BENCH_DATABASE_URL: database.url,
    });
  } finally {
    await temporal.stop();
    await database.drop();
  }
  failed += await runQuickBench('against the dev server', {});
  process.exitCode = failed === 0 ? 0 : 1;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
