import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ConfigError, loadConfig } from '../../src/config';
import { temporalConnectionOptions } from '../../src/temporal/connectionOptions';

const TLS_DIR = path.resolve(__dirname, '../fixtures/tls');
const cert = path.join(TLS_DIR, 'receiver.crt');
const key = path.join(TLS_DIR, 'receiver.key');
const external = { TEMPORAL_ADDRESS: 'temporal.example.com:7233' };
const optionsFor = (env: Record<string, string>) =>
  temporalConnectionOptions(loadConfig(env), env.TEMPORAL_ADDRESS ?? '127.0.0.1:7233');

it('talks plain gRPC to the embedded dev server and to a cluster by default', () => {
  expect(optionsFor({ TEMPORAL_API_KEY: 'ignored-without-an-address' })).toEqual({
    address: '127.0.0.1:7233',
  });
  expect(optionsFor(external)).toEqual({ address: 'temporal.example.com:7233' });
});

it('uses TLS with an API key, as Temporal Cloud wants', () => {
  expect(optionsFor({ ...external, TEMPORAL_API_KEY: 'cloud-key' })).toEqual({
    address: 'temporal.example.com:7233',
    tls: { clientCertPair: undefined, serverRootCACertificate: undefined },
    apiKey: 'cloud-key',
  });
});

it('presents a client certificate for mTLS and trusts a given CA', () => {
  const options = optionsFor({
    ...external,
    TEMPORAL_TLS_CERT: cert,
    TEMPORAL_TLS_KEY: key,
    TEMPORAL_TLS_CA: cert,
  });
  expect(options.tls).toEqual({
    clientCertPair: { crt: readFileSync(cert), key: readFileSync(key) },
    serverRootCACertificate: readFileSync(cert),
  });
});

it('lets TEMPORAL_TLS switch TLS on alone, or off', () => {
  expect(optionsFor({ ...external, TEMPORAL_TLS: 'true' }).tls).toBeTruthy();
  expect(optionsFor({ ...external, TEMPORAL_TLS: 'false', TEMPORAL_TLS_CA: cert }).tls).toBe(
    undefined,
  );
});

it.each([
  [{ TEMPORAL_TLS_CERT: cert }, 'TEMPORAL_TLS_KEY'],
  [{ TEMPORAL_TLS_KEY: key }, 'TEMPORAL_TLS_CERT'],
  [{ TEMPORAL_TLS_CA: '/no/such/ca.pem' }, 'TEMPORAL_TLS_CA'],
])('refuses %j, naming %s', (env, named) => {
  expect(() => loadConfig({ ...external, ...env })).toThrow(ConfigError);
  expect(() => loadConfig({ ...external, ...env })).toThrow(new RegExp(named));
});
