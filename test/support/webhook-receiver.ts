/**
 * A real webhook receiver on loopback (node:http): records every POST, verifies its signature
 * with the `standardwebhooks` library and the secret it is given, and answers with the statuses
 * queued in `refuse` (then 200). `stop()` and `listen()` again on the same port model a receiver
 * that is down for a while.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';

export interface ReceivedWebhook {
  id: string;
  headers: Record<string, string>;
  body: string;
  /** The parsed body when the signature verified; undefined when it did not. */
  verified?: { type: string; timestamp: string; data: { alert: Record<string, unknown> & { id: string; kind: string; state: string } } };
  /** The status the receiver answered. */
  answered: number;
}

export class WebhookReceiver {
  readonly received: ReceivedWebhook[] = [];
  /** Statuses for the next requests, in order (e.g. [503, 503]); then 200. */
  refuse: number[] = [];
  private server?: Server;
  private port = 0;

  constructor(private readonly secret: string) {}

  get url(): string {
    return `http://127.0.0.1:${this.port}/hooks/backups`;
  }

  async listen(): Promise<void> {
    const server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        const body = Buffer.concat(chunks).toString('utf8');
        const headers = Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, String(v)]));
        let verified: ReceivedWebhook['verified'];
        try {
          verified = new Webhook(this.secret).verify(body, headers) as ReceivedWebhook['verified'];
        } catch {
          verified = undefined;
        }
        const answered = this.refuse.shift() ?? 200;
        this.received.push({ id: headers['webhook-id'], headers, body, verified, answered });
        res.writeHead(answered, { 'content-type': 'text/plain' }).end(answered < 300 ? 'ok' : 'not now');
      });
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.port, '127.0.0.1', () => resolve());
    });
    this.port = (server.address() as AddressInfo).port;
    this.server = server;
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (!server) return;
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
  }

  /** Accepted (2xx) deliveries of events of `type`. */
  accepted(type?: string): ReceivedWebhook[] {
    return this.received.filter((r) => r.answered < 300 && (!type || r.verified?.type === type));
  }

  /** Resolves once `done` holds (checked every 25 ms); rejects after `timeoutMs`. */
  async until(done: () => boolean, what: string, timeoutMs = 15_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!done()) {
      if (Date.now() > deadline) throw new Error(`webhook receiver: gave up waiting for ${what}; received ${JSON.stringify(this.received.map((r) => [r.answered, r.verified?.type ?? 'unverified', r.id]))}`);
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  }
}

/** A valid Standard Webhooks secret: whsec_ + base64 of 32 random-looking bytes. */
export function testSecret(seed = 1): string {
  return `whsec_${Buffer.from(Array.from({ length: 32 }, (_, i) => (i * 31 + seed * 17) % 256)).toString('base64')}`;
}
