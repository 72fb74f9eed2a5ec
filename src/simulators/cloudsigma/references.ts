/**
 * Variant `references: 'uri'`: every `{resource_uri, uuid}` reference inside a resource becomes
 * its bare `resource_uri` string. Resources themselves (a single object, the items of `objects`)
 * stay objects, even when `fields=` leaves them with only those two keys.
 */
const isPlainObject = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);

function isReference(v: unknown): v is { resource_uri: string; uuid: string } {
  if (!isPlainObject(v)) return false;
  const keys = Object.keys(v);
  return keys.length === 2 && typeof v.resource_uri === 'string' && typeof v.uuid === 'string';
}

function inner(value: unknown): unknown {
  if (isReference(value)) return value.resource_uri;
  if (Array.isArray(value)) return value.map(inner);
  if (isPlainObject(value)) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, inner(v)]));
  return value;
}

function resource(value: unknown): unknown {
  if (!isPlainObject(value)) return value;
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, inner(v)]));
}

/** A reply body with its references as bare URIs. */
export function referencesAsUris(body: unknown): unknown {
  if (isPlainObject(body) && Array.isArray(body.objects)) return { ...body, objects: body.objects.map(resource) };
  return resource(body);
}
