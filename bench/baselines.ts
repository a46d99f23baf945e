import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { DefaultLogger, NativeConnection, Runtime, Worker } from '@temporalio/worker';
import { Agent, request } from 'undici';
import { RECEIVER_CERT } from '../test/support/environment';
import { closedLoop } from './load';
import { cpuSeconds } from './resources';
import { summary } from './stats';

/** Baseline (a): bare undici POSTs to the same receiver — the HTTP limit of this machine. */
export async function bareHttpBaseline(url: string, total: number, concurrency: number) {
  const agent = new Agent({ connect: { ca: readFileSync(RECEIVER_CERT) } });
  const latencies: number[] = [];
  const seconds = await closedLoop(total, concurrency, async () => {
    const startedAt = performance.now();
    const answer = await request(url, { method: 'POST', body: '{}', dispatcher: agent });
    await answer.body.text();
    latencies.push(performance.now() - startedAt);
  });
  await agent.close();
  return { requestsPerSecond: total / seconds, latencyMs: summary(latencies) };
}

/**
 * Baselines (b) and (c): the same Temporal server running `noopWorkflow` (one no-op activity) or
 * `emptyWorkflow` (one workflow task). With the server's pid, also the server's CPU milliseconds
 * per workflow: the engine's own price for a workflow of that shape on this machine.
 */
export async function temporalBaseline(
  address: string,
  total: number,
  concurrency: number,
  options: { workflowType?: 'noopWorkflow' | 'emptyWorkflow'; serverPid?: number } = {},
) {
  const { workflowType = 'noopWorkflow', serverPid } = options;
  if (!Runtime._instance) Runtime.install({ logger: new DefaultLogger('WARN') });
  const nativeConnection = await NativeConnection.connect({ address });
  const taskQueue = `bench-${workflowType}-${Date.now()}`;
  const worker = await Worker.create({
    connection: nativeConnection,
    taskQueue,
    workflowsPath: path.resolve(__dirname, 'noopWorkflow.ts'),
    activities: { noop: async () => undefined },
    maxConcurrentActivityTaskExecutions: 200,
  });
  const running = worker.run();
  const connection = await Connection.connect({ address });
  const client = new Client({ connection });
  try {
    const serverCpuBefore = cpuSeconds(serverPid);
    const seconds = await closedLoop(total, concurrency, (index) =>
      client.workflow.execute(workflowType, { taskQueue, workflowId: `${taskQueue}-${index}` }),
    );
    const serverCpuMsPerWorkflow = ((cpuSeconds(serverPid) - serverCpuBefore) * 1000) / total;
    return { workflowsPerSecond: total / seconds, serverCpuMsPerWorkflow };
  } finally {
    worker.shutdown();
    await running;
    await connection.close();
    await nativeConnection.close();
  }
}
