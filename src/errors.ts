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

export class FeatureDisabledError extends Error {
  constructor() {
    super('Event streaming requires an enterprise plan with audit logs enabled');
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
