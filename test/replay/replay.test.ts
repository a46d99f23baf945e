import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { DefaultLogger, Runtime, Worker } from '@temporalio/worker';
import { bundleWorkflows } from '../../src/temporal/worker';
import { requireTestEnv } from '../support/environment';
import { HISTORIES_DIR, RECORDED_WORKFLOWS } from './histories';

// The replay worker's state changes are not news; warnings and errors still show.
Runtime.install({ logger: new DefaultLogger('WARN') });

type RecordedHistory = {
  events: { startChildWorkflowExecutionInitiatedEventAttributes?: { workflowId: string } }[];
};

/**
 * The CLI's history holds no workflow id of its own, but a parent's children's ids derive from
 * it (`<id>/batch/<n>`, a backfill's `<id>/page/<n>`), and replay compares them: such a history replays under its own id.
 */
function recordedWorkflowId(history: RecordedHistory): string | undefined {
  const child = history.events.find(
    (event) => event.startChildWorkflowExecutionInitiatedEventAttributes,
  );
  return child?.startChildWorkflowExecutionInitiatedEventAttributes!.workflowId.replace(
    /(\/batch\/|:batch:|\/page\/)\d+$/,
    '',
  );
}

async function replayEveryHistory(workflowBundle: { code: string; sourceMap?: string }) {
  const files = readdirSync(HISTORIES_DIR).filter((file) => file.endsWith('.json'));
  const current = files.filter((file) => !file.startsWith('legacy-'));
  expect(current.map((file) => path.basename(file, '.json')).sort()).toEqual(
    Object.keys(RECORDED_WORKFLOWS).sort(),
  );

  const histories = files.map((file) => {
    const history = JSON.parse(readFileSync(path.join(HISTORIES_DIR, file), 'utf8'));
    return { workflowId: recordedWorkflowId(history) ?? `replay:${file}`, history };
  });
  const results = [];
  for await (const result of Worker.runReplayHistories({ workflowBundle }, histories))
    results.push(result);
  expect(results.map((result) => [result.workflowId, result.error?.message])).toEqual(
    histories.map((history) => [history.workflowId, undefined]),
  );
}

/** A change that makes the workflows non-deterministic against real recorded histories fails here. */
it('replays every recorded workflow history without a determinism error', async () => {
  await replayEveryHistory(JSON.parse(readFileSync(requireTestEnv('workflowBundle'), 'utf8')));
});

/**
 * Turning tracing on adds Temporal's OpenTelemetry interceptors to the workflow bundle; workflows
 * started with it off must go on under it.
 */
it('replays every recorded history with the tracing interceptors bundled', async () => {
  const traced = await bundleWorkflows({ tracing: true });
  expect(traced.code).toContain('OpenTelemetryInboundInterceptor');
  await replayEveryHistory(traced);
}, 120_000);
