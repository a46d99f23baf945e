import { readFileSync } from 'node:fs';
import type { TLSConfig } from '@temporalio/common/lib/internal-non-workflow';
import type { Config } from '../config';

export interface TemporalConnectionOptions {
  address: string;
  tls?: TLSConfig | boolean;
  apiKey?: string;
}

/**
 * How the API client and the worker reach Temporal. The embedded dev server is plain gRPC; a
 * cluster may want TLS, mTLS (a client certificate) or, on Temporal Cloud, an API key (which
 * implies TLS).
 */
export function temporalConnectionOptions(
  config: Config,
  address: string,
): TemporalConnectionOptions {
  if (!config.TEMPORAL_ADDRESS) return { address };
  const clientCertPair =
    config.TEMPORAL_TLS_CERT && config.TEMPORAL_TLS_KEY
      ? { crt: readFileSync(config.TEMPORAL_TLS_CERT), key: readFileSync(config.TEMPORAL_TLS_KEY) }
      : undefined;
  const serverRootCACertificate = config.TEMPORAL_TLS_CA
    ? readFileSync(config.TEMPORAL_TLS_CA)
    : undefined;
  const tls =
    config.TEMPORAL_TLS ??
    (config.TEMPORAL_API_KEY !== undefined ||
      clientCertPair !== undefined ||
      !!serverRootCACertificate);
  return {
    address,
    ...(tls ? { tls: { clientCertPair, serverRootCACertificate } } : {}),
    ...(config.TEMPORAL_API_KEY ? { apiKey: config.TEMPORAL_API_KEY } : {}),
  };
}
