import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { DestinationStream } from 'pino';
import { loadConfig } from '../../src/config';
import { createLogger } from '../../src/logger';
import { contractViolation } from './contract';
import { startHerald, type HeraldMode } from '../../src/runtime/herald';
import { requireTestEnv } from './environment';
import { startReceiver, type Receiver } from './receiver';

export const TEST_ROOT_TOKEN = 'test-root-token-0123456789abcdef';

let bundle: { code: string; sourceMap: string } | undefined;

/**
 * Environment for a Herald under test: the shared Postgres and Temporal, its own task queue
 * (so test files never steal each other's tasks), short retries, private addresses allowed.
 */
export function testEnvironment(overrides: Record<string, string> = {}): Record<string, string> {
  return {
    DATABASE_URL: requireTestEnv('databaseUrl'),
    TEMPORAL_ADDRESS: requireTestEnv('temporalAddress'),
    TEMPORAL_TASK_QUEUE: `test-${randomBytes(4).toString('hex')}`,
    TEMPORAL_UI_URL: 'http://localhost:8233',
    PORT: '0',
    HERALD_WORKER_PORT: '0',
    HERALD_DATA_DIR: mkdtempSync(path.join(os.tmpdir(), 'herald-data-')),
    HERALD_ROOT_TOKEN: TEST_ROOT_TOKEN,
    HERALD_SECRET_KEY: randomBytes(32).toString('base64'),
    HERALD_ALLOW_PRIVATE_NETWORKS: 'true',
    HERALD_RETRY_INITIAL_INTERVAL: '200ms',
    HERALD_RETRY_BACKOFF: '1',
    HERALD_RETRY_MAX_INTERVAL: '5s',
    HERALD_DELIVERY_TIMEOUT: '3s',
    LOG_LEVEL: 'silent',
    HERALD_RATE_LIMIT_ADMIN: '100000',
    HERALD_RATE_LIMIT_INGEST: '100000',
    ...overrides,
  };
}

export async function startTestHerald(
  options: {
    env?: Record<string, string>;
    mode?: HeraldMode;
    logDestination?: DestinationStream;
  } = {},
) {
  const env = testEnvironment(options.env);
  const config = loadConfig(env);
  bundle ??= JSON.parse(readFileSync(requireTestEnv('workflowBundle'), 'utf8')) as {
    code: string;
    sourceMap: string;
  };
  const herald = await startHerald({
    config,
    mode: options.mode ?? 'all',
    logger: createLogger(config.LOG_LEVEL, options.logDestination),
    workflowBundle: bundle,
  });
  return { ...herald, env, config, api: apiClient(herald.apiUrl ?? '', { checkContract: true }) };
}

export type TestHerald = Awaited<ReturnType<typeof startTestHerald>>;

export interface ApiAnswer {
  status: number;
  headers: Headers;
  // Tests assert on shapes; `any` keeps them readable.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  body: any;
}

/**
 * A small client for the API. With `checkContract`, every answer is checked against the OpenAPI
 * document (declared status, documented body), so each integration test also tests the document.
 */
export function apiClient(baseUrl: string, options: { checkContract?: boolean } = {}) {
  const { checkContract = false } = options;
  return async function call(
    method: string,
    route: string,
    options: {
      token?: string;
      body?: unknown;
      rawBody?: string;
      headers?: Record<string, string>;
    } = {},
  ): Promise<ApiAnswer> {
    const headers: Record<string, string> = { ...options.headers };
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    let body: string | undefined = options.rawBody;
    if (options.body !== undefined) {
      body = JSON.stringify(options.body);
      headers['content-type'] ??= 'application/json';
    }
    const response = await fetch(baseUrl + route, { method, headers, body });
    const text = await response.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      // Not JSON: tests see the raw text.
    }
    const violation = checkContract
      ? contractViolation(method, route, response.status, parsed)
      : undefined;
    if (violation) throw new Error(`The answer breaks /openapi.json: ${violation}`);
    return { status: response.status, headers: response.headers, body: parsed };
  };
}

export type ApiCall = ReturnType<typeof apiClient>;

/** A platform with its admin and ingest keys. */
export async function createPlatform(
  api: ApiCall,
  body: Record<string, unknown> = { name: 'Acme' },
) {
  const answer = await api('POST', '/v1/platforms', { token: TEST_ROOT_TOKEN, body });
  if (answer.status !== 201)
    throw new Error(`platform not created: ${answer.status} ${JSON.stringify(answer.body)}`);
  return {
    id: answer.body.platform.id as string,
    admin: answer.body.apiKeys.admin as string,
    ingest: answer.body.apiKeys.ingest as string,
  };
}

/**
 * The usual frame of an integration test file: one Herald and one HTTPS receiver, started before
 * its tests and stopped after. Read them from the returned object inside tests.
 */
export function useHeraldWithReceiver(options: Parameters<typeof startTestHerald>[0] = {}) {
  const context = {} as { herald: TestHerald; receiver: Receiver };
  beforeAll(async () => {
    [context.herald, context.receiver] = await Promise.all([
      startTestHerald(options),
      startReceiver(),
    ]);
  });
  afterAll(async () => {
    await context.herald?.stop();
    await context.receiver?.stop();
  });
  return context;
}
