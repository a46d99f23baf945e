import type { NativeConnection, WorkflowBundleWithSourceMap } from '@temporalio/worker';
import type { Config } from '../config';
import type { LaunchQueue } from '../events/service';
import type { Logger } from '../logger';
import type { Metrics } from '../metrics';
import type { SecretBox } from '../security/encryption';
import type { Tracing } from '../telemetry/tracing';

export type HeraldMode = 'all' | 'api' | 'worker';

export interface HeraldOptions {
  config: Config;
  mode: HeraldMode;
  logger: Logger;
  /** Tests bundle the workflows once per run and share the bundle. */
  workflowBundle?: WorkflowBundleWithSourceMap;
  /** The process's OpenTelemetry tracing (main.ts starts it), when it exports. */
  tracing?: Tracing;
}

/** What the API and the worker of one process share. */
export interface Wiring extends HeraldOptions {
  /** Each part connects its own pool, sized to its own concurrency (db/knex.ts POOLS). */
  databaseUrl: string;
  metrics: Metrics;
  secrets: SecretBox;
  /** The Temporal frontend, `host:port`. */
  address: string;
}

/** A started half of a Herald process: where it listens, and how to stop it. */
export interface RunningPart {
  url?: string;
  /** A worker's connection to Temporal: an API beside it starts workflows eagerly through it. */
  temporalConnection?: NativeConnection;
  /** A worker's outbox launches (HERALD_FIRST_ATTEMPT=outbox): an API beside it hands events here. */
  launches?: LaunchQueue;
  stop(): Promise<void>;
}
