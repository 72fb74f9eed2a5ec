/**
 * Wire formatting for the Altaro simulator: the response envelope, error codes and the Altaro
 * date format (`YYYY-MM-DD-HH-mm-ss`, written in the configured IANA time zone, no zone marker).
 */
import type { SimReply } from '../kit/http.js';
import { wallClockParts, type WallClockParts } from '../kit/wall-clock.js';

/**
 * ErrorCode values. The real type/values are unknown (contract §2, [?]); the simulator uses small
 * integers so clients treat them as opaque.
 */
export const ErrorCodes = {
  invalidToken: 1,
  invalidCredentials: 2,
  notFound: 3,
  invalidArgument: 4,
  operationAlreadyRunning: 5,
  notConfigured: 6,
  anotherConsole: 7,
  noLocation: 8,
  operationFinished: 9,
  unknownRoute: 404,
  methodNotAllowed: 405,
} as const;

export type Envelope = Record<string, unknown> & {
  Success: boolean;
  ErrorCode: number | null;
  ErrorMessage: string | null;
  ErrorAdditionalDetails: string | null;
};

const OK_FIELDS = { Success: true, ErrorCode: null, ErrorMessage: null, ErrorAdditionalDetails: null } as const;

/** A scalar result: `{ Success, ErrorCode, ErrorMessage, ErrorAdditionalDetails, Data }`. */
export function okData(data: unknown): SimReply {
  return { status: 200, body: { ...OK_FIELDS, Data: data } };
}

/** Success with no payload (assign/unassign calls): the envelope only. */
export function okEmpty(): SimReply {
  return { status: 200, body: { ...OK_FIELDS } };
}

/**
 * A list result: the named collection first (as in the verbatim `RestoreReports` sample), then the
 * envelope. Several keys may be given.
 */
export function okList(collections: Record<string, unknown>): SimReply {
  return { status: 200, body: { ...collections, ...OK_FIELDS } };
}

/** An application error: HTTP 200 (unless told otherwise), `Success: false`, `Data: null`. */
export function fail(
  code: number,
  message: string,
  additional: string | null = null,
  httpStatus = 200,
): SimReply {
  return {
    status: httpStatus,
    body: { Success: false, ErrorCode: code, ErrorMessage: message, ErrorAdditionalDetails: additional, Data: null },
  };
}

const CODE_NAMES = new Map<number, string>(
  Object.entries(ErrorCodes).map(([name, code]) => [code, name.charAt(0).toUpperCase() + name.slice(1)]),
);

/** The 'string' ErrorCode variant: the same error with its code as a name, e.g. "InvalidToken". */
export function withErrorCodeName(reply: SimReply): SimReply {
  const body = reply.body as Record<string, unknown> | undefined;
  if (!body || typeof body !== 'object' || typeof body.ErrorCode !== 'number') return reply;
  return { ...reply, body: { ...body, ErrorCode: CODE_NAMES.get(body.ErrorCode) ?? String(body.ErrorCode) } };
}

export function invalidToken(): SimReply {
  return fail(ErrorCodes.invalidToken, 'Invalid Token. The session does not exist or has expired.');
}

// ---------------------------------------------------------------------------------------------
// Time zones

type WallClock = Omit<WallClockParts, 'weekday'>;

export { assertTimeZone } from '../kit/wall-clock.js';

/** The wall-clock reading of an instant in a zone. */
export const wallClock: (epochMs: number, timeZone: string) => WallClock = wallClockParts;

/** The instant at which the zone's clocks show the given wall-clock time (DST gaps resolve forward). */
export function zonedToEpoch(w: WallClock, timeZone: string): number {
  const target = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
  let guess = target;
  for (let i = 0; i < 3; i += 1) {
    const seen = wallClock(guess, timeZone);
    const seenAsUtc = Date.UTC(seen.year, seen.month - 1, seen.day, seen.hour, seen.minute, seen.second);
    const next = guess + (target - seenAsUtc);
    if (next === guess) break;
    guess = next;
  }
  return guess;
}

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

/** `YYYY-MM-DD-HH-mm-ss` in the zone. */
export function formatAltaroDate(epochMs: number, timeZone: string): string {
  const w = wallClock(epochMs, timeZone);
  return `${pad(w.year, 4)}-${pad(w.month)}-${pad(w.day)}-${pad(w.hour)}-${pad(w.minute)}-${pad(w.second)}`;
}

export function formatAltaroDateOrNull(epochMs: number | null | undefined, timeZone: string): string | null {
  return epochMs === null || epochMs === undefined ? null : formatAltaroDate(epochMs, timeZone);
}

/** `YYYY-MM-DD HH-mm`, as in the restore sample's default clone name. */
export function formatCloneStamp(epochMs: number, timeZone: string): string {
  const w = wallClock(epochMs, timeZone);
  return `${pad(w.year, 4)}-${pad(w.month)}-${pad(w.day)} ${pad(w.hour)}-${pad(w.minute)}`;
}

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})(?:[-T _](\d{2})[-:](\d{2})(?:[-:](\d{2}))?)?$/;

/**
 * Parses an Altaro timestamp (`YYYY-MM-DD-HH-mm-ss`), `YYYY-MM-DD`, or `YYYY-MM-DDTHH:mm[:ss]`,
 * read as wall-clock time in the zone. A bare date means the start of that day, or with
 * `endOfDay` the last second of it. Returns null when the text does not parse.
 */
export function parseAltaroDate(text: string, timeZone: string, endOfDay = false): number | null {
  const m = DATE_RE.exec(text.trim());
  if (!m) return null;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (month < 1 || month > 12 || day < 1 || day > 31) return null;
  const hasTime = m[4] !== undefined;
  const w: WallClock = hasTime
    ? { year, month, day, hour: Number(m[4]), minute: Number(m[5]), second: Number(m[6] ?? '0') }
    : endOfDay
      ? { year, month, day, hour: 23, minute: 59, second: 59 }
      : { year, month, day, hour: 0, minute: 0, second: 0 };
  if (w.hour > 23 || w.minute > 59 || w.second > 59) return null;
  const epoch = zonedToEpoch(w, timeZone);
  return endOfDay && !hasTime ? epoch + 999 : epoch;
}

/** Day of week (0 = Sunday) of a calendar date, independent of zones. */
export function weekdayOf(year: number, month: number, day: number): number {
  return new Date(Date.UTC(year, month - 1, day)).getUTCDay();
}

/** The calendar date `days` after the given one. */
export function addDays(year: number, month: number, day: number, days: number): { year: number; month: number; day: number } {
  const d = new Date(Date.UTC(year, month - 1, day + days));
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}
