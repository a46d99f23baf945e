import type { EventRow } from './repository';

/** Who did it, as an Activepieces audit event says (DESIGN §4): beside projectId when given. */
export const ACTOR_FIELDS = ['userId', 'userEmail', 'ip', 'projectDisplayName'] as const;
export type EventActor = Partial<Record<(typeof ACTOR_FIELDS)[number], string>>;

/** The JSON body a destination receives (DESIGN §5). Key order is fixed so bodies are stable. */
export interface EventEnvelope extends EventActor {
  id: string;
  type: string;
  timestamp: string;
  platformId: string;
  projectId: string | null;
  data: Record<string, unknown>;
}

/** The envelope's fields in their fixed order; actor fields only where the event has them. */
export function orderedEnvelope(envelope: EventEnvelope): Record<string, unknown> {
  const { id, type, timestamp, platformId, projectId, data } = envelope;
  const actor = Object.fromEntries(
    ACTOR_FIELDS.filter((field) => envelope[field] !== undefined).map((field) => [
      field,
      envelope[field],
    ]),
  );
  return { id, type, timestamp, platformId, projectId, ...actor, data };
}

export function renderBody(envelope: EventEnvelope): string {
  return JSON.stringify(orderedEnvelope(envelope));
}

const ENVELOPE_COLUMNS = [
  'id',
  'type',
  'occurred_at',
  'platform_id',
  'project_id',
  'actor',
  'data',
] as const;

/** The columns of `events` (under `alias`) an envelope is made of, for a select. */
export function envelopeColumns(alias: string): string[] {
  return ENVELOPE_COLUMNS.map((column) => `${alias}.${column}`);
}

/** What an event's envelope is made of: the stored event's fields. */
export type EnvelopeSource = Pick<EventRow, (typeof ENVELOPE_COLUMNS)[number]>;

export function envelopeOf(event: EnvelopeSource): EventEnvelope {
  return {
    id: event.id,
    type: event.type,
    timestamp: event.occurred_at.toISOString(),
    platformId: event.platform_id,
    projectId: event.project_id,
    ...(event.actor ?? {}),
    data: event.data,
  };
}
