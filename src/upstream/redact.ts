/**
 * Last line of defence for secrets: any text that may reach a client or a log passes through
 * `redact` with the provider's credentials and live session tokens.
 */
export function redact(text: string, secrets: Iterable<string | undefined>): string {
  let out = text;
  for (const secret of secrets) {
    if (secret && secret.length >= 3) out = out.split(secret).join('[redacted]');
  }
  return out;
}
