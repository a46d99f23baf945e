/**
 * `npm run test:cluster`: Herald in its production shape (clusterStack.ts) on this machine. The
 * delivery walk through the API (retries, 410, redeliver, recover, a test delivery), a
 * visibility query by HeraldPlatformId through the Temporal server, then four faults with
 * 1,000 events × 3 destinations each, judged like the fault suite (measure.ts): nothing lost,
 * nothing left pending. Removes every process and database it made. Exits 1 on any failure.
 */
import { Client, Connection } from '@temporalio/client';
import { pollUntil } from '../../src/runtime/poll';
import { apiClient, TEST_ROOT_TOKEN } from '../support/herald';
import { failures, runScenario, type ScenarioResult } from '../faults/measure';
import type { Scenario } from '../faults/scenarios';
import { CLUSTER_NAMESPACE, startClusterStack, type ClusterStack } from './clusterStack';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const POSTGRES_URL =
  process.env.CLUSTER_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

function check(condition: boolean, what: string): void {
  if (!condition) throw new Error(`walk: ${what}`);
}

/** DESIGN §6 end to end, each call to whichever API the balancer picks. */
async function walk(stack: ClusterStack): Promise<{ platformId: string; events: number }> {
  const api = (...args: Parameters<ReturnType<typeof apiClient>>) =>
    apiClient(stack.apiUrl())(...args);
  const created = await api('POST', '/v1/platforms', {
    token: TEST_ROOT_TOKEN,
    body: { name: 'cluster walk' },
  });
  const platformId = created.body.platform.id as string;
  const { admin, ingest } = created.body.apiKeys as { admin: string; ingest: string };
  const { receiver } = stack;
  receiver.script('/walk/flaky', [{ status: 500 }]);
  receiver.script('/walk/gone', [{ status: 410 }]);
  const destinations: Record<string, string> = {};
  for (const name of ['ok', 'flaky', 'gone']) {
    // The gone one takes its own type: one event, one 410, no others racing it.
    const events = name === 'gone' ? ['folder.created'] : ['flow.created'];
    const answer = await api('POST', '/v1/event-destinations', {
      token: admin,
      body: { url: receiver.url(`/walk/${name}`), events },
    });
    check(answer.status === 201, `destination ${name}: ${answer.status}`);
    destinations[name] = answer.body.id;
  }
  const events = 5;
  for (let n = 0; n < events; n++) {
    const accepted = await api('POST', '/v1/events', {
      token: ingest,
      body: { id: `walk-${n}`, type: 'flow.created', data: { n } },
    });
    check(accepted.status === 202, `ingest: ${accepted.status}`);
  }
  await api('POST', '/v1/events', {
    token: ingest,
    body: { id: 'walk-folder', type: 'folder.created', data: {} },
  });
  const deliveriesOf = async (name: string) =>
    (
      await api('GET', `/v1/event-destinations/${destinations[name]}/deliveries?limit=100`, {
        token: admin,
      })
    ).body.data as { id: string; status: string; attemptCount: number }[];
  const settled = (name: string, status: string, count: number) =>
    pollUntil(`${count} ${status} deliveries to ${name}`, 60_000, async () => {
      const list = await deliveriesOf(name);
      return list.filter((d) => d.status === status).length === count ? list : undefined;
    });
  await settled('ok', 'succeeded', events);
  const flaky = await settled('flaky', 'succeeded', events);
  check(
    flaky.some((d) => d.attemptCount === 2),
    'the 500 was retried',
  );
  await pollUntil('410 to disable its destination', 60_000, async () => {
    const gone = await api('GET', `/v1/event-destinations/${destinations.gone}`, { token: admin });
    return gone.body.enabled === false ? true : undefined;
  });
  check(receiver.requests('/walk/gone').length === 1, 'a 410 is not retried');

  const [first] = await deliveriesOf('ok');
  const redelivered = await api('POST', `/v1/deliveries/${first!.id}/redeliver`, { token: admin });
  check(redelivered.status === 202, `redeliver: ${redelivered.status}`);
  await pollUntil('the redelivery', 60_000, async () =>
    receiver.requests('/walk/ok').length === events + 1 ? true : undefined,
  );

  await api('PATCH', `/v1/event-destinations/${destinations.gone}`, {
    token: admin,
    body: { enabled: true },
  });
  const recovered = await api('POST', `/v1/event-destinations/${destinations.gone}/recover`, {
    token: admin,
    body: { since: new Date(Date.now() - 3_600_000).toISOString() },
  });
  check(recovered.status === 202, `recover: ${recovered.status}`);
  await pollUntil('the recovery', 60_000, async () => {
    const list = await deliveriesOf('gone');
    return list.every((d) => d.status === 'succeeded') ? true : undefined;
  });

  const tested = await api('POST', '/v1/event-destinations/test', {
    token: admin,
    body: { url: receiver.url('/walk/test') },
  });
  check(tested.body.ok === true, `test delivery: ${JSON.stringify(tested.body)}`);
  return { platformId, events };
}

/** The operator's view: Herald's workflows found by its search attribute in SQL visibility. */
async function visibilityQuery(stack: ClusterStack, platformId: string): Promise<number> {
  const connection = await Connection.connect({ address: stack.temporal.address });
  try {
    const client = new Client({ connection, namespace: CLUSTER_NAMESPACE });
    return await pollUntil('the platform’s workflows in visibility', 60_000, async () => {
      const found: string[] = [];
      for await (const execution of client.workflow.list({
        query: `HeraldPlatformId = "${platformId}"`,
      }))
        found.push(execution.workflowId);
      return found.length > 0 ? found.length : undefined;
    });
  } finally {
    await connection.close();
  }
}

const SCENARIOS: Scenario<ClusterStack>[] = [
  {
    name: 'cluster: one of two workers SIGKILLed, restarted 2 s later',
    inject: async ({ stack }) => {
      await stack.workers[0]!.kill('SIGKILL');
      await sleep(2_000);
      stack.workers[0] = stack.startWorker();
    },
  },
  {
    name: 'cluster: one of two APIs SIGKILLed while calls go to both, restarted',
    inject: async ({ stack }) => {
      await stack.apis[0]!.kill('SIGKILL');
      await sleep(2_000);
      stack.apis[0] = await stack.startApi(0);
    },
  },
  {
    name: 'cluster: Temporal server SIGKILLed, restarted on its databases',
    inject: async ({ stack }) => {
      await stack.temporal.restart();
    },
  },
  {
    name: 'cluster: the machine’s Postgres restarted (Herald’s and Temporal’s)',
    inject: async ({ stack }) => {
      await stack.restartPostgres();
    },
  },
];

async function main(): Promise<void> {
  const only = process.env.CLUSTER_SCENARIO;
  const startedAt = Date.now();
  const stack = await startClusterStack({
    postgresUrl: POSTGRES_URL,
    dataDir: process.env.HERALD_DATA_DIR ?? '.herald',
  });
  console.log(`[cluster] up in ${Math.round((Date.now() - startedAt) / 1000)} s`);
  const failed: string[] = [];
  const results: ScenarioResult[] = [];
  try {
    const walked = await walk(stack);
    console.log(`[cluster] walk passed (platform ${walked.platformId})`);
    const found = await visibilityQuery(stack, walked.platformId);
    console.log(`[cluster] HeraldPlatformId query found ${found} workflows`);
    if (found < walked.events) failed.push(`visibility: ${found} < ${walked.events}`);
    const target = {
      receiver: stack.receiver,
      databaseUrl: stack.databaseUrl,
      apiUrl: stack.apiUrl,
    };
    for (const [index, scenario] of SCENARIOS.entries()) {
      if (only && !scenario.name.includes(only)) continue;
      console.log(`[cluster] ${scenario.name}`);
      const result = await runScenario(target, stack, scenario, index).catch((error: unknown) => {
        failed.push(`${scenario.name}: ${error instanceof Error ? error.message : String(error)}`);
        return undefined;
      });
      if (!result) continue;
      results.push(result);
      console.log(`[cluster]   ${JSON.stringify(result)}`);
      const problems = failures(result, scenario);
      if (problems.length > 0) {
        failed.push(`${scenario.name}: ${problems.join(', ')}`);
        console.log(stack.output());
      }
    }
  } catch (error) {
    failed.push(error instanceof Error ? error.message : String(error));
    console.log(stack.output());
  } finally {
    await stack.stop();
  }
  console.table(results);
  console.log(
    `[cluster] ${failed.length === 0 ? 'passed' : 'FAILED'} in ${Math.round((Date.now() - startedAt) / 1000)} s`,
  );
  for (const failure of failed) console.log(`FAILED ${failure}`);
  if (failed.length > 0) process.exitCode = 1;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
