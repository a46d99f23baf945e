import { apiClient, TEST_ROOT_TOKEN } from '../support/herald';
import type { Receiver } from '../support/receiver';

export interface IngestRecord {
  id: string;
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
  const platform = await apiClient(apiUrl)('POST', '/v1/platforms', {
    token: TEST_ROOT_TOKEN,
    body: { name: prefix },
  });
  const { admin, ingest } = platform.body.apiKeys as { admin: string; ingest: string };
  const paths: string[] = [];
  for (let i = 0; i < count; i++) {
    const hookPath = `/${prefix}/d${i}`;
    await apiClient(apiUrl)('POST', '/v1/event-destinations', {
      token: admin,
      body: {
        url: receiver.url(hookPath),
        events: ['flow.created'],
      },
    });
    paths.push(hookPath);
  }
  return { ingest, paths };
}

/**
 * Sends `total` events, `concurrency` at a time. Like a careful client, it retries an event with
 * the same id until it gets a 2xx; `onAcked` lets a scenario inject its fault mid-stream.
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
    id: `${options.prefix}-${i}`,
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
          const answer = await apiClient(options.apiUrl())('POST', '/v1/events', {
            token: options.ingestKey,
            body: {
              id: record.id,
              type: 'flow.created',
              data: { id: record.id },
            },
          });
          if (answer.status >= 200 && answer.status < 300) {
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
