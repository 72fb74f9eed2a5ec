/**
 * Global IDs are base64url of "Type:localId". Provider-owned nodes use "providerId:nativeId" as
 * the local id; gateway-owned nodes (alerts) use their own id. Here, in domain, so every layer
 * that hands out IDs (schema, the alert webhooks' payloads) encodes them the same way.
 */
export function encodeGlobalId(typename: string, localId: string | number | bigint): string {
  const plain = `${typename}:${localId}`;
  let id = encoded.get(plain);
  if (id === undefined) {
    id = Buffer.from(plain, 'utf8').toString('base64url');
    if (encoded.size >= ENCODED_KEPT) encoded.clear();
    encoded.set(plain, id);
  }
  return id;
}

/**
 * IDs already encoded: a dashboard hands out the same few thousand on every query, and a map
 * lookup costs less than a buffer and its base64. Bounded (a few MB at most).
 */
const encoded = new Map<string, string>();
const ENCODED_KEPT = 50_000;
