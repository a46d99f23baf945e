import type { AttemptOutcome } from '../temporal/contracts';
import { classifyResponse } from './classify';
import type { DestinationFormat } from './formats';
import type { SendResult } from './httpSender';
import type { AttemptRecord } from './repository';

/** What an attempt's result means, what of it is recorded, and its metrics label. */
export function judge(
  result: SendResult,
  maxRetryIntervalMs: number,
  format: DestinationFormat,
): {
  outcome: AttemptOutcome;
  record: Omit<AttemptRecord, 'startedAt' | 'durationMs'>;
  label: 'succeeded' | 'retry' | 'gone' | 'refused' | 'rejected';
} {
  if (result.kind === 'refused') {
    // A refused address stays refused: retrying cannot help.
    const outcome = { kind: 'final', status: 'failed' } as const;
    return { outcome, record: { error: result.error, errorCode: 'blocked' }, label: 'refused' };
  }
  if (result.kind === 'error') {
    return {
      outcome: { kind: 'retry', reason: result.error },
      record: { error: result.error, errorCode: result.code },
      label: 'retry',
    };
  }
  const answered = { statusCode: result.statusCode, responseBody: result.bodySnippet };
  // Every answer that is not a success is an http-status failure, whatever it leads to.
  const record = { ...answered, errorCode: 'http-status' as const };
  const verdict = classifyResponse(result.statusCode, result.retryAfter, {
    now: new Date(),
    maxIntervalMs: maxRetryIntervalMs,
    format,
    body: result.bodyBytes,
  });
  switch (verdict.kind) {
    case 'succeeded':
      return {
        outcome: { kind: 'final', status: 'succeeded' },
        record: answered,
        label: 'succeeded',
      };
    case 'rejected':
      return {
        outcome: { kind: 'final', status: 'failed' },
        record: { ...record, error: verdict.reason },
        label: 'rejected',
      };
    case 'gone':
      return {
        outcome: { kind: 'final', status: 'failed' },
        record: { ...record, error: 'receiver answered 410 Gone; destination disabled' },
        label: 'gone',
      };
    case 'retry': {
      const { reason, retryAfterMs } = verdict;
      return { outcome: { kind: 'retry', reason, retryAfterMs }, record, label: 'retry' };
    }
  }
}
