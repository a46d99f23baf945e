import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { configSchema } from '../../src/config';

/** No Docker engine runs here, so the compose file is checked for its services and their wiring. */
interface Service {
  image?: string;
  build?: string;
  command?: string[];
  environment?: Record<string, string>;
  depends_on?: Record<string, unknown> | string[];
  ports?: string[];
}

const compose = parse(
  readFileSync(path.resolve(__dirname, '../../docker-compose.yml'), 'utf8'),
) as {
  services: Record<string, Service>;
};
const { services } = compose;

it('declares postgres, temporal, temporal-ui, api and worker', () => {
  expect(Object.keys(services).sort()).toEqual([
    'api',
    'postgres',
    'temporal',
    'temporal-ui',
    'worker',
  ]);
});

it('persists Temporal to the Postgres service', () => {
  expect(services.temporal!.environment).toMatchObject({
    DB: 'postgres12',
    POSTGRES_SEEDS: 'postgres',
  });
  expect(Object.keys(services.temporal!.depends_on ?? {})).toContain('postgres');
  expect(services['temporal-ui']!.environment!.TEMPORAL_ADDRESS).toBe('temporal:7233');
});

it.each([
  ['api', 'start:api'],
  ['worker', 'start:worker'],
])('runs %s as npm run %s does, against the compose services', (name, script) => {
  const service = services[name]!;
  const packageJson = JSON.parse(
    readFileSync(path.resolve(__dirname, '../../package.json'), 'utf8'),
  );
  expect(service.command!.join(' ')).toBe(packageJson.scripts[script]);
  const env = service.environment!;
  expect(new URL(env.DATABASE_URL!).hostname).toBe('postgres');
  expect(env.TEMPORAL_ADDRESS).toBe('temporal:7233');
  for (const variable of Object.keys(env))
    expect(Object.keys(configSchema.shape)).toContain(variable);
  expect(Object.keys(service.depends_on ?? {}).sort()).toEqual(['postgres', 'temporal']);
});
