import { createHeraldClient } from '../../client/src';
import { TEST_ROOT_TOKEN } from '../support/herald';
import type { Receiver } from '../support/receiver';

export interface IngestRecord {
  /** Sent with the event, or (for half of them) the id Herald gave it in its 202. */
  id: string | undefined;
  firstSentAt: number;
  ackedAt?: number;
  tries: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A platform with `count` destinations, each at its own receiver path. */
export async function setUpPlatform(
  apiUrl: string,
  receiver: Receiver,
  prefix: string,
  count: number,
) {
  const root = createHeraldClient({ baseUrl: apiUrl, token: TEST_ROOT_TOKEN });
  const { data: created, error } = await root.POST('/v1/platforms', { body: { name: prefix } });
  if (error) throw new Error(`platform not created: ${error.detail}`);
  const { admin, ingest } = created.apiKeys;
  const asAdmin = createHeraldClient({ baseUrl: apiUrl, token: admin });
  const paths: string[] = [];
  for (let i = 0; i < count; i++) {
    const hookPath = `/${prefix}/d${i}`;
    await asAdmin.POST('/v1/event-destinations', {
      body: { url: receiver.url(hookPath), events: ['flow.created'] },
    });
    paths.push(hookPath);
  }
  return { platformId: created.platform.id, admin, ingest, paths };
}

/**
 * Sends `total` events, `concurrency` at a time. Every second event carries no id, as many
 * platforms send them: Herald names it. Like a careful client, it retries an event (with the
 * same id, when it has one) until it gets a 2xx; an id-less retry after a lost answer makes a
 * second event, which is the client's doing. `onAcked` lets a scenario inject its fault.
 */
export async function driveEvents(options: {
  apiUrl: () => string;
  ingestKey: string;
  prefix: string;
  total: number;
  concurrency: number;
  deadlineMs: number;
  onAcked: (acked: number) => void;
}): Promise<IngestRecord[]> {
  const records: IngestRecord[] = Array.from({ length: options.total }, (_, i) => ({
    id: i % 2 === 0 ? `${options.prefix}-${i}` : undefined,
    firstSentAt: 0,
    tries: 0,
  }));
  const deadline = Date.now() + options.deadlineMs;
  let next = 0;
  let acked = 0;
  async function lane(): Promise<void> {
    while (next < records.length) {
      const record = records[next++]!;
      record.firstSentAt = Date.now();
      while (record.ackedAt === undefined && Date.now() < deadline) {
        record.tries += 1;
        try {
          const client = createHeraldClient({
            baseUrl: options.apiUrl(),
            token: options.ingestKey,
          });
          const { data: accepted } = await client.POST('/v1/events', {
            body: {
              ...(record.id === undefined ? {} : { id: record.id }),
              type: 'flow.created',
              data: { prefix: options.prefix },
            },
          });
          if (accepted) {
            record.id = accepted.id;
            record.ackedAt = Date.now();
            options.onAcked(++acked);
            break;
          }
        } catch {
          // The API is down or the connection broke: the same id goes again.
        }
        await sleep(200);
      }
    }
  }
  await Promise.all(Array.from({ length: options.concurrency }, lane));
  return records;
}
