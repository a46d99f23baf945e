import { EventEmitter, once } from 'node:events';
import type { AddressInfo } from 'node:net';
import express from 'express';
import type { Request, Response } from 'express';
import { limitInFlight } from '../../src/api/inFlight';
import { UnavailableError } from '../../src/errors';

const request = { socket: { destroyed: false } } as Request;
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

it('does not count a request whose client left before the guard ran (over real HTTP)', async () => {
  const guard = limitInFlight(1);
  const handled: string[] = [];
  const app = express();
  // Stands in for an event loop so busy that the client's deadline passes before the guard.
  app.use((req, _res, next) => {
    if (req.path !== '/abandoned') return next();
    if (req.socket.destroyed) return next();
    req.socket.once('close', () => next());
  });
  app.use(guard, (req, res) => {
    handled.push(req.path);
    res.json({ ok: true });
  });
  const server = app.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  try {
    for (let i = 0; i < 3; i++) {
      await expect(
        fetch(`http://127.0.0.1:${port}/abandoned`, { signal: AbortSignal.timeout(100) }),
      ).rejects.toThrow();
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
    const answer = await fetch(`http://127.0.0.1:${port}/after`);
    expect(answer.status).toBe(200);
    expect(handled).toEqual(['/after']);
  } finally {
    server.closeAllConnections();
    server.close();
  }
});
