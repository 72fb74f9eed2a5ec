/**
 * Global IDs are base64url of "Type:localId". Provider-owned nodes use "providerId:nativeId" as
 * the local id; gateway-owned nodes (alerts) use their own id. Here, in domain, so every layer
 * that hands out IDs (schema, the alert webhooks' payloads) encodes them the same way.
 */
export function encodeGlobalId(typename: string, localId: string | number | bigint): string {
  return Buffer.from(`${typename}:${localId}`, 'utf8').toString('base64url');
}
