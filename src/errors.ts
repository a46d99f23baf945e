/**
 * Typed failures that services throw. They know nothing of HTTP; `api/errorHandler.ts`
 * maps each to its status and problem type in one place.
 */
export interface FieldError {
  path: string;
  message: string;
}

export class ValidationError extends Error {
  constructor(
    readonly errors: FieldError[],
    message = 'The request is not valid.',
  ) {
    super(message);
  }
}

export class NotFoundError extends Error {
  constructor(readonly what: string) {
    super(`${what} was not found.`);
  }
}

export class ConflictError extends Error {}

/** A platform reached one of its limits (HERALD_MAX_DESTINATIONS); nothing was changed. */
export class QuotaExceededError extends Error {}

export class FeatureDisabledError extends Error {
  constructor() {
    super('Event streaming requires an enterprise plan with audit logs enabled');
  }
}

/** The caller has as much in flight as it may; it should retry after the delay. */
export class TooManyRequestsError extends Error {
  constructor(
    message: string,
    readonly retryAfterSeconds = 1,
  ) {
    super(message);
  }
}

/** A dependency (Postgres, Temporal) cannot serve the request now; the client should retry. */
export class UnavailableError extends Error {
  constructor(
    message: string,
    readonly retryAfterSeconds = 5,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}
