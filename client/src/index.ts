/**
 * Herald's typed client: openapi-fetch over the types openapi-typescript generates from
 * /openapi.json (schema.d.ts). Every path, body, query and answer is typed from the document
 * the API serves, so a call the API would refuse does not compile.
 */
import createClient from 'openapi-fetch';
import type { components, paths } from './schema';

export type { components, paths };
export type HeraldClient = ReturnType<typeof createHeraldClient>;

export interface HeraldClientOptions {
  /** Where Herald's API answers, e.g. `http://localhost:3000`. */
  baseUrl: string;
  /** An admin or ingest key of the platform (or the root token for /v1/platforms). */
  token: string;
  /** Another fetch (tests, proxies); the global one by default. */
  fetch?: typeof fetch;
}

export function createHeraldClient(options: HeraldClientOptions) {
  return createClient<paths>({
    baseUrl: options.baseUrl,
    headers: { authorization: `Bearer ${options.token}` },
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });
}
