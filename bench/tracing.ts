/**
 * `npm run bench:tracing`: the quick bench (BENCH_QUICK) twice in one run, first with tracing
 * off (no OTEL_* variables: what every install gets), then with every Herald process exporting
 * its traces to a real OpenTelemetry Collector (tools/otelcol, counting what it receives). The
 * collector stands for the back end: its CPU is not counted in the stack's. Each run writes its
 * own bench/results/<timestamp>.json.
 */
import { ensureCollector, startCollector } from '../test/support/collector';
import { RECEIVER_CERT } from '../test/support/environment';
import { runQuickBench } from './quickBench';
import { progress } from './stats';

async function main(): Promise<void> {
  const binary = ensureCollector(process.env.HERALD_DATA_DIR ?? '.herald');
  let failed = await runQuickBench('with tracing off', {});
  const collector = await startCollector({ binary, verbosity: 'basic' });
  try {
    failed += await runQuickBench('with tracing on', {
      OTEL_EXPORTER_OTLP_ENDPOINT: collector.endpoint,
      OTEL_EXPORTER_OTLP_CERTIFICATE: RECEIVER_CERT,
    });
    const spans = [...collector.output().matchAll(/"spans": (\d+)/g)].reduce(
      (sum, match) => sum + Number(match[1]),
      0,
    );
    progress(`the collector received ${spans} spans`);
  } finally {
    await collector.stop();
  }
  process.exitCode = failed === 0 ? 0 : 1;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
