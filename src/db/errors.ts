/**
 * Errors that mean "Postgres cannot be reached right now" rather than "this query is wrong":
 * connection refused or reset, the server shutting down or starting, the pool timing out.
 */
const UNAVAILABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  '57P01', // admin_shutdown
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now
  '08000', // connection_exception
  '08001', // sqlclient_unable_to_establish_sqlconnection
  '08003', // connection_does_not_exist
  '08006', // connection_failure
]);

export function isDatabaseUnavailable(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  if (error.name === 'KnexTimeoutError') return true;
  const { code } = error as Error & { code?: string };
  if (code !== undefined && UNAVAILABLE_CODES.has(code)) return true;
  return /Connection terminated|connection is not open|Client has encountered a connection error/i.test(
    error.message,
  );
}
