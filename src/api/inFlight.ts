import type { NextFunction, Request, Response } from 'express';
import { UnavailableError } from '../errors';

/**
 * Caps the requests a route serves at once in this process. Past the cap the answer is an
 * immediate 503 with Retry-After, so overload is answered in milliseconds instead of queueing
 * behind the database pool until the client gives up.
 */
export function limitInFlight(max: number) {
  let inFlight = 0;
  return (req: Request, res: Response, next: NextFunction): void => {
    // Under overload a request can reach this guard after its client gave up (the answer's
    // 'close' already fired, and no 'finish' will): counting it would hold a slot for good.
    // Nobody waits for its answer, and storing its event would only make a twin of the retry.
    if (req.socket.destroyed) return;
    if (inFlight >= max) {
      throw new UnavailableError(
        `This API process is serving ${max} such requests already; retry shortly.`,
        1,
      );
    }
    inFlight++;
    let released = false;
    const release = () => {
      if (released) return;
      released = true;
      inFlight--;
    };
    res.on('finish', release);
    res.on('close', release);
    next();
  };
}
