import type { ErrorRequestHandler } from 'express';
import type { Logger } from 'pino';
import {
  ConflictError,
  FeatureDisabledError,
  NotFoundError,
  QuotaExceededError,
  TooManyRequestsError,
  UnavailableError,
  ValidationError,
} from '../errors';
import { isDatabaseUnavailable } from '../db/errors';
import { HttpProblem, httpProblems, sendProblem } from './problem';

interface BodyParserError {
  type: string;
  message: string;
}

function isBodyParserError(error: unknown): error is BodyParserError {
  return (
    typeof error === 'object' &&
    error !== null &&
    typeof (error as BodyParserError).type === 'string'
  );
}

/** At most this many field errors in one answer, so a huge bad body cannot make a huger answer. */
export const MAX_FIELD_ERRORS = 20;
const MAX_FIELD_TEXT = 200;

function clip(text: string): string {
  return text.length <= MAX_FIELD_TEXT ? text : `${text.slice(0, MAX_FIELD_TEXT)}…`;
}

function validationProblem(error: ValidationError): HttpProblem {
  const shown = error.errors
    .slice(0, MAX_FIELD_ERRORS)
    .map(({ path, message }) => ({ path: clip(path), message: clip(message) }));
  const hidden = error.errors.length - shown.length;
  const detail =
    hidden > 0 ? `${error.message} ${hidden} more errors are not shown.` : error.message;
  return new HttpProblem(400, 'validation-failed', 'Validation failed', detail, shown);
}

/** The one place where a failure becomes an HTTP status. */
export function toProblem(error: unknown): HttpProblem | undefined {
  if (error instanceof HttpProblem) return error;
  // The router decodes path parameters before any handler runs; `%ZZ` is the client's mistake.
  if (error instanceof URIError) return httpProblems.undecodablePath();
  if (error instanceof ValidationError) return validationProblem(error);
  if (error instanceof NotFoundError)
    return new HttpProblem(404, 'not-found', 'Not found', error.message);
  if (error instanceof ConflictError)
    return new HttpProblem(409, 'conflict', 'Conflict', error.message);
  if (error instanceof QuotaExceededError)
    return new HttpProblem(409, 'quota-exceeded', 'Quota exceeded', error.message);
  if (error instanceof TooManyRequestsError)
    return httpProblems.rateLimited(error.retryAfterSeconds, error.message);
  if (error instanceof FeatureDisabledError) {
    return new HttpProblem(403, 'feature-disabled', 'Feature disabled', error.message);
  }
  if (error instanceof UnavailableError) {
    return new HttpProblem(503, 'unavailable', 'Service unavailable', error.message, undefined, {
      'retry-after': String(error.retryAfterSeconds),
    });
  }
  if (isDatabaseUnavailable(error)) {
    return toProblem(new UnavailableError('The database cannot be reached; retry.'));
  }
  if (isBodyParserError(error)) {
    switch (error.type) {
      case 'entity.parse.failed':
        return httpProblems.malformedJson(`The body is not valid JSON: ${error.message}`);
      case 'entity.too.large':
        return httpProblems.tooLarge();
      case 'encoding.unsupported':
      case 'charset.unsupported':
        return httpProblems.unsupportedMediaType();
      case 'request.aborted':
      case 'request.size.invalid':
        return httpProblems.malformedJson('The body ended before its declared length.');
    }
  }
  return undefined;
}

export function errorHandler(logger: Logger): ErrorRequestHandler {
  return (error, req, res, _next) => {
    const problem =
      toProblem(error) ??
      new HttpProblem(500, 'internal', 'Internal error', 'Something went wrong on our side.');
    if (problem.status >= 500)
      logger.error(
        { err: error, requestId: res.locals.requestId, method: req.method, path: req.path },
        'request failed',
      );
    sendProblem(res, problem);
  };
}
