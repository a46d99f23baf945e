import path from 'node:path';

/** What globalSetup hands to every test file, through environment variables. */
export const TEST_ENV = {
  databaseUrl: 'HERALD_TEST_DATABASE_URL',
  temporalAddress: 'HERALD_TEST_TEMPORAL_ADDRESS',
  workflowBundle: 'HERALD_TEST_WORKFLOW_BUNDLE',
  temporalCli: 'HERALD_TEST_TEMPORAL_CLI',
  collector: 'HERALD_TEST_COLLECTOR',
  promtool: 'HERALD_TEST_PROMTOOL',
} as const;

export const RECEIVER_CERT = path.resolve(__dirname, '../fixtures/tls/receiver.crt');
export const RECEIVER_KEY = path.resolve(__dirname, '../fixtures/tls/receiver.key');

export function requireTestEnv(name: keyof typeof TEST_ENV): string {
  const value = process.env[TEST_ENV[name]];
  if (!value)
    throw new Error(`${TEST_ENV[name]} is not set: run the tests through jest (globalSetup)`);
  return value;
}
