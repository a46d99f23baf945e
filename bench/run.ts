/**
 * `npm run bench`: Herald against its parts, measured in one run on this machine.
 *   - end-to-end latency of one event to one local HTTPS receiver (median of 20, sequential),
 *     beside a bare undici POST to the same receiver (the HTTP floor);
 *   - one event fanned out to 500 destinations: time to the last delivery and history size.
 * Starts its own Temporal dev server on free ports; Postgres is DATABASE_URL's or embedded.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { Agent, request } from 'undici';
import { loadConfig } from '../src/config';
import { startEmbeddedPostgres } from '../src/db/embeddedPostgres';
import { createLogger } from '../src/logger';
import { findFreePort } from '../src/runtime/ports';
import { startHerald } from '../src/runtime/herald';
import { ensureTemporalCli } from '../src/temporal/cli';
import { startDevServer } from '../src/temporal/devServer';
import { RECEIVER_CERT } from '../test/support/environment';
import { apiClient, createPlatform, TEST_ROOT_TOKEN } from '../test/support/herald';
import { startReceiver, type Receiver } from '../test/support/receiver';
import { pollUntil } from '../src/runtime/poll';

const SAMPLES = 20;
const FANOUT_DESTINATIONS = 500;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

function progress(line: string): void {
  process.stderr.write(`[bench] ${line}\n`);
}

async function waitForRequests(receiver: Receiver, hookPath: string, count: number): Promise<void> {
  await pollUntil(
    `${count} requests at ${hookPath}`,
    300_000,
    async () => receiver.requests(hookPath).length >= count,
    2,
  );
}

async function main(): Promise<void> {
  process.env.NODE_EXTRA_CA_CERTS = RECEIVER_CERT;
  const dataDir = path.resolve('.herald', 'bench');
  mkdirSync(dataDir, { recursive: true });
  const cliPath = await ensureTemporalCli('.herald', progress);
  const temporal = await startDevServer({
    cliPath,
    dataDir,
    port: await findFreePort(),
    namespace: 'default',
  });
  const database = process.env.DATABASE_URL
    ? { url: process.env.DATABASE_URL, stop: async () => undefined }
    : await startEmbeddedPostgres(dataDir);
  const receiver = await startReceiver();
  const config = loadConfig({
    DATABASE_URL: database.url,
    TEMPORAL_ADDRESS: temporal.address,
    TEMPORAL_TASK_QUEUE: `bench-${Date.now()}`,
    PORT: '0',
    HERALD_DATA_DIR: dataDir,
    HERALD_ROOT_TOKEN: TEST_ROOT_TOKEN,
    HERALD_SECRET_KEY: Buffer.alloc(32, 7).toString('base64'),
    HERALD_ALLOW_PRIVATE_NETWORKS: 'true',
    LOG_LEVEL: 'warn',
    HERALD_RATE_LIMIT_ADMIN: '100000',
    HERALD_RATE_LIMIT_INGEST: '100000',
  });
  const herald = await startHerald({ config, mode: 'all', logger: createLogger(config.LOG_LEVEL) });
  const api = apiClient(herald.apiUrl!);
  const connection = await Connection.connect({ address: temporal.address });
  try {
    const platform = await createPlatform(api);

    progress(`bare undici POST to the receiver, ${SAMPLES} samples`);
    const bare: number[] = [];
    const bareAgent = new Agent({ connect: { ca: readFileSync(RECEIVER_CERT) } });
    for (let i = 0; i < SAMPLES; i++) {
      const startedAt = performance.now();
      const answer = await request(receiver.url('/bare'), {
        method: 'POST',
        body: '{}',
        dispatcher: bareAgent,
      });
      await answer.body.text();
      bare.push(performance.now() - startedAt);
    }
    await bareAgent.close();

    progress(`end-to-end, ${SAMPLES} sequential events to one destination`);
    await api('POST', '/v1/event-destinations', {
      token: platform.admin,
      body: { url: receiver.url('/e2e'), events: ['flow.created'] },
    });
    const endToEnd: number[] = [];
    for (let i = 0; i < SAMPLES; i++) {
      const startedAt = Date.now();
      await api('POST', '/v1/events', {
        token: platform.ingest,
        body: { type: 'flow.created', data: { i } },
      });
      await waitForRequests(receiver, '/e2e', i + 1);
      endToEnd.push(receiver.requests('/e2e')[i]!.receivedAt - startedAt);
    }

    progress(`creating ${FANOUT_DESTINATIONS} destinations`);
    const fanoutPlatform = await createPlatform(api);
    for (let i = 0; i < FANOUT_DESTINATIONS; i++) {
      await api('POST', '/v1/event-destinations', {
        token: fanoutPlatform.admin,
        body: { url: receiver.url('/fanout'), events: ['user.signed.in'] },
      });
    }
    progress(`one event to ${FANOUT_DESTINATIONS} destinations`);
    const fanoutStarted = Date.now();
    const accepted = await api('POST', '/v1/events', {
      token: fanoutPlatform.ingest,
      body: { type: 'user.signed.in', data: {} },
    });
    await waitForRequests(receiver, '/fanout', FANOUT_DESTINATIONS);
    const lastDelivery =
      Math.max(...receiver.requests('/fanout').map((r) => r.receivedAt)) - fanoutStarted;
    const handle = new Client({ connection }).workflow.getHandle(accepted.body.workflowId);
    await handle.result();
    const workflowDone = Date.now() - fanoutStarted;
    const history = await handle.fetchHistory();

    const results = {
      machine: { cpus: os.cpus().length, model: os.cpus()[0]?.model, node: process.version },
      bareUndiciPostMs: { median: median(bare) },
      endToEndMs: { median: median(endToEnd), samples: endToEnd },
      endToEndOverBare: median(endToEnd) / median(bare),
      fanout: {
        destinations: FANOUT_DESTINATIONS,
        lastDeliveryMs: lastDelivery,
        workflowCompletedMs: workflowDone,
        historyEvents: history.events?.length ?? 0,
        historyLimit: 51_200,
      },
    };
    console.table({
      'bare undici POST, median ms': results.bareUndiciPostMs.median.toFixed(1),
      'end-to-end, median ms': results.endToEndMs.median,
      'end-to-end / bare POST': results.endToEndOverBare.toFixed(1),
      [`fan-out to ${FANOUT_DESTINATIONS}: last delivery ms`]: lastDelivery,
      [`fan-out to ${FANOUT_DESTINATIONS}: workflow done ms`]: workflowDone,
      [`fan-out history events (limit 51,200)`]: results.fanout.historyEvents,
    });
    const outDir = path.resolve('bench', 'results');
    mkdirSync(outDir, { recursive: true });
    const outFile = path.join(outDir, `${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
    writeFileSync(outFile, `${JSON.stringify(results, null, 2)}\n`);
    progress(`wrote ${outFile}`);
  } finally {
    await connection.close();
    await herald.stop();
    await receiver.stop();
    await temporal.stop();
    await database.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
