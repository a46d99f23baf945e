import pino, { type Logger } from 'pino';

export type { Logger };

/** Secrets must never reach logs; these paths are redacted wherever they appear. */
const REDACTED_PATHS = [
  'signingSecret',
  '*.signingSecret',
  'headers',
  '*.headers',
  'authorization',
  '*.authorization',
  'req.headers.authorization',
  'rootToken',
  'secretKey',
];

export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino({ level, redact: { paths: REDACTED_PATHS, censor: '[redacted]' } }, destination);
}
