import { judge } from '../../src/delivery/judgement';
import type { SendResult } from '../../src/delivery/httpSender';

const answer = (statusCode: number, retryAfter?: string): SendResult => ({
  kind: 'response',
  statusCode,
  ...(retryAfter === undefined ? {} : { retryAfter }),
  bodySnippet: 'body',
  bodyBytes: Buffer.from('body'),
  durationMs: 5,
});
const HOUR = 3_600_000;

describe('judge', () => {
  it('a refused address fails for good, recorded as blocked', () => {
    const judged = judge({ kind: 'refused', error: 'refused', durationMs: 0 }, HOUR, 'webhook');
    expect(judged).toEqual({
      outcome: { kind: 'final', status: 'failed' },
      record: { error: 'refused', errorCode: 'blocked' },
      label: 'refused',
    });
  });

  it('a transport error is retried with its code', () => {
    const judged = judge(
      { kind: 'error', error: 'timed out', code: 'timeout', durationMs: 10 },
      HOUR,
      'webhook',
    );
    expect(judged.outcome).toEqual({ kind: 'retry', reason: 'timed out' });
    expect(judged.record).toEqual({ error: 'timed out', errorCode: 'timeout' });
    expect(judged.label).toBe('retry');
  });

  it('a 2xx succeeds and records the answer without an error code', () => {
    const judged = judge(answer(204), HOUR, 'webhook');
    expect(judged.outcome).toEqual({ kind: 'final', status: 'succeeded' });
    expect(judged.record).toEqual({ statusCode: 204, responseBody: 'body' });
    expect(judged.label).toBe('succeeded');
  });

  it('410 fails for good and says the destination is disabled', () => {
    const judged = judge(answer(410), HOUR, 'webhook');
    expect(judged.outcome).toEqual({ kind: 'final', status: 'failed' });
    expect(judged.record.errorCode).toBe('http-status');
    expect(judged.label).toBe('gone');
  });

  it('503 with Retry-After is retried after the delay asked for', () => {
    const judged = judge(answer(503, '120'), HOUR, 'webhook');
    expect(judged.outcome).toMatchObject({ kind: 'retry', retryAfterMs: 120_000 });
    expect(judged.record).toMatchObject({ statusCode: 503, errorCode: 'http-status' });
    expect(judged.label).toBe('retry');
  });
});
