import { ConfigError, loadConfig } from '../../src/config';
import { formatDuration, parseDuration } from '../../src/duration';

describe('parseDuration', () => {
  it.each([
    ['250ms', 250],
    ['5s', 5_000],
    ['10m', 600_000],
    ['6h', 21_600_000],
    ['5d', 432_000_000],
  ])('reads %s', (text, ms) => expect(parseDuration(text)).toBe(ms));

  it.each(['', '5', 's', '-5s', '1.5h', '5 weeks', '5w'])('refuses %j', (text) =>
    expect(parseDuration(text)).toBeUndefined(),
  );
});

describe('formatDuration', () => {
  it.each([
    [432_000_000, '5d'],
    [7_200_000, '2h'],
    [90_000, '90s'],
    [1_500, '1500ms'],
  ])('writes %i as %s', (ms, text) => expect(formatDuration(ms)).toBe(text));
});

describe('loadConfig', () => {
  it('applies the documented defaults to an empty environment', () => {
    expect(loadConfig({})).toEqual({
      PORT: 3000,
      HERALD_WORKER_PORT: 3001,
      TEMPORAL_NAMESPACE: 'default',
      TEMPORAL_TASK_QUEUE: 'herald',
      HERALD_DATA_DIR: '.herald',
      HERALD_ALLOW_HTTP: false,
      HERALD_ALLOW_PRIVATE_NETWORKS: false,
      HERALD_DELIVERY_TIMEOUT: 15_000,
      HERALD_RETENTION: 2_592_000_000,
      HERALD_RETRY_INITIAL_INTERVAL: 5_000,
      HERALD_RETRY_BACKOFF: 5,
      HERALD_RETRY_MAX_INTERVAL: 21_600_000,
      HERALD_RETRY_MAX_ATTEMPTS: 0,
      HERALD_DELIVERY_WINDOW: 259_200_000,
      HERALD_AUTO_DISABLE_AFTER: 432_000_000,
      HERALD_RATE_LIMIT_INGEST: 1000,
      HERALD_RATE_LIMIT_ADMIN: 50,
      HERALD_INGEST_BACKLOG_LIMIT: 100_000,
      HERALD_FIRST_ATTEMPT: 'workflow',
      HERALD_MAX_DESTINATIONS: 1000,
      HERALD_OTLP_SERVICE_NAME: 'herald',
      OTEL_SDK_DISABLED: false,
      OTEL_TRACES_EXPORTER: 'otlp',
      OTEL_SERVICE_NAME: 'herald',
      OTEL_TRACES_SAMPLER: 'parentbased_always_on',
      OTEL_TRACES_SAMPLER_ARG: 1,
      OTEL_BSP_SCHEDULE_DELAY: 5000,
      LOG_LEVEL: 'info',
    });
  });

  it('reads every variable it is given', () => {
    const config = loadConfig({
      PORT: '8080',
      DATABASE_URL: 'postgres://u:p@db:5432/herald',
      TEMPORAL_ADDRESS: 'temporal:7233',
      TEMPORAL_UI_URL: 'http://ui:8080',
      HERALD_ALLOW_HTTP: 'true',
      HERALD_RETRY_MAX_ATTEMPTS: '3',
      HERALD_SECRET_KEY: Buffer.alloc(32, 1).toString('base64'),
      HERALD_ROOT_TOKEN: 'a-long-enough-root-token',
    });
    expect(config).toMatchObject({
      PORT: 8080,
      DATABASE_URL: 'postgres://u:p@db:5432/herald',
      TEMPORAL_ADDRESS: 'temporal:7233',
      HERALD_ALLOW_HTTP: true,
      HERALD_RETRY_MAX_ATTEMPTS: 3,
    });
  });

  it('treats empty values as unset', () => {
    const config = loadConfig({ PORT: '', DATABASE_URL: '' });
    expect(config.PORT).toBe(3000);
    expect(config.DATABASE_URL).toBeUndefined();
  });

  it.each([
    ['PORT', 'eighty', 'port'],
    ['PORT', '70000', 'between 0 and 65535'],
    ['DATABASE_URL', 'mysql://x', 'postgres://'],
    ['TEMPORAL_ADDRESS', 'temporal', 'host:port'],
    ['HERALD_ALLOW_HTTP', 'yes', 'true or false'],
    ['HERALD_DELIVERY_TIMEOUT', '15', 'duration'],
    ['HERALD_RETRY_BACKOFF', '0.5', 'at least 1'],
    ['HERALD_RETRY_MAX_ATTEMPTS', '-1', '0 (no cap)'],
    ['HERALD_FIRST_ATTEMPT', 'api', 'workflow or outbox'],
    ['HERALD_SECRET_KEY', 'short', '32 bytes'],
    ['HERALD_ROOT_TOKEN', 'short', '16 characters'],
    ['LOG_LEVEL', 'loud', ''],
    ['OTEL_EXPORTER_OTLP_ENDPOINT', '/v1/traces', 'absolute URL'],
    ['OTEL_EXPORTER_OTLP_PROTOCOL', 'grpc', 'http/protobuf only'],
    ['OTEL_TRACES_EXPORTER', 'zipkin', 'otlp or none'],
    ['OTEL_TRACES_SAMPLER', 'sometimes', 'parentbased_traceidratio'],
    ['OTEL_TRACES_SAMPLER_ARG', '2', 'between 0 and 1'],
  ])('stops on %s=%j naming the variable and what is allowed', (name, value, allowed) => {
    let error: unknown;
    try {
      loadConfig({ [name]: value });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).message).toContain(`${name}=${JSON.stringify(value)}`);
    expect((error as ConfigError).message).toContain(allowed);
  });
});
