// scratch, not committed: profile the API under open-loop ingest
import { startStack } from '../test/support/stack';
import { ingestCall, outcomesOf, platformWith } from './harness';
import { openLoop } from './load';
import { sleep } from './stats';
async function main() {
  const rate = Number(process.env.RATE ?? 400);
  const stack = await startStack({}, {});
  try {
    const one = await platformWith(stack, 'p', 1, '/one', 'flow.created');
    await sleep(3000);
    await openLoop(50, 4, () => ingestCall(stack, one.ingest, 'flow.created'));
    process.kill(stack.api.child.pid!, 'SIGUSR2');
    const { settled, achievedRate } = await openLoop(rate, 10, () =>
      ingestCall(stack, one.ingest, 'flow.created'),
    );
    process.kill(stack.api.child.pid!, 'SIGWINCH');
    await sleep(2000);
    console.log(JSON.stringify({ achievedRate, ...outcomesOf(settled) }));
  } finally {
    await stack.stop();
  }
}
void main();
