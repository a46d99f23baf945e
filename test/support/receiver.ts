import { readFileSync } from 'node:fs';
import type http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { RECEIVER_CERT, RECEIVER_KEY } from './environment';

export interface ReceivedRequest {
  path: string;
  headers: Record<string, string>;
  body: string;
  /** The bytes as they came (gzip-encoded or protobuf bodies are not text). */
  rawBody: Buffer;
  receivedAt: number;
}

export interface ScriptedAnswer {
  status: number;
  headers?: Record<string, string>;
  body?: string;
}

/**
 * A real HTTPS receiver (self-signed certificate, trusted through NODE_EXTRA_CA_CERTS) that
 * records every request and answers each path from a script, then 200.
 */
export async function startReceiver() {
  const received: ReceivedRequest[] = [];
  const scripts = new Map<string, ScriptedAnswer[]>();
  let delayMs = 0;
  const server = https.createServer(
    { cert: readFileSync(RECEIVER_CERT), key: readFileSync(RECEIVER_KEY) },
    (req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        const path = req.url ?? '/';
        received.push({
          path,
          headers: Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, String(v)])),
          body: Buffer.concat(chunks).toString('utf8'),
          rawBody: Buffer.concat(chunks),
          receivedAt: Date.now(),
        });
        const answer = scripts.get(path)?.shift() ?? { status: 200 };
        const respond = () => {
          res.writeHead(answer.status, answer.headers ?? {});
          res.end(answer.body ?? 'ok');
        };
        if (delayMs > 0) setTimeout(respond, delayMs);
        else respond();
      });
    },
  );
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const close = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });

  return {
    url: (path: string) => `https://localhost:${port}${path}`,
    /** Answers the next requests to `path` in this order; later ones get 200. */
    script: (path: string, answers: ScriptedAnswer[]) => scripts.set(path, [...answers]),
    requests: (path: string) => received.filter((request) => request.path === path),
    all: () => received,
    /** Answers every request this much later (to outlast a delivery timeout). */
    setDelay: (ms: number) => {
      delayMs = ms;
    },
    /** Stops listening: connections are refused until `up`. */
    down: close,
    up: () => new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve)),
    stop: close,
  };
}

export type Receiver = Awaited<ReturnType<typeof startReceiver>>;

/** An HTTPS host that accepts requests and never answers them: a hanging receiver. */
export async function startTarpit() {
  const held: http.ServerResponse[] = [];
  const arrivedAt: number[] = [];
  const server = https.createServer(
    { cert: readFileSync(RECEIVER_CERT), key: readFileSync(RECEIVER_KEY) },
    (_req, res) => {
      held.push(res);
      arrivedAt.push(Date.now());
    },
  );
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: (path: string) => `https://localhost:${port}${path}`,
    /** Requests it holds right now. */
    holding: () => held.filter((res) => !res.destroyed && !res.writableEnded).length,
    /** When each request it was sent arrived (epoch ms). */
    arrivals: (): readonly number[] => arrivedAt,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
