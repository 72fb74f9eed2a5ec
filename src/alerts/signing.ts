/**
 * Standard Webhooks headers through the `standardwebhooks` library (no hand-made HMAC framing):
 * `webhook-signature` is `v1,<base64 HMAC-SHA256 of id.timestamp.body>` per secret, space
 * separated, so a receiver still on the old secret verifies during a rotation.
 */
import { Webhook } from 'standardwebhooks';

export function signedHeaders(messageId: string, body: string, secrets: string[], at: Date): Record<string, string> {
  const signatures = secrets.map((secret) => new Webhook(secret).sign(messageId, at, body));
  return {
    'webhook-id': messageId,
    'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
    'webhook-signature': signatures.join(' '),
  };
}
