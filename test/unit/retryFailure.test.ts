import {
  ApplicationFailureCategory,
  DefaultFailureConverter,
  defaultPayloadConverter,
} from '@temporalio/common';
import { temporal } from '@temporalio/proto';
import { ACTIVITY_FAILURE_TYPES } from '../../src/temporal/contracts';
import { retryFailure } from '../../src/temporal/retryFailure';

const encode = (error: Error) =>
  new DefaultFailureConverter().errorToFailure(error, defaultPayloadConverter);

it('asks for a retry as a benign failure of the retryable type, with the receiver’s delay when it gave one', () => {
  const paced = retryFailure('attempt 2: HTTP 429', 30_000);
  expect(paced).toMatchObject({
    message: 'attempt 2: HTTP 429',
    type: ACTIVITY_FAILURE_TYPES.retryable,
    category: ApplicationFailureCategory.BENIGN,
    nextRetryDelay: 30_000,
    nonRetryable: false,
  });
  expect(retryFailure('attempt 1: HTTP 500').nextRetryDelay).toBeUndefined();
});

it('carries a one-line stack, so nothing formats frames through source maps when it is sent', () => {
  const failure = retryFailure('attempt 1: timeout');
  expect(failure.stack).toBe('ApplicationFailure: attempt 1: timeout');
  const encoded = encode(failure);
  expect(encoded.stackTrace).toBe('ApplicationFailure: attempt 1: timeout');
  expect(encoded.applicationFailureInfo?.category).toBe(
    temporal.api.enums.v1.ApplicationErrorCategory.APPLICATION_ERROR_CATEGORY_BENIGN,
  );
});
