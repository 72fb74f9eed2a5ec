/**
 * Logs (pino): JSON lines, or human-readable lines (pino-pretty) when stdout is a terminal.
 * `LOG_FORMAT=json|pretty` overrides the guess. Credentials and tokens are redacted by key
 * wherever they appear; operation lines name the API key by its `keyName`, never the key.
 */
import { pino, type Logger } from 'pino';
import pretty from 'pino-pretty';

export type LogFormat = 'json' | 'pretty';

/** The format for the process's stdout: pretty for a person at a terminal, JSON for a log collector. */
export function logFormat(env: NodeJS.ProcessEnv = process.env, isTTY = process.stdout.isTTY === true): LogFormat {
  const chosen = env.LOG_FORMAT?.trim().toLowerCase();
  if (chosen === 'json' || chosen === 'pretty') return chosen;
  return isTTY ? 'pretty' : 'json';
}

export function createLogger(options: { level?: string; destination?: NodeJS.WritableStream; format?: LogFormat } = {}): Logger {
  const format = options.format ?? (options.destination ? 'json' : logFormat());
  const destination =
    format === 'pretty'
      ? // sync: a line is on the terminal before the process moves on (or exits).
        pretty({ sync: true, colorize: options.destination ? false : undefined, ignore: 'pid,hostname,service', translateTime: 'SYS:HH:MM:ss.l', destination: options.destination as never })
      : options.destination;
  return pino(
    {
      level: options.level ?? process.env.LOG_LEVEL ?? 'info',
      base: { service: 'backup-gateway' },
      redact: {
        paths: ['password', '*.password', '*.*.password', 'token', '*.token', 'key', '*.key', 'authorization', '*.authorization', '*.headers.authorization'],
        censor: '[redacted]',
      },
    },
    destination as never,
  );
}

export type { Logger };
