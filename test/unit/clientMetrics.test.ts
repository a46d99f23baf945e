import { status } from '@grpc/grpc-js';
import { WorkflowExecutionAlreadyStartedError, type WorkflowStartInput } from '@temporalio/client';
import { Counter, Registry } from 'prom-client';
import { countFailedStarts } from '../../src/temporal/clientMetrics';

function counted() {
  const failures = new Counter({
    name: 'failures',
    help: 'failed calls',
    labelNames: ['method', 'code'],
    registers: [new Registry()],
  });
  const interceptor = countFailedStarts(failures);
  const start = (failure: unknown) =>
    interceptor.startWithDetails!({} as WorkflowStartInput, () => Promise.reject(failure));
  const values = async () =>
    (await failures.get()).values.map((sample) => ({ ...sample.labels, value: sample.value }));
  return { start, values };
}

it('counts a failed start by the status code found on the error or its causes, and rethrows it', async () => {
  const { start, values } = counted();
  const unavailable = Object.assign(new Error('14 UNAVAILABLE'), { code: status.UNAVAILABLE });
  const wrapped = new Error('Failed to start Workflow', { cause: unavailable });
  await expect(start(wrapped)).rejects.toBe(wrapped);
  await expect(start(new Error('no code at all'))).rejects.toThrow('no code at all');
  expect(await values()).toEqual([
    { method: 'StartWorkflowExecution', code: 'UNAVAILABLE', value: 1 },
    { method: 'StartWorkflowExecution', code: 'UNKNOWN', value: 1 },
  ]);
});

it('does not count a start that finds the workflow already running: that is how a start is idempotent', async () => {
  const { start, values } = counted();
  const running = new WorkflowExecutionAlreadyStartedError(
    'already',
    'event:p:e',
    'eventDeliveryWorkflow',
  );
  await expect(start(running)).rejects.toBe(running);
  const exists = Object.assign(new Error('6 ALREADY_EXISTS'), { code: status.ALREADY_EXISTS });
  await expect(start(exists)).rejects.toBe(exists);
  expect(await values()).toEqual([]);
});
