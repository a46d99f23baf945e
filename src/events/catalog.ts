/** DESIGN §3: Activepieces' own audit-event names, so a platform can forward them unchanged. */
export const EVENT_CATALOG = [
  { name: 'flow.created', group: 'flow', description: 'A new flow is created' },
  { name: 'flow.updated', group: 'flow', description: 'A flow is modified' },
  { name: 'flow.deleted', group: 'flow', description: 'A flow is removed' },
  { name: 'flow.run.started', group: 'flow', description: 'A flow execution begins' },
  { name: 'flow.run.finished', group: 'flow', description: 'A flow execution completes' },
  { name: 'flow.run.resumed', group: 'flow', description: 'A paused flow execution resumes' },
  { name: 'folder.created', group: 'folder', description: 'A folder is created' },
  { name: 'folder.updated', group: 'folder', description: 'A folder is modified' },
  { name: 'folder.deleted', group: 'folder', description: 'A folder is removed' },
  {
    name: 'connection.upserted',
    group: 'connection',
    description: 'A connection is created or updated',
  },
  { name: 'connection.deleted', group: 'connection', description: 'A connection is removed' },
  { name: 'user.signed.up', group: 'user', description: 'A new user registers' },
  { name: 'user.signed.in', group: 'user', description: 'A user logs in' },
  { name: 'user.password.reset', group: 'user', description: 'A password reset is requested' },
  { name: 'user.email.verified', group: 'user', description: 'A user verifies their email' },
  { name: 'signing.key.created', group: 'security', description: 'A new signing key is generated' },
  { name: 'project.role.created', group: 'security', description: 'A project role is created' },
  { name: 'project.role.updated', group: 'security', description: 'A project role is modified' },
  { name: 'project.role.deleted', group: 'security', description: 'A project role is removed' },
  {
    name: 'project.release.created',
    group: 'security',
    description: 'A project release is created',
  },
  // Herald's own (events/operational.ts): emitted by Herald, never accepted from a platform.
  {
    name: 'herald.destination.disabled',
    group: 'herald',
    description: 'Herald disabled a destination (410 Gone, or failing past the auto-disable limit)',
  },
  {
    name: 'herald.delivery.failed',
    group: 'herald',
    description: 'A delivery failed for good: its retry policy gave up',
  },
] as const;

export type EventType = (typeof EVENT_CATALOG)[number]['name'];

export const EVENT_TYPES = EVENT_CATALOG.map((entry) => entry.name) as [EventType, ...EventType[]];
