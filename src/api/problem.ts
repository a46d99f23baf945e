import type { Response } from 'express';
import type { FieldError } from '../errors';

/** RFC 9457 problem details, as every error answer of the API is shaped. */
export const PROBLEM_TYPE_BASE = 'https://herald.dev/problems/';

export class HttpProblem extends Error {
  constructor(
    readonly status: number,
    readonly slug: string,
    readonly title: string,
    readonly detail?: string,
    readonly errors?: FieldError[],
    readonly headers: Record<string, string> = {},
  ) {
    super(detail ?? title);
  }

  toJSON(): Record<string, unknown> {
    return {
      type: PROBLEM_TYPE_BASE + this.slug,
      title: this.title,
      status: this.status,
      ...(this.detail === undefined ? {} : { detail: this.detail }),
      ...(this.errors === undefined ? {} : { errors: this.errors }),
    };
  }
}

/** Writes a problem as the answer: its status, headers and problem+json body. */
export function sendProblem(res: Response, problem: HttpProblem): void {
  res
    .status(problem.status)
    .set(problem.headers)
    .type('application/problem+json')
    .send(JSON.stringify(problem));
}

/** Problems raised by the HTTP layer itself (auth, body parsing); services throw `errors.ts`. */
export const httpProblems = {
  malformedJson: (detail: string) =>
    new HttpProblem(400, 'malformed-json', 'Malformed JSON', detail, [
      { path: '', message: detail },
    ]),
  unauthenticated: () =>
    new HttpProblem(
      401,
      'unauthenticated',
      'Unauthenticated',
      'A valid bearer key is required.',
      undefined,
      {
        'www-authenticate': 'Bearer',
      },
    ),
  forbidden: (detail: string) => new HttpProblem(403, 'forbidden', 'Forbidden', detail),
  routeNotFound: () => new HttpProblem(404, 'not-found', 'Not found', 'No such route.'),
  undecodablePath: () =>
    new HttpProblem(400, 'validation-failed', 'Validation failed', 'The path is not valid.', [
      { path: 'path', message: 'holds a percent-escape that is not UTF-8' },
    ]),
  tooLarge: () =>
    new HttpProblem(
      413,
      'payload-too-large',
      'Payload too large',
      'The body must be at most 256 KiB.',
    ),
  rateLimited: (
    retryAfterSeconds: number,
    detail = 'This key sent more requests than its limit allows; retry after the Retry-After delay.',
  ) =>
    new HttpProblem(429, 'rate-limited', 'Too many requests', detail, undefined, {
      'retry-after': String(retryAfterSeconds),
    }),
  unsupportedMediaType: () =>
    new HttpProblem(
      415,
      'unsupported-media-type',
      'Unsupported media type',
      'The body must be application/json.',
    ),
};
