import type { RequestListener } from 'node:http';
import { createServer } from 'node:http';

export interface ListeningServer {
  port: number;
  /** Stops accepting; requests in flight finish, keep-alive sockets close after their next answer. */
  close(): Promise<void>;
}

export async function listen(handler: RequestListener, port: number): Promise<ListeningServer> {
  let closing = false;
  const server = createServer((req, res) => {
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
