import { EventEmitter } from 'node:events';
import type { Request, Response } from 'express';
import { limitInFlight } from '../../src/api/inFlight';
import { UnavailableError } from '../../src/errors';

const request = {} as Request;
const response = () => new EventEmitter() as unknown as Response;

it('answers 503 with Retry-After past the cap, and lets the next one in once one ends', () => {
  const guard = limitInFlight(2);
  const next = jest.fn();
  const first = response();
  guard(request, first, next);
  guard(request, response(), next);
  expect(next).toHaveBeenCalledTimes(2);

  let refused: unknown;
  try {
    guard(request, response(), next);
  } catch (error) {
    refused = error;
  }
  expect(refused).toBeInstanceOf(UnavailableError);
  expect((refused as UnavailableError).retryAfterSeconds).toBe(1);

  // 'finish' and then 'close' on the same answer release one slot, not two.
  first.emit('finish');
  first.emit('close');
  guard(request, response(), next);
  expect(next).toHaveBeenCalledTimes(3);
  expect(() => guard(request, response(), next)).toThrow(UnavailableError);
});
