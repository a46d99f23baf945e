/**
 * Generated hostile requests for every route of the API (used by hostileInput.test.ts). Each
 * breaks one thing of an otherwise valid request, so removing any one rule lets its variant
 * through.
 */
import { TEST_ROOT_TOKEN } from './herald';

export interface HostileFixtures {
  own: { id: string; admin: string; ingest: string };
  other: { id: string; admin: string; ingest: string };
  destinationId: string;
  foreignDestinationId: string;
}

export const MARKER = 'HOSTILE-MARKER';
const deep = (levels: number) => '['.repeat(levels) + ']'.repeat(levels);
export const SQL = `'; DROP TABLE platforms; --`;

export interface HostileRequest {
  name: string;
  method: string;
  path: string;
  token?: string;
  rawBody?: string;
  contentType?: string;
  headers?: Record<string, string>;
}

/**
 * Bodies that no route accepts. Each variant breaks one thing of an otherwise valid body, so
 * removing any single rule lets its variant through and fails this test.
 */
function hostileBodies(
  valid: Record<string, unknown>,
  enumField: string,
): { name: string; rawBody: string; contentType?: string }[] {
  const json = (value: unknown) => JSON.stringify(value);
  const withField = (field: string, value: unknown) => json({ ...valid, [field]: value });
  const stringFields = Object.keys(valid).filter((key) => typeof valid[key] === 'string');
  return [
    { name: 'truncated JSON', rawBody: json(valid).slice(0, -3) },
    { name: 'bare word', rawBody: 'nul' },
    { name: 'trailing garbage', rawBody: `${json(valid)}garbage` },
    { name: 'single quotes', rawBody: json(valid).replaceAll('"', "'") },
    { name: 'top-level string', rawBody: json('just a string') },
    { name: 'top-level number', rawBody: '42' },
    { name: 'top-level null', rawBody: 'null' },
    { name: 'top-level array', rawBody: json([valid]) },
    { name: 'deep nesting', rawBody: deep(5000) },
    { name: 'unknown field', rawBody: withField('isAdmin', true) },
    { name: '__proto__ key', rawBody: `{"__proto__": {"isAdmin": true}, ${json(valid).slice(1)}` },
    {
      name: 'constructor key',
      rawBody: withField('constructor', { prototype: { isAdmin: true } }),
    },
    {
      name: 'all fields wrong type',
      rawBody: json(Object.fromEntries(Object.keys(valid).map((k) => [k, 12345]))),
    },
    {
      name: 'all fields objects',
      rawBody: json(Object.fromEntries(Object.keys(valid).map((k) => [k, { $ne: 1 }]))),
    },
    { name: '10 MB string', rawBody: withField('name', 'x'.repeat(10 * 1024 * 1024)) },
    {
      name: 'form content type',
      rawBody: 'name=x&url=y',
      contentType: 'application/x-www-form-urlencoded',
    },
    { name: 'text content type', rawBody: json(valid), contentType: 'text/plain' },
    {
      name: 'unsupported charset',
      rawBody: json(valid),
      contentType: 'application/json; charset=ibm500',
    },
    { name: `SQL in ${enumField}`, rawBody: withField(enumField, SQL) },
    { name: `emoji in ${enumField}`, rawBody: withField(enumField, '😈') },
    { name: `NUL in ${enumField}`, rawBody: withField(enumField, 'flow.created\u0000') },
    ...stringFields.map((field) => ({
      name: `NUL in ${field}`,
      rawBody: withField(field, `${MARKER}\u0000x`),
    })),
  ];
}

/** DESIGN §4 filters no destination may save and no filter test may run, as raw JSON. */
const nestedNot = (levels: number): string =>
  levels === 0 ? '{"type":"flow.created"}' : `{"$not":${nestedNot(levels - 1)}}`;
const hostileFilters = [
  { name: 'too deep', rawFilter: nestedNot(40) },
  { name: 'too big', rawFilter: JSON.stringify({ type: { $in: ['x'.repeat(5000)] } }) },
  { name: 'unknown operator', rawFilter: '{"data.status":{"$regex":".*"}}' },
  { name: '$where', rawFilter: '{"$where":"this.type === \'flow.created\'"}' },
  { name: '__proto__ key', rawFilter: '{"__proto__":{"$eq":1}}' },
  { name: '__proto__ in a path', rawFilter: '{"data.__proto__.polluted":{"$exists":true}}' },
  { name: 'constructor path', rawFilter: '{"constructor.name":"Object"}' },
  { name: 'an array', rawFilter: '[{"type":"flow.created"}]' },
];

function bodyRequests({ own, destinationId }: HostileFixtures): HostileRequest[] {
  const destination = {
    url: 'https://h.example.com/x',
    events: ['flow.created'],
    description: MARKER,
  };
  const routes: {
    method: string;
    path: string;
    token: string;
    valid: Record<string, unknown>;
    enumField: string;
  }[] = [
    {
      method: 'POST',
      path: '/v1/platforms',
      token: TEST_ROOT_TOKEN,
      valid: { name: MARKER, eventStreamingEnabled: true },
      enumField: 'eventStreamingEnabled',
    },
    {
      method: 'PATCH',
      path: `/v1/platforms/${own.id}`,
      token: TEST_ROOT_TOKEN,
      valid: { name: MARKER },
      enumField: 'eventStreamingEnabled',
    },
    {
      method: 'POST',
      path: `/v1/platforms/${own.id}/api-keys`,
      token: TEST_ROOT_TOKEN,
      valid: { role: 'admin' },
      enumField: 'role',
    },
    {
      method: 'POST',
      path: '/v1/event-destinations',
      token: own.admin,
      valid: destination,
      enumField: 'events',
    },
    {
      method: 'PATCH',
      path: `/v1/event-destinations/${destinationId}`,
      token: own.admin,
      valid: destination,
      enumField: 'events',
    },
    {
      method: 'POST',
      path: '/v1/event-destinations/test',
      token: own.admin,
      valid: { url: 'https://h.example.com/x' },
      enumField: 'event',
    },
    {
      method: 'POST',
      path: `/v1/event-destinations/${destinationId}/test`,
      token: own.admin,
      valid: { event: 'flow.created' },
      enumField: 'event',
    },
    {
      method: 'POST',
      path: '/v1/events',
      token: own.ingest,
      valid: { id: 'hostile-1', type: 'flow.created', projectId: 'p1', data: {} },
      enumField: 'type',
    },
  ];
  const headerInjections = [
    { 'X-A': 'a\r\nX-B: b' },
    { 'X-A': 'a\nb' },
    { 'X-A\r\nX-B': 'b' },
    { Host: 'evil.example' },
    { 'Webhook-Signature': 'v1,forged' },
    { 'X-A': 'a\u0000' },
  ];
  const json = (
    method: string,
    path: string,
    token: string,
    name: string,
    rawBody: string,
    contentType?: string,
  ) => ({
    name,
    method,
    path,
    token,
    rawBody,
    contentType: contentType ?? 'application/json',
  });
  return [
    ...routes.flatMap((route) =>
      hostileBodies(route.valid, route.enumField).map((body) =>
        json(
          route.method,
          route.path,
          route.token,
          `${route.method} ${route.path.replace(/[a-z]{3}_[0-9a-z]{26}/g, ':id')}: ${body.name}`,
          body.rawBody,
          body.contentType,
        ),
      ),
    ),
    ...headerInjections.map((headers, index) =>
      json(
        'POST',
        '/v1/event-destinations',
        own.admin,
        `header injection ${index}`,
        JSON.stringify({ ...destination, headers }),
      ),
    ),
    ...hostileFilters.flatMap((filter) => [
      json(
        'POST',
        '/v1/event-destinations',
        own.admin,
        `destination filter: ${filter.name}`,
        `{"url":"https://h.example.com/x","events":["flow.created"],"filter":${filter.rawFilter}}`,
      ),
      json(
        'POST',
        '/v1/event-destinations/filter/test',
        own.admin,
        `filter test: ${filter.name}`,
        `{"filter":${filter.rawFilter},"event":{"type":"flow.created"}}`,
      ),
    ]),
    json(
      'POST',
      '/v1/event-destinations',
      own.admin,
      'redact path through __proto__',
      JSON.stringify({ ...destination, redact: ['__proto__.toString'] }),
    ),
    json(
      'POST',
      '/v1/events',
      own.ingest,
      'an operational event type from a platform',
      JSON.stringify({
        type: 'herald.destination.disabled',
        data: { destinationId: destinationId },
      }),
    ),
    json(
      'POST',
      '/v1/events',
      own.ingest,
      'deep nesting in event data',
      `{"type":"flow.created","data":{"a":${deep(2000)}}}`,
    ),
  ];
}

function pathRequests({ own, other, foreignDestinationId }: HostileFixtures): HostileRequest[] {
  const hostileIds = [
    '..%2F..%2Fetc%2Fpasswd',
    '..',
    '%00',
    'dst_%00',
    encodeURIComponent(`dst_' OR '1'='1`),
    'x'.repeat(5000),
    '%F0%9F%98%88',
    '%E2%80%AE',
    'null',
    '-1',
  ];
  const idRoutes: { method: string; path: (id: string) => string; token: () => string }[] = [
    { method: 'GET', path: (id) => `/v1/event-destinations/${id}`, token: () => own.admin },
    { method: 'DELETE', path: (id) => `/v1/event-destinations/${id}`, token: () => own.admin },
    { method: 'GET', path: (id) => `/v1/event-destinations/${id}/secret`, token: () => own.admin },
    {
      method: 'POST',
      path: (id) => `/v1/event-destinations/${id}/secret/rotate`,
      token: () => own.admin,
    },
    {
      method: 'GET',
      path: (id) => `/v1/event-destinations/${id}/deliveries`,
      token: () => own.admin,
    },
    { method: 'GET', path: (id) => `/v1/events/${id}`, token: () => own.admin },
    { method: 'GET', path: (id) => `/v1/deliveries/${id}`, token: () => own.admin },
    { method: 'POST', path: (id) => `/v1/deliveries/${id}/redeliver`, token: () => own.admin },
    {
      method: 'DELETE',
      path: (id) => `/v1/platforms/${own.id}/api-keys/${id}`,
      token: () => TEST_ROOT_TOKEN,
    },
  ];
  const foreign = (): HostileRequest[] =>
    ['', '/secret', '/secret/rotate', '/deliveries', '/test'].flatMap((suffix) => [
      {
        name: `other platform's destination${suffix}`,
        method: suffix === '/secret/rotate' || suffix === '/test' ? 'POST' : 'GET',
        path: `/v1/event-destinations/${foreignDestinationId}${suffix}`,
        token: own.admin,
      },
    ]);
  return [
    ...idRoutes.flatMap((route) =>
      hostileIds.map((id) => ({
        name: `${route.method} ${route.path(':id')} with id ${id.slice(0, 30)}`,
        method: route.method,
        path: route.path(id),
        token: route.token(),
      })),
    ),
    ...foreign(),
    {
      name: "other platform's key deletion",
      method: 'DELETE',
      path: `/v1/platforms/${other.id}/api-keys/${own.admin.split('.')[0]}`,
      token: TEST_ROOT_TOKEN,
    },
  ];
}

function authAndQueryRequests({ own, destinationId }: HostileFixtures): HostileRequest[] {
  const authHeaders: Record<string, string>[] = [
    {},
    { authorization: 'Bearer' },
    { authorization: 'Bearer    ' },
    { authorization: 'Basic YWRtaW46YWRtaW4=' },
    { authorization: `Bearer ${'k'.repeat(10_000)}` },
    { authorization: `Bearer ${SQL}` },
    { authorization: `Bearer ${own.admin.split('.')[0]}.` },
    { authorization: `Bearer .${own.admin.split('.')[1]}` },
    { authorization: `bearer ${own.ingest}` }, // right key, wrong role for the admin route
  ];
  const queries = [
    'limit=-1',
    'limit=1e9',
    'limit=abc',
    'limit=1&limit=2',
    `cursor=${encodeURIComponent(SQL)}`,
    'cursor=%00',
    `cursor=${'A'.repeat(500)}`,
    'status=everything',
    'status[]=pending',
    'limit[$gt]=1',
  ];
  return [
    ...authHeaders.map((headers, index) => ({
      name: `auth variant ${index}`,
      method: 'GET',
      path: '/v1/event-destinations',
      headers,
    })),
    ...authHeaders.map((headers, index) => ({
      name: `auth variant ${index} on ingest`,
      method: 'POST',
      path: '/v1/events',
      headers: {
        ...headers,
        authorization:
          (headers as { authorization?: string }).authorization?.replace(own.ingest, own.admin) ??
          '',
      },
      rawBody: JSON.stringify({ type: 'flow.created', data: {} }),
      contentType: 'application/json',
    })),
    ...queries.map((query) => ({
      name: `list query ${query.slice(0, 30)}`,
      method: 'GET',
      path: `/v1/event-destinations/${query.startsWith('status') ? `${destinationId}/deliveries` : ''}?${query}`,
      token: own.admin,
    })),
  ];
}

export function hostileRequests(fixtures: HostileFixtures): HostileRequest[] {
  return [...bodyRequests(fixtures), ...pathRequests(fixtures), ...authAndQueryRequests(fixtures)];
}
