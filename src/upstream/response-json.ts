/**
 * A shared read answer is parsed once. The request's shared reads, the in-flight map and the cache hand
 * the same response object to every caller (a CloudSigma dashboard lists `drives` from four
 * places), and parsing the same large body again for each was the gateway's biggest single
 * CPU cost per query. Callers treat the parsed value as read-only.
 */
import type { UpstreamResponse } from './http-client.js';

const parsed = new WeakMap<UpstreamResponse, { text: string; value: unknown }>();

/** `JSON.parse(response.text)`, memoized per response; throws like JSON.parse on a body that is not JSON. */
export function responseJson(response: UpstreamResponse): unknown {
  const known = parsed.get(response);
  // Keyed by the text too: a copy of a response with another body (`{...response, text}`) is parsed afresh.
  if (known && known.text === response.text) return known.value;
  const value: unknown = JSON.parse(response.text);
  parsed.set(response, { text: response.text, value });
  return value;
}
