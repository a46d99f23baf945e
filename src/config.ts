import { existsSync } from 'node:fs';
import { z } from 'zod';
import { parseDuration } from './duration';
import { SAMPLER_NAMES } from './telemetry/sampler';

const booleanFlag = z
  .enum(['true', 'false', '1', '0'], { error: 'must be true or false' })
  .transform((value) => value === 'true' || value === '1');

const duration = (fallback: string) =>
  z
    .string()
    .default(fallback)
    .transform((text, ctx) => {
      const ms = parseDuration(text);
      if (ms === undefined) {
        ctx.addIssue({
          code: 'custom',
          message: 'must be a duration such as 500ms, 5s, 10m, 6h or 5d',
        });
        return z.NEVER;
      }
      return ms;
    });

const port = z.coerce
  .number({ error: 'must be a port number' })
  .int('must be a port number')
  .min(0, 'must be between 0 and 65535')
  .max(65535, 'must be between 0 and 65535');

const rate = (fallback: number) =>
  z.coerce
    .number({ error: 'must be a number of requests per second' })
    .int('must be a whole number of requests per second')
    .min(1, 'must be at least 1 request per second')
    .default(fallback);

/** A file that must exist when Herald starts (certificates). */
const existingFile = z.string().refine((file) => existsSync(file), 'must be a readable file');

const postgresUrl = z
  .string()
  .regex(/^postgres(ql)?:\/\/.+/, 'must be a postgres:// or postgresql:// connection string');

/** The exporter Herald ships speaks OTLP/HTTP protobuf, what every OTLP back end accepts. */
const otlpProtocol = z
  .enum(['http/protobuf'], {
    error: 'Herald exports traces as http/protobuf only (every OTLP back end accepts it)',
  })
  .optional();

export const configSchema = z
  .object({
    PORT: port.default(3000),
    HERALD_WORKER_PORT: port.default(3001),
    DATABASE_URL: postgresUrl.optional(),
    TEMPORAL_ADDRESS: z
      .string()
      .regex(/^[^\s:/]+:\d+$/, 'must be host:port')
      .optional(),
    TEMPORAL_NAMESPACE: z.string().min(1).default('default'),
    TEMPORAL_API_KEY: z.string().min(1).optional(),
    TEMPORAL_TLS: booleanFlag.optional(),
    TEMPORAL_TLS_CERT: existingFile.optional(),
    TEMPORAL_TLS_KEY: existingFile.optional(),
    TEMPORAL_TLS_CA: existingFile.optional(),
    TEMPORAL_TASK_QUEUE: z.string().min(1).default('herald'),
    TEMPORAL_UI_URL: z.url({ error: 'must be an absolute URL' }).optional(),
    HERALD_DATA_DIR: z.string().min(1).default('.herald'),
    HERALD_ROOT_TOKEN: z.string().min(16, 'must be at least 16 characters').optional(),
    HERALD_SECRET_KEY: z
      .string()
      .regex(/^[A-Za-z0-9+/]{43}=$/, 'must be 32 bytes in base64 (44 characters)')
      .optional(),
    HERALD_ALLOW_HTTP: booleanFlag.default(false),
    HERALD_ALLOW_PRIVATE_NETWORKS: booleanFlag.default(false),
    HERALD_DELIVERY_TIMEOUT: duration('15s'),
    HERALD_RETENTION: duration('30d'),
    HERALD_RETRY_INITIAL_INTERVAL: duration('5s'),
    HERALD_RETRY_BACKOFF: z.coerce
      .number({ error: 'must be a number' })
      .min(1, 'must be at least 1')
      .default(5),
    HERALD_RETRY_MAX_INTERVAL: duration('6h'),
    HERALD_RETRY_MAX_ATTEMPTS: z.coerce
      .number({ error: 'must be a whole number' })
      .int('must be a whole number')
      .min(0, 'must be 0 (no cap) or more')
      .default(0),
    HERALD_DELIVERY_WINDOW: duration('72h'),
    HERALD_AUTO_DISABLE_AFTER: duration('5d'),
    HERALD_RATE_LIMIT_INGEST: rate(1000),
    HERALD_RATE_LIMIT_ADMIN: rate(50),
    HERALD_INGEST_BACKLOG_LIMIT: z.coerce
      .number({ error: 'must be a whole number of events' })
      .int('must be a whole number of events')
      .min(1, 'must be at least 1')
      .default(100_000),
    HERALD_FIRST_ATTEMPT: z
      .enum(['workflow', 'outbox'], { error: 'must be workflow or outbox' })
      .default('workflow'),
    HERALD_MAX_DESTINATIONS: z.coerce
      .number({ error: 'must be a whole number' })
      .int('must be a whole number')
      .min(1, 'must be at least 1')
      .default(1000),
    HERALD_OTLP_SERVICE_NAME: z.string().min(1).max(255).default('herald'),
    HERALD_METRICS_TOKEN: z.string().min(16, 'must be at least 16 characters').optional(),
    // OpenTelemetry's own variables (README "Tracing"); the exporter reads its other settings.
    OTEL_SDK_DISABLED: booleanFlag.default(false),
    OTEL_TRACES_EXPORTER: z
      .enum(['otlp', 'none'], { error: 'must be otlp or none (Herald exports OTLP only)' })
      .default('otlp'),
    OTEL_EXPORTER_OTLP_ENDPOINT: z.url({ error: 'must be an absolute URL' }).optional(),
    OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: z.url({ error: 'must be an absolute URL' }).optional(),
    OTEL_EXPORTER_OTLP_PROTOCOL: otlpProtocol,
    OTEL_EXPORTER_OTLP_TRACES_PROTOCOL: otlpProtocol,
    OTEL_SERVICE_NAME: z.string().min(1).max(255).default('herald'),
    OTEL_TRACES_SAMPLER: z
      .enum(SAMPLER_NAMES, { error: `must be one of ${SAMPLER_NAMES.join(', ')}` })
      .default('parentbased_always_on'),
    OTEL_TRACES_SAMPLER_ARG: z.coerce
      .number({ error: 'must be a ratio between 0 and 1' })
      .min(0, 'must be a ratio between 0 and 1')
      .max(1, 'must be a ratio between 0 and 1')
      .default(1),
    OTEL_BSP_SCHEDULE_DELAY: z.coerce
      .number({ error: 'must be a number of milliseconds' })
      .int('must be a whole number of milliseconds')
      .min(0, 'must be 0 or more milliseconds')
      .default(5000),
    LOG_LEVEL: z
      .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
      .default('info'),
  })
  .superRefine((config, ctx) => {
    if ((config.TEMPORAL_TLS_CERT === undefined) !== (config.TEMPORAL_TLS_KEY === undefined)) {
      const missing =
        config.TEMPORAL_TLS_CERT === undefined ? 'TEMPORAL_TLS_CERT' : 'TEMPORAL_TLS_KEY';
      ctx.addIssue({
        code: 'custom',
        path: [missing],
        message: 'mTLS needs both TEMPORAL_TLS_CERT and TEMPORAL_TLS_KEY',
      });
    }
  });

export type Config = z.infer<typeof configSchema>;

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

/** Parses the environment; empty strings count as unset so `FOO= npm start` means "default". */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const provided = Object.fromEntries(
    Object.keys(configSchema.shape)
      .map((name) => [name, env[name]] as const)
      .filter(([, value]) => value !== undefined && value !== ''),
  );
  const parsed = configSchema.safeParse(provided);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((issue) => {
        const name = String(issue.path[0]);
        return `${name}=${JSON.stringify(provided[name])}: ${issue.message}`;
      }),
    );
  }
  return parsed.data;
}
