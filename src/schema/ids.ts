/**
 * Global IDs: base64url of "Type:providerId:nativeId". Clients treat them as opaque; the
 * gateway decodes them to find the provider and the provider's own id.
 */
import { NotFoundError, ValidationError } from '../domain/errors.js';
import { encodeGlobalId } from '../domain/global-id.js';

export type NodeType = 'Provider' | 'VirtualMachine' | 'Disk' | 'Schedule' | 'BackupLocation' | 'Backup' | 'Operation';

const NODE_TYPES: ReadonlySet<string> = new Set<NodeType>(['Provider', 'VirtualMachine', 'Disk', 'Schedule', 'BackupLocation', 'Backup', 'Operation']);

export { encodeGlobalId };

/** Used by the relay plugin for node()/nodes(): a malformed ID is a VALIDATION error. */
export function decodeGlobalId(globalId: string): { typename: string; id: string } {
  const alertId = tryDecodeAlertId(globalId);
  if (alertId) return { typename: 'Alert', id: alertId };
  const decoded = tryDecode(globalId);
  if (!decoded) {
    throw new ValidationError(`"${truncate(globalId)}" is not a valid ID of this gateway`, 'id');
  }
  return { typename: decoded.type, id: `${decoded.providerId}:${decoded.nativeId}` };
}

export interface DecodedId {
  type: NodeType;
  providerId: string;
  nativeId: string;
}

function tryDecode(globalId: string): DecodedId | undefined {
  if (typeof globalId !== 'string' || !/^[A-Za-z0-9_-]+={0,2}$/.test(globalId) || globalId.length > 2048) return undefined;
  const text = Buffer.from(globalId, 'base64url').toString('utf8');
  const first = text.indexOf(':');
  const second = text.indexOf(':', first + 1);
  if (first < 0 || second < 0) return undefined;
  const type = text.slice(0, first);
  const providerId = text.slice(first + 1, second);
  const nativeId = text.slice(second + 1);
  if (!NODE_TYPES.has(type) || !providerId || !nativeId) return undefined;
  return { type: type as NodeType, providerId, nativeId };
}

/** "Alert:<uuid>": alerts belong to the gateway, not to a provider, so their IDs have no provider part. */
function tryDecodeAlertId(globalId: string): string | undefined {
  if (typeof globalId !== 'string' || !/^[A-Za-z0-9_-]{1,200}={0,2}$/.test(globalId)) return undefined;
  return /^Alert:([0-9a-f-]{36})$/.exec(Buffer.from(globalId, 'base64url').toString('utf8'))?.[1];
}

/** An alertId argument: the alert's own id, or a ValidationError naming the field. */
export function parseAlertId(globalId: string, field: string): string {
  const id = tryDecodeAlertId(globalId);
  if (!id) throw new ValidationError(`${field}: "${truncate(globalId)}" is not the ID of an Alert`, field);
  return id;
}

/**
 * Decode an ID argument and check its type. Malformed or of the wrong type: ValidationError
 * naming the argument; the provider's existence is checked by the caller.
 */
export function parseId<T extends NodeType>(globalId: string, field: string, expected: readonly T[]): DecodedId & { type: T } {
  const decoded = tryDecode(globalId);
  if (!decoded) throw new ValidationError(`${field}: "${truncate(globalId)}" is not a valid ID of this gateway`, field);
  if (!expected.includes(decoded.type as T)) {
    throw new ValidationError(`${field}: expected the ID of a ${expected.join(' or ')}, got the ID of a ${decoded.type}`, field);
  }
  return decoded as DecodedId & { type: T };
}

/** "providerId:nativeId" as used by node loaders. */
export function splitLocalId(localId: string): { providerId: string; nativeId: string } {
  const at = localId.indexOf(':');
  if (at < 0) throw new NotFoundError(`no such node ${localId}`);
  return { providerId: localId.slice(0, at), nativeId: localId.slice(at + 1) };
}

export function localId(ref: { providerId: string; nativeId: string }): string {
  return `${ref.providerId}:${ref.nativeId}`;
}

function truncate(text: string): string {
  return String(text).length > 60 ? `${String(text).slice(0, 57)}...` : String(text);
}
