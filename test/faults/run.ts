/**
 * `npm run test:faults`: every scenario of scenarios.ts against the dev-server stack (measure.ts
 * says what each checks). Prints one row per scenario; exits 1 on any loss or delivery left
 * unfinished.
 */
import { startStack } from '../support/stack';
import { DESTINATIONS, EVENTS, failures, runScenario, type ScenarioResult } from './measure';
import { SCENARIOS } from './scenarios';

async function main(): Promise<void> {
  // FAULT_SCENARIO: a comma-separated list of parts of scenario names to run (all by default).
  const only = process.env.FAULT_SCENARIO?.split(',');
  const stack = await startStack();
  const results: ScenarioResult[] = [];
  const failed: string[] = [];
  try {
    for (const [index, scenario] of SCENARIOS.entries()) {
      if (only && !only.some((part) => scenario.name.includes(part))) continue;
      process.stderr.write(
        `[faults] ${scenario.name}: ${EVENTS} events to ${DESTINATIONS} destinations\n`,
      );
      const target = {
        receiver: stack.receiver,
        databaseUrl: stack.env.DATABASE_URL!,
        apiUrl: () => stack.apiUrl,
      };
      const result = await runScenario(target, stack, scenario, index).catch((error: unknown) => {
        failed.push(`${scenario.name}: ${error instanceof Error ? error.message : String(error)}`);
        return undefined;
      });
      if (!result) continue;
      results.push(result);
      process.stderr.write(`[faults]   ${JSON.stringify(result)}\n`);
      const found = failures(result, scenario);
      if (found.length > 0) {
        failed.push(`${scenario.name}: ${found.join(', ')}`);
        // What the processes said is the first thing to read when a scenario fails.
        for (const [part, spawned] of [
          ['API', stack.api],
          ['worker', stack.worker],
        ] as const)
          process.stderr.write(
            `[faults]   ${part} output (end):\n${spawned.output().slice(-3_000)}\n`,
          );
      }
    }
  } finally {
    await stack.stop();
  }
  console.table(results);
  console.log(`${results.length - failed.length} passed, ${failed.length} failed`);
  for (const failure of failed) console.log(`FAILED ${failure}`);
  if (failed.length > 0) process.exitCode = 1;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
