import { orderedEnvelope, type EventEnvelope } from '../payload';

/**
 * DESIGN §5 `splunk-hec`: one Splunk HTTP Event Collector event per delivery, timed by the
 * event's occurredAt (unix seconds with milliseconds).
 */
export function renderSplunkHec(envelope: EventEnvelope): string {
  return JSON.stringify({
    time: Date.parse(envelope.timestamp) / 1000,
    source: 'herald',
    sourcetype: '_json',
    event: orderedEnvelope(envelope),
  });
}

/** HEC answers `{"text": "...", "code": n}`; a non-zero code refused the event. */
export function splunkRejection(body: Buffer): string | undefined {
  try {
    const answer = JSON.parse(body.toString('utf8')) as { text?: unknown; code?: unknown };
    if (typeof answer.code === 'number' && answer.code !== 0)
      return `code ${answer.code}${typeof answer.text === 'string' ? ` (${answer.text})` : ''}`;
  } catch {
    // Not HEC's JSON: the status code alone decides.
  }
  return undefined;
}
