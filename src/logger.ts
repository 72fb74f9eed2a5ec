/** Structured JSON logs (pino). Credentials and tokens are redacted by key wherever they appear. */
import { pino, type Logger } from 'pino';

export function createLogger(options: { level?: string; destination?: NodeJS.WritableStream } = {}): Logger {
  return pino(
    {
      level: options.level ?? process.env.LOG_LEVEL ?? 'info',
      base: { service: 'backup-gateway' },
      redact: {
        paths: ['password', '*.password', '*.*.password', 'token', '*.token', 'key', '*.key', 'authorization', '*.authorization', '*.headers.authorization'],
        censor: '[redacted]',
      },
    },
    options.destination as never,
  );
}

export type { Logger };
