import type { RequestListener } from 'node:http';
import { createServer } from 'node:http';

export interface ListeningServer {
  port: number;
  /** Stops accepting; requests in flight finish, idle keep-alive sockets close. */
  close(): Promise<void>;
}

export async function listen(handler: RequestListener, port: number): Promise<ListeningServer> {
  const server = createServer(handler);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, () => resolve());
  });
  const address = server.address();
  return {
    port: typeof address === 'object' && address ? address.port : port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
      }),
  };
}
