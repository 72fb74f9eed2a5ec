/**
 * The OperationBus over Redis: updates on one pub/sub channel, leases as keys with an expiry
 * (SET NX PX; renewed and released only by their holder, atomically in Lua). Every message
 * names the instance that sent it, so an instance skips its own (it delivered them already).
 *
 * When Redis fails at run time the gateway keeps serving: publishing is skipped (local
 * subscribers are told directly anyway) and a lease that cannot be checked counts as held, so
 * each instance polls for its own subscribers. Duplicate polls are better than silent streams.
 */
import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import type { Logger } from '../logger.js';
import { redact } from '../upstream/redact.js';
import type { Operation } from '../domain/model.js';
import { decodeOperation, encodeOperation, type OperationBus } from './bus.js';

const CHANNEL = 'backup-gateway:operations';
const LEASE_PREFIX = 'backup-gateway:lease:';

const RENEW = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('pexpire', KEYS[1], ARGV[2]) end
return redis.call('set', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2]) and 1 or 0`;
const RELEASE = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) end return 0`;

export class RedisBus implements OperationBus {
  /** This instance's name in messages and leases. */
  readonly instanceId = randomUUID();
  private readonly listeners: Array<(operation: Operation) => void> = [];
  private warned = false;

  private constructor(
    private readonly commands: Redis,
    private readonly subscriber: Redis,
    private readonly logger: Logger,
  ) {
    subscriber.on('message', (_channel: string, message: string) => this.receive(message));
  }

  /** Connect both clients; a Redis that cannot be reached stops start-up with a clear error. */
  static async connect(url: string, logger: Logger): Promise<RedisBus> {
    const options = { lazyConnect: true, enableOfflineQueue: false, maxRetriesPerRequest: 1, connectTimeout: 5_000 };
    const commands = new Redis(url, options);
    const subscriber = new Redis(url, { ...options, enableOfflineQueue: true });
    let cause: Error | undefined;
    for (const client of [commands, subscriber]) {
      client.on('error', (error: Error) => {
        cause ??= error;
        logger.debug({ err: error.message }, 'redis connection error');
      });
    }
    try {
      await Promise.all([commands.connect(), subscriber.connect()]);
      await subscriber.subscribe(CHANNEL);
    } catch (error) {
      commands.disconnect();
      subscriber.disconnect();
      const why = redact((cause ?? (error as Error)).message, [passwordOf(url)]);
      throw new Error(`cannot reach Redis at ${redactUrl(url)}: ${why}`);
    }
    return new RedisBus(commands, subscriber, logger);
  }

  publish(operation: Operation): void {
    const message = JSON.stringify({ from: this.instanceId, operation: encodeOperation(operation) });
    this.commands.publish(CHANNEL, message).catch((error: Error) => this.degraded('publish', error));
  }

  health(): 'UP' | 'DOWN' {
    return this.commands.status === 'ready' && this.subscriber.status === 'ready' ? 'UP' : 'DOWN';
  }

  subscribe(listener: (operation: Operation) => void): void {
    this.listeners.push(listener);
  }

  async lease(key: string, ttlMs: number): Promise<boolean> {
    try {
      return (await this.commands.eval(RENEW, 1, LEASE_PREFIX + key, this.instanceId, String(ttlMs))) === 1;
    } catch (error) {
      this.degraded('lease', error as Error);
      return true;
    }
  }

  async release(key: string): Promise<void> {
    await this.commands.eval(RELEASE, 1, LEASE_PREFIX + key, this.instanceId).catch(() => undefined);
  }

  /** Leases are handed back before this (tracker.close); a QUIT could wait forever for a Redis that is gone. */
  async close(): Promise<void> {
    this.commands.disconnect();
    this.subscriber.disconnect();
  }

  private receive(message: string): void {
    try {
      const { from, operation } = JSON.parse(message) as { from: string; operation: string };
      if (from === this.instanceId) return;
      const decoded = decodeOperation(operation);
      this.listeners.forEach((listener) => listener(decoded));
    } catch (error) {
      this.logger.warn({ err: (error as Error).message }, 'ignored a malformed operation update from Redis');
    }
  }

  /** Warn once per outage; `recovered` is logged when a command works again. */
  private degraded(what: string, error: Error): void {
    if (this.warned) return;
    this.warned = true;
    this.logger.warn({ err: error.message, what }, 'Redis is unreachable: updates stay on this instance and it polls for its own subscribers');
    this.commands.once('ready', () => {
      this.warned = false;
      this.logger.info('Redis is reachable again: operation updates are shared across instances');
    });
  }
}

function passwordOf(url: string): string | undefined {
  try {
    return decodeURIComponent(new URL(url).password) || undefined;
  } catch {
    return undefined;
  }
}

/** The URL without its password, for messages. */
function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return 'the configured URL';
  }
}
