import { readFileSync } from 'node:fs';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { RECEIVER_CERT, RECEIVER_KEY } from './environment';

export interface ReceivedRequest {
  path: string;
  headers: Record<string, string>;
  body: string;
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
          receivedAt: Date.now(),
        });
        const answer = scripts.get(path)?.shift() ?? { status: 200 };
        res.writeHead(answer.status, answer.headers ?? {});
        res.end(answer.body ?? 'ok');
      });
    },
  );
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: (path: string) => `https://localhost:${port}${path}`,
    /** Answers the next requests to `path` in this order; later ones get 200. */
    script: (path: string, answers: ScriptedAnswer[]) => scripts.set(path, [...answers]),
    requests: (path: string) => received.filter((request) => request.path === path),
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export type Receiver = Awaited<ReturnType<typeof startReceiver>>;
