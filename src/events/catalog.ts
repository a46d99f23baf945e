import { dataSchemaOf } from './dataSchemas';

/** DESIGN §3: Activepieces' own audit-event names, so a platform can forward them unchanged. */
const CATALOG_ENTRIES = [
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
  // Activepieces' other audit events (DESIGN §3): a platform forwards all of them.
  { name: 'flow.published', group: 'flow', description: 'A flow version is published' },
  { name: 'flow.activated', group: 'flow', description: 'A flow is turned on' },
  { name: 'flow.deactivated', group: 'flow', description: 'A flow is turned off' },
  { name: 'flow.pieces.upgraded', group: 'flow', description: 'A flow’s pieces are upgraded' },
  {
    name: 'flow.pieces.reverted',
    group: 'flow',
    description: 'A flow’s pieces are reverted to earlier versions',
  },
  { name: 'flow.run.retried', group: 'flow', description: 'A flow execution is retried' },
  {
    name: 'flow.approval.requested',
    group: 'approval',
    description: 'A flow asks for an approval',
  },
  { name: 'flow.approval.granted', group: 'approval', description: 'An approval is granted' },
  { name: 'flow.approval.rejected', group: 'approval', description: 'An approval is rejected' },
  {
    name: 'flow.approval.withdrawn',
    group: 'approval',
    description: 'An approval request is withdrawn',
  },
  { name: 'agent.created', group: 'agent', description: 'An agent is created' },
  { name: 'agent.updated', group: 'agent', description: 'An agent is modified' },
  { name: 'agent.deleted', group: 'agent', description: 'An agent is removed' },
  { name: 'agent.published', group: 'agent', description: 'An agent is published' },
  { name: 'agent.unpublished', group: 'agent', description: 'An agent is unpublished' },
  { name: 'agent.action.executed', group: 'agent', description: 'An agent runs an action' },
  {
    name: 'variable.upserted',
    group: 'variable',
    description: 'A variable is created or updated',
  },
  { name: 'variable.deleted', group: 'variable', description: 'A variable is removed' },
  {
    name: 'variable.value.revealed',
    group: 'variable',
    description: 'A variable’s secret value is revealed',
  },
  { name: 'project.replaced', group: 'project', description: 'A project is replaced by a release' },
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

export type EventType = (typeof CATALOG_ENTRIES)[number]['name'];

/** What `GET /v1/event-types` answers: each entry, with a JSON Schema of `data` where known. */
export const EVENT_CATALOG = CATALOG_ENTRIES.map((entry) => {
  const dataSchema = dataSchemaOf(entry.name);
  return dataSchema ? { ...entry, dataSchema } : { ...entry };
});

export const EVENT_TYPES = CATALOG_ENTRIES.map((entry) => entry.name) as [
  EventType,
  ...EventType[],
];
