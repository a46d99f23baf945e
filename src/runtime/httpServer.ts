import type { RequestListener } from 'node:http';
import { createServer } from 'node:http';

export interface ListeningServer {
  port: number;
  /** Stops accepting; requests in flight finish, keep-alive sockets close after their next answer. */
  close(): Promise<void>;
}

/**
 * A client gets this long to send its headers, and this long for the whole request, before the
 * server answers 408 and closes: a trickled request cannot hold a connection for Node's 300 s.
 */
export const HEADERS_TIMEOUT_MS = 10_000;
export const REQUEST_TIMEOUT_MS = 30_000;

export async function listen(handler: RequestListener, port: number): Promise<ListeningServer> {
  let closing = false;
  const serverOptions = {
    headersTimeout: HEADERS_TIMEOUT_MS,
    requestTimeout: REQUEST_TIMEOUT_MS,
    // Node checks those timeouts this often (30 s by default, longer than the first of them).
    connectionsCheckingInterval: 1_000,
  };
  const server = createServer(serverOptions, (req, res) => {
    // A busy keep-alive client would otherwise keep its socket, and the close, going for ever.
    if (closing) res.setHeader('connection', 'close');
    handler(req, res);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, () => resolve());
  });
  const address = server.address();
  return {
    port: typeof address === 'object' && address ? address.port : port,
    close: () =>
      new Promise<void>((resolve) => {
        closing = true;
        server.close(() => resolve());
        server.closeIdleConnections();
      }),
  };
}
