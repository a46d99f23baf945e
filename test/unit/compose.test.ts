import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { configSchema } from '../../src/config';
import { HERALD_SEARCH_ATTRIBUTE_KEYS } from '../../src/temporal/searchAttributes';

/** No Docker engine runs here, so the compose file is checked for its services and their wiring. */
interface Service {
  image?: string;
  build?: string;
  command?: string[];
  entrypoint?: string[];
  environment?: Record<string, string | number>;
  env_file?: string | string[];
  depends_on?: Record<string, { condition: string }>;
  ports?: string[];
  volumes?: string[];
  restart?: string;
  deploy?: { replicas?: number };
  healthcheck?: { test: string[] };
}

const root = path.resolve(__dirname, '../..');
const read = (file: string) => readFileSync(path.join(root, file), 'utf8');
const { services } = parse(read('docker-compose.yml'), { merge: true }) as {
  services: Record<string, Service>;
};
const service = (name: string) => services[name]!;
const envFiles = (name: string) => [service(name).env_file ?? []].flat();
/** KEY=value lines of an example env file. */
const exampleVariables = (file: string) =>
  read(file)
    .split('\n')
    .filter((line) => /^[A-Z_]+=/.test(line))
    .map((line) => line.split('=')[0]);

it('brings up Postgres, Temporal with its schema and setup jobs, the Web UI, APIs, workers and a balancer', () => {
  expect(Object.keys(services).sort()).toEqual(
    [
      'api',
      'api-lb',
      'postgres',
      'temporal',
      'temporal-schema',
      'temporal-setup',
      'temporal-ui',
      'worker',
    ].sort(),
  );
});

it('persists Temporal to the Postgres service after its schema job has finished', () => {
  expect(service('temporal').environment).toMatchObject({
    DB: 'postgres12',
    POSTGRES_SEEDS: 'postgres',
  });
  expect(service('temporal').depends_on).toEqual({
    'temporal-schema': { condition: 'service_completed_successfully' },
  });
  const schemaScript = service('temporal-schema').command!.join('\n');
  for (const database of ['temporal', 'temporal_visibility']) {
    expect(schemaScript).toContain(`--db ${database} update-schema`);
  }
  expect(schemaScript).toContain('postgresql/v12/visibility/versioned');
  expect(service('temporal-schema').depends_on).toEqual({
    postgres: { condition: 'service_healthy' },
  });
  expect(service('temporal-ui').environment!.TEMPORAL_ADDRESS).toBe('temporal:7233');
});

it("registers Herald's search attributes on the compose Temporal", () => {
  const setup = service('temporal-setup').command!.join('\n');
  for (const key of HERALD_SEARCH_ATTRIBUTE_KEYS) expect(setup).toContain(`--name ${key.name}`);
  expect(setup).toContain('namespace create --namespace default');
});

it.each([
  ['api', 'start:api', '3000/health/ready'],
  ['worker', 'start:worker', '3001/health/live'],
])('runs two %s replicas as npm run %s does, probed at %s', (name, script, probe) => {
  const herald = service(name);
  const packageJson = JSON.parse(read('package.json'));
  expect(herald.command!.join(' ')).toBe(packageJson.scripts[script]);
  expect(herald.deploy?.replicas).toBe(2);
  expect(herald.restart).toBe('unless-stopped');
  expect(herald.healthcheck!.test.join(' ')).toContain(`127.0.0.1:${probe}`);
  expect(herald.environment).toMatchObject({ TEMPORAL_ADDRESS: 'temporal:7233', PORT: 3000 });
  for (const variable of Object.keys(herald.environment!)) {
    expect(Object.keys(configSchema.shape)).toContain(variable);
  }
  expect(herald.depends_on).toEqual({
    postgres: { condition: 'service_healthy' },
    temporal: { condition: 'service_healthy' },
    'temporal-setup': { condition: 'service_completed_successfully' },
  });
  expect(envFiles(name)).toEqual(['deploy/herald.env']);
});

it('keeps every secret in git-ignored env files, with an example for each', () => {
  const secretNames = /PASSWORD|PWD|SECRET|TOKEN|DATABASE_URL/;
  for (const [name, definition] of Object.entries(services)) {
    for (const variable of Object.keys(definition.environment ?? {})) {
      expect([name, variable, secretNames.test(variable)]).toEqual([name, variable, false]);
    }
    for (const file of envFiles(name)) {
      expect(read('.gitignore')).toContain('deploy/*.env');
      expect(exampleVariables(`${file}.example`).length).toBeGreaterThan(0);
    }
  }
  expect(exampleVariables('deploy/herald.env.example').sort()).toEqual(
    ['DATABASE_URL', 'HERALD_ROOT_TOKEN', 'HERALD_SECRET_KEY'].sort(),
  );
  const herald = read('deploy/herald.env.example');
  expect(new URL(/DATABASE_URL=(\S+)/.exec(herald)![1]!).hostname).toBe('postgres');
});

it('restarts every long-running service and health-checks it', () => {
  const jobs = ['temporal-schema', 'temporal-setup'];
  for (const [name, definition] of Object.entries(services)) {
    if (jobs.includes(name)) {
      expect([name, definition.restart]).toEqual([name, 'no']);
    } else {
      expect([name, definition.restart]).toEqual([name, 'unless-stopped']);
      expect([name, definition.healthcheck?.test.length]).toEqual([name, expect.any(Number)]);
    }
  }
});

it('balances the API replicas behind one published port', () => {
  expect(service('api').ports).toBeUndefined();
  expect(service('api-lb').ports).toEqual(['3000:80']);
  const nginx = read('deploy/nginx.conf');
  expect(nginx).toMatch(/set \$api http:\/\/api:3000;/);
  expect(service('api-lb').volumes).toContain('./deploy/nginx.conf:/etc/nginx/nginx.conf:ro');
});

it('builds an image that installs without scripts (no embedded stores, no CLI build)', () => {
  expect(read('Dockerfile')).toMatch(/npm ci --omit=dev --ignore-scripts/);
});
