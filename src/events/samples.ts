import type { EventEnvelope } from '../delivery/payload';

/** Example `data` per event group, so a test delivery looks like the real thing. */
const SAMPLE_DATA: Record<string, Record<string, unknown>> = {
  flow: { flowId: 'flow_sample', displayName: 'Sample flow', status: 'ENABLED' },
  folder: { folderId: 'folder_sample', displayName: 'Sample folder' },
  connection: { connectionId: 'conn_sample', displayName: 'Sample connection', pieceName: 'slack' },
  user: { userId: 'user_sample', email: 'jane@example.com' },
  signing: { keyId: 'key_sample', algorithm: 'RSA' },
  project: { projectId: 'proj_sample', name: 'Sample' },
  herald: { destinationId: 'dst_sample', reason: 'The endpoint answered 410 Gone.' },
};

export function sampleEnvelope(options: {
  id: string;
  type: string;
  platformId: string;
  now: Date;
}): EventEnvelope {
  const group = options.type.split('.')[0] ?? '';
  return {
    id: options.id,
    type: options.type,
    timestamp: options.now.toISOString(),
    platformId: options.platformId,
    projectId: null,
    data: { test: true, ...(SAMPLE_DATA[group] ?? {}) },
  };
}
