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
