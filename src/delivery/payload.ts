import type { EventRow } from './repository';

/** The JSON body a destination receives (DESIGN §5). Key order is fixed so bodies are stable. */
export interface EventEnvelope {
  id: string;
  type: string;
  timestamp: string;
  platformId: string;
  projectId: string | null;
  data: Record<string, unknown>;
}

export function renderBody(envelope: EventEnvelope): string {
  const { id, type, timestamp, platformId, projectId, data } = envelope;
  return JSON.stringify({ id, type, timestamp, platformId, projectId, data });
}

const ENVELOPE_COLUMNS = [
  'id',
  'type',
  'occurred_at',
  'platform_id',
  'project_id',
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
    data: event.data,
  };
}
