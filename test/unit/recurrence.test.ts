/**
 * Recurrence: CloudSigma's cron-like `incremental_backup` (contract cloudsigma.md §2.3, §4),
 * the weekly rule, and the DST policy of src/domain/recurrence/dst.ts. Every expected instant is
 * worked out by hand in the comments (zone, local times, which days).
 *
 * Calendar facts used throughout (2026):
 * - Thu 1 Jan, Thu 15 Jan, Sat 17 Jan, Sun 18 Jan, Sun 1 Feb, Wed 1 Apr.
 * - Europe/London: GMT (UTC+0) until Sun 29 Mar 01:00 GMT -> 02:00 BST (UTC+1; 01:00-01:59 does not
 *   exist); BST until Sun 25 Oct 02:00 BST -> 01:00 GMT (01:00-01:59 happens twice).
 * - America/New_York: EST (UTC-5) until Sun 8 Mar 02:00 -> 03:00 EDT (UTC-4; 02:00-02:59 does not
 *   exist); EDT until Sun 1 Nov 02:00 EDT -> 01:00 EST (01:00-01:59 happens twice).
 * - Etc/GMT+12 is UTC-12 all year (POSIX sign); America/Danmarkshavn is UTC+0 all year.
 */
import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../src/domain/errors.js';
import type { CronLikeRule, Recurrence } from '../../src/domain/model.js';
import { cloudSigmaRecurrence, parseIncrementalBackup, weeklyToIncrementalBackup } from '../../src/domain/recurrence/cloudsigma.js';
import { nextCronLikeRuns, timesOfDay } from '../../src/domain/recurrence/cronlike.js';
import { runInstant } from '../../src/domain/recurrence/dst.js';
import { nextRuns } from '../../src/domain/recurrence/index.js';
import { weeklyRecurrence } from '../../src/domain/recurrence/weekly.js';

const iso = (dates: Date[]) => dates.map((d) => d.toISOString().replace(':00.000Z', 'Z'));
/** Next runs of a recurrence, as "YYYY-MM-DDTHH:MMZ" strings. */
const runs = (recurrence: Recurrence, after: string, count: number) => iso(nextRuns(recurrence, new Date(after), count));

/** The fixed instant the examples are evaluated after: Thu 15 Jan 2026 10:00 UTC (winter). */
const AFTER = '2026-01-15T10:00:00Z';

// ---------------------------------------------------------------------------------------------
// §4 example schedulers, verbatim bodies.

const EXAMPLES: Array<{
  id: string;
  native: Record<string, unknown>;
  rule: Partial<CronLikeRule>;
  description: string;
  rrule: string;
  next: string[];
}> = [
  {
    // 4.1 Every 45 minutes, Europe/London (GMT = UTC in January). hour/minute "*" are ignored: repeat
    // minute */45, no window -> anchored at 00:00 each day: 00:00, 00:45, 01:30, 02:15, 03:00, ...
    // (k x 45 min, k = 0..31, 32 runs a day, the last 23:15, which is 45 min before the next 00:00).
    // After 10:00 (= 600 min = 13.3 steps): k = 14 -> 630 = 10:30, 11:15, 12:00, 12:45, 13:30.
    // RRULE: the 45-minute pattern repeats every 3 hours: hours 0,3,..: :00 and :45; 1,4,..: :30;
    // 2,5,..: :15 -> three RRULE lines.
    id: '4.1',
    native: {"type": "backup", "name": "Every 45 minutes", "is_enabled": true, "is_default": false, "enable_backup_policy_notifications": true, "enable_retention_policy_notifications": false, "user_timezone": "Europe/London", "remote_location": "ZRH", "manual_incremental_backup": "", "incremental_backup": {"day_of_month": "*", "day_of_week": ["*"], "end_time": {"hour": "", "minute": ""}, "hour": "*", "minute": "*", "month": "*", "repeat": {"hour": "", "minute": "*/45"}, "start_time": {"hour": "", "minute": ""}}, "retention_policy": {"name": "Last 2 days", "rules": [{"period": "days", "quantity": 2}]}, "tags": []},
    rule: { daysOfWeek: '*', daysOfMonth: '*', months: '*', repeat: { everyMinutes: 45 }, window: undefined, manualTimes: undefined },
    description: 'Every 45 minutes (Europe/London)',
    rrule: [
      'DTSTART;TZID=Europe/London:20260101T000000',
      'RRULE:FREQ=DAILY;BYHOUR=0,3,6,9,12,15,18,21;BYMINUTE=0,45;BYSECOND=0',
      'RRULE:FREQ=DAILY;BYHOUR=1,4,7,10,13,16,19,22;BYMINUTE=30;BYSECOND=0',
      'RRULE:FREQ=DAILY;BYHOUR=2,5,8,11,14,17,20,23;BYMINUTE=15;BYSECOND=0',
    ].join('\n'),
    next: ['2026-01-15T10:30Z', '2026-01-15T11:15Z', '2026-01-15T12:00Z', '2026-01-15T12:45Z', '2026-01-15T13:30Z'],
  },
  {
    // 4.2 Every 12 hours, Etc/UTC. day_of_week [] = any day. Window 07:00->06:45 ends 15 min before
    // it starts = the whole day, but its start anchors the interval: 07:00, 19:00 every day.
    // After Thu 15 Jan 10:00: Thu 19:00, Fri 16 07:00 and 19:00, Sat 17 07:00 and 19:00.
    id: '4.2',
    native: {"type": "snapshot", "name": "Every 12 hours. Last 2 days", "is_enabled": true, "is_default": false, "enable_backup_policy_notifications": true, "enable_retention_policy_notifications": false, "user_timezone": "Etc/UTC", "manual_incremental_backup": "", "incremental_backup": {"day_of_week": [], "day_of_month": "", "month": "", "hour": "", "minute": "", "repeat": {"hour": "*/12", "minute": ""}, "start_time": {"hour": 7, "minute": 0}, "end_time": {"hour": 6, "minute": 45}}, "retention_policy": {"name": "Keep 12 Month", "rules": [{"period": "days", "quantity": 2}]}},
    rule: { daysOfWeek: '*', daysOfMonth: '*', months: '*', repeat: { everyHours: 12 }, window: { start: { hour: 7, minute: 0 }, end: { hour: 6, minute: 45 } } },
    description: 'Every 12 hours from 07:00 — 07:00, 19:00 (Etc/UTC)',
    rrule: 'DTSTART;TZID=Etc/UTC:20260101T070000\nRRULE:FREQ=DAILY;BYHOUR=7,19;BYMINUTE=0;BYSECOND=0',
    next: ['2026-01-15T19:00Z', '2026-01-16T07:00Z', '2026-01-16T19:00Z', '2026-01-17T07:00Z', '2026-01-17T19:00Z'],
  },
  {
    // 4.3 Every Sunday 23:00, Europe/London (GMT = UTC until 29 Mar). Minute "00" = 0.
    // Sundays after Thu 15 Jan: 18 Jan, 25 Jan, 1 Feb, 8 Feb, 15 Feb, each 23:00 GMT = 23:00Z.
    // DTSTART: first Sunday on/after 1 Jan 2026 = 4 Jan.
    id: '4.3',
    native: {"type": "snapshot", "name": "Every sunday at 23:00", "is_enabled": true, "is_default": false, "enable_backup_policy_notifications": true, "enable_retention_policy_notifications": false, "user_timezone": "Europe/London", "manual_incremental_backup": "", "incremental_backup": {"day_of_month": "*", "day_of_week": ["sun"], "end_time": {"hour": "", "minute": ""}, "hour": "23", "minute": "00", "month": "*", "repeat": {"hour": "", "minute": ""}, "start_time": {"hour": "", "minute": ""}}, "retention_policy": {"name": "Last 4 weeks", "rules": [{"period": "weeks", "quantity": 4}]}, "tags": []},
    rule: { daysOfWeek: [0], daysOfMonth: '*', months: '*', hours: [23], minutes: [0], repeat: undefined, window: undefined },
    description: 'Sun at 23:00 (Europe/London)',
    rrule: 'DTSTART;TZID=Europe/London:20260104T230000\nRRULE:FREQ=WEEKLY;BYDAY=SU;BYHOUR=23;BYMINUTE=0;BYSECOND=0',
    next: ['2026-01-18T23:00Z', '2026-01-25T23:00Z', '2026-02-01T23:00Z', '2026-02-08T23:00Z', '2026-02-15T23:00Z'],
  },
  {
    // 4.4 The 1st at 23:59, Europe/London. 1 Feb and 1 Mar are GMT (23:59Z); from 29 Mar BST (UTC+1):
    // 1 Apr, 1 May, 1 Jun 23:59 BST = 22:59Z. day_of_week ["*"] = any.
    id: '4.4',
    native: {"type": "backup", "name": "Every first of month at 23:59", "is_enabled": true, "is_default": false, "enable_backup_policy_notifications": true, "enable_retention_policy_notifications": false, "user_timezone": "Europe/London", "manual_incremental_backup": "", "incremental_backup": {"day_of_month": "1", "day_of_week": ["*"], "end_time": {"hour": "", "minute": ""}, "hour": "23", "minute": "59", "month": "*", "repeat": {"hour": "", "minute": ""}, "start_time": {"hour": "", "minute": ""}}, "retention_policy": {"name": "Last 6 months", "rules": [{"period": "months", "quantity": 6}]}, "tags": []},
    rule: { daysOfWeek: '*', daysOfMonth: [1], months: '*', hours: [23], minutes: [59] },
    description: 'Day 1 of every month at 23:59 (Europe/London)',
    rrule: 'DTSTART;TZID=Europe/London:20260101T235900\nRRULE:FREQ=MONTHLY;BYMONTHDAY=1;BYHOUR=23;BYMINUTE=59;BYSECOND=0',
    next: ['2026-02-01T23:59Z', '2026-03-01T23:59Z', '2026-04-01T22:59Z', '2026-05-01T22:59Z', '2026-06-01T22:59Z'],
  },
  {
    // 4.5 Hourly from 20:00 to 23:00, Europe/London (GMT). repeat */1 anchored at the window start,
    // end inclusive: 20:00, 21:00, 22:00, 23:00 (the docs' "4 backups per day").
    // After Thu 15 Jan 10:00: 15 Jan 20, 21, 22, 23:00Z, then 16 Jan 20:00Z.
    id: '4.5',
    native: {"type": "backup", "name": "Every hour", "is_enabled": true, "is_default": false, "enable_backup_policy_notifications": true, "enable_retention_policy_notifications": false, "user_timezone": "Europe/London", "remote_location": "ZRH", "manual_incremental_backup": "", "incremental_backup": {"day_of_month": "*", "day_of_week": ["*"], "end_time": {"hour": "23", "minute": "00"}, "hour": "*", "minute": "*", "month": "*", "repeat": {"hour": "*/1", "minute": ""}, "start_time": {"hour": "20", "minute": "00"}}, "retention_policy": {"name": "Last 7 days", "rules": [{"period": "days", "quantity": 7}]}, "tags": []},
    rule: { repeat: { everyHours: 1 }, window: { start: { hour: 20, minute: 0 }, end: { hour: 23, minute: 0 } } },
    description: 'Every hour between 20:00 and 23:00 — 20:00, 21:00, 22:00, 23:00 (Europe/London)',
    rrule: 'DTSTART;TZID=Europe/London:20260101T200000\nRRULE:FREQ=DAILY;BYHOUR=20,21,22,23;BYMINUTE=0;BYSECOND=0',
    next: ['2026-01-15T20:00Z', '2026-01-15T21:00Z', '2026-01-15T22:00Z', '2026-01-15T23:00Z', '2026-01-16T20:00Z'],
  },
  {
    // 4.6 Manual times 02:00, 06:00, 20:00, 22:15 on Sat and Sun, Etc/UTC; whole-day window
    // 07:00->06:45 keeps all four (02:00 and 06:00 are on the wrapped side).
    // After Thu 15 Jan: Sat 17 Jan 02:00, 06:00, 20:00, 22:15, then Sun 18 Jan 02:00.
    // DTSTART: first Saturday on/after 1 Jan = 3 Jan. 02/06/20 share minute 0; 22:15 its own line.
    id: '4.6',
    native: {"type": "snapshot", "name": "Defined hours backups", "is_enabled": true, "is_default": false, "enable_backup_policy_notifications": true, "enable_retention_policy_notifications": false, "user_timezone": "Etc/UTC", "manual_incremental_backup": "02:00,06:00,20:00,22:15", "incremental_backup": {"day_of_month": "", "month": "", "hour": "", "minute": "", "day_of_week": ["sat", "sun"], "start_time": {"hour": 7, "minute": 0}, "end_time": {"hour": 6, "minute": 45}, "repeat": {"hour": "", "minute": ""}}, "retention_policy": {"name": "Keep 1 Day", "rules": [{"period": "months", "quantity": 1}]}},
    rule: { daysOfWeek: [0, 6], manualTimes: ['02:00', '06:00', '20:00', '22:15'], repeat: undefined },
    description: 'Sat, Sun at 02:00, 06:00, 20:00, 22:15 (Etc/UTC)',
    rrule: [
      'DTSTART;TZID=Etc/UTC:20260103T020000',
      'RRULE:FREQ=WEEKLY;BYDAY=SU,SA;BYHOUR=2,6,20;BYMINUTE=0;BYSECOND=0',
      'RRULE:FREQ=WEEKLY;BYDAY=SU,SA;BYHOUR=22;BYMINUTE=15;BYSECOND=0',
    ].join('\n'),
    next: ['2026-01-17T02:00Z', '2026-01-17T06:00Z', '2026-01-17T20:00Z', '2026-01-17T22:15Z', '2026-01-18T02:00Z'],
  },
  {
    // 4.7 Mon-Fri 03:00, Etc/UTC; window 12:00->11:45 = whole day.
    // After Thu 15 Jan 10:00 (Thu's 03:00 has passed): Fri 16, Mon 19, Tue 20, Wed 21, Thu 22 at 03:00Z.
    id: '4.7',
    native: {"type": "snapshot", "name": "Weekday 3AM Snapshot Policy", "is_enabled": true, "is_default": false, "enable_backup_policy_notifications": true, "enable_retention_policy_notifications": false, "user_timezone": "Etc/UTC", "manual_incremental_backup": "", "incremental_backup": {"day_of_week": ["mon", "tue", "wed", "thu", "fri"], "day_of_month": "*", "month": "*", "hour": "3", "minute": "0", "repeat": {"hour": "", "minute": ""}, "start_time": {"hour": 12, "minute": 0}, "end_time": {"hour": 11, "minute": 45}}, "retention_policy": {"name": "Keep 3 Weeks", "rules": [{"period": "weeks", "quantity": 3}]}},
    rule: { daysOfWeek: [1, 2, 3, 4, 5], hours: [3], minutes: [0] },
    description: 'Mon–Fri at 03:00 (Etc/UTC)',
    rrule: 'DTSTART;TZID=Etc/UTC:20260101T030000\nRRULE:FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR;BYHOUR=3;BYMINUTE=0;BYSECOND=0',
    next: ['2026-01-16T03:00Z', '2026-01-19T03:00Z', '2026-01-20T03:00Z', '2026-01-21T03:00Z', '2026-01-22T03:00Z'],
  },
  {
    // 4.8 Mon, Wed, Fri every 12 h within 07:00-19:00, Etc/UTC: 07:00 and 19:00 (end inclusive).
    // After Thu 15 Jan: Fri 16 07:00, 19:00; Mon 19 07:00, 19:00; Wed 21 07:00.
    // DTSTART: first Mon/Wed/Fri on/after Thu 1 Jan = Fri 2 Jan 07:00.
    id: '4.8',
    native: {"type": "backup", "name": "Weekdays Workhours Backup Policy", "is_enabled": true, "is_default": false, "enable_backup_policy_notifications": true, "enable_retention_policy_notifications": false, "user_timezone": "Etc/UTC", "manual_incremental_backup": "", "incremental_backup": {"day_of_week": ["mon", "wed", "fri"], "day_of_month": "*", "month": "*", "hour": "", "minute": "", "repeat": {"hour": "*/12", "minute": ""}, "start_time": {"hour": 7, "minute": 0}, "end_time": {"hour": 19, "minute": 0}}, "retention_policy": {"name": "Keep 1 Month", "rules": [{"period": "months", "quantity": 1}]}},
    rule: { daysOfWeek: [1, 3, 5], repeat: { everyHours: 12 }, window: { start: { hour: 7, minute: 0 }, end: { hour: 19, minute: 0 } } },
    description: 'Mon, Wed, Fri: every 12 hours between 07:00 and 19:00 — 07:00, 19:00 (Etc/UTC)',
    rrule: 'DTSTART;TZID=Etc/UTC:20260102T070000\nRRULE:FREQ=WEEKLY;BYDAY=MO,WE,FR;BYHOUR=7,19;BYMINUTE=0;BYSECOND=0',
    next: ['2026-01-16T07:00Z', '2026-01-16T19:00Z', '2026-01-19T07:00Z', '2026-01-19T19:00Z', '2026-01-21T07:00Z'],
  },
  {
    // 4.9 Bi-monthly: the 1st of Feb, Apr, Jun, Aug, Oct, Dec at 17:00, Etc/UTC (inside 07:00-19:00).
    // After 15 Jan: 1 Feb, 1 Apr, 1 Jun, 1 Aug, 1 Oct 2026 at 17:00Z. DTSTART: 1 Feb 2026 17:00.
    id: '4.9',
    native: {"type": "backup", "name": "BiMonthly Snapshot Policy", "is_enabled": true, "is_default": false, "enable_backup_policy_notifications": true, "enable_retention_policy_notifications": false, "user_timezone": "Etc/UTC", "manual_incremental_backup": "", "incremental_backup": {"day_of_week": [], "day_of_month": "1", "month": "2,4,6,8,10,12", "hour": "17", "minute": "0", "repeat": {"hour": "", "minute": ""}, "start_time": {"hour": 7, "minute": 0}, "end_time": {"hour": 19, "minute": 0}}, "retention_policy": {"name": "Keep 12 Month", "rules": [{"period": "months", "quantity": 6}]}},
    rule: { daysOfWeek: '*', daysOfMonth: [1], months: [2, 4, 6, 8, 10, 12], hours: [17], minutes: [0] },
    description: 'Day 1 of Feb, Apr, Jun, Aug, Oct, Dec at 17:00 (Etc/UTC)',
    rrule: 'DTSTART;TZID=Etc/UTC:20260201T170000\nRRULE:FREQ=MONTHLY;BYMONTH=2,4,6,8,10,12;BYMONTHDAY=1;BYHOUR=17;BYMINUTE=0;BYSECOND=0',
    next: ['2026-02-01T17:00Z', '2026-04-01T17:00Z', '2026-06-01T17:00Z', '2026-08-01T17:00Z', '2026-10-01T17:00Z'],
  },
  {
    // 4.10 The 1st of every month (month "" = any) at 23:00, Etc/UTC; window 07:00->06:45 = whole day.
    // After 15 Jan: 1 Feb, 1 Mar, 1 Apr, 1 May, 1 Jun at 23:00Z.
    id: '4.10',
    native: {"type": "backup", "name": "1st of the month backup", "is_enabled": true, "is_default": false, "enable_backup_policy_notifications": true, "enable_retention_policy_notifications": false, "user_timezone": "Etc/UTC", "remote_location": "TBC", "manual_incremental_backup": "", "incremental_backup": {"day_of_week": [], "day_of_month": "1", "month": "", "hour": "23", "minute": "0", "repeat": {"hour": "", "minute": ""}, "start_time": {"hour": 7, "minute": 0}, "end_time": {"hour": 6, "minute": 45}}, "retention_policy": {"name": "Keep 12 Month", "rules": [{"period": "months", "quantity": 12}]}},
    rule: { daysOfWeek: '*', daysOfMonth: [1], months: '*', hours: [23], minutes: [0] },
    description: 'Day 1 of every month at 23:00 (Etc/UTC)',
    rrule: 'DTSTART;TZID=Etc/UTC:20260101T230000\nRRULE:FREQ=MONTHLY;BYMONTHDAY=1;BYHOUR=23;BYMINUTE=0;BYSECOND=0',
    next: ['2026-02-01T23:00Z', '2026-03-01T23:00Z', '2026-04-01T23:00Z', '2026-05-01T23:00Z', '2026-06-01T23:00Z'],
  },
  {
    // 4.11 (= §3.6 create dump) Daily 01:00 in Etc/GMT+12 (UTC-12): local 01:00 = 13:00Z the same date.
    // AFTER 15 Jan 10:00Z is 14 Jan 22:00 local, so the next local 01:00 is 15 Jan = 15 Jan 13:00Z,
    // then 16..19 Jan 13:00Z. Window 12:00->11:45 = whole day.
    // DTSTART: the anchor 1 Jan 00:00Z is 31 Dec 2025 12:00 local, so the first run on/after that
    // local date is 31 Dec 2025 01:00.
    id: '4.11',
    native: {"type": "snapshot", "name": "Son, Father, GrandFather Policy", "enable_backup_policy_notifications": true, "enable_retention_policy_notifications": false, "is_enabled": true, "is_default": false, "manual_incremental_backup": "", "retention_policy": {"name": "Son, Father, GrandFather Policy", "rules": [{"period": "days", "quantity": 7}, {"period": "weeks", "quantity": 4, "time_option": 1}, {"period": "months", "quantity": 12, "time_option": 23}]}, "initial_backup": {"day_of_week": ["*"], "start_time": {"hour": 12, "minute": 0}, "end_time": {"hour": 11, "minute": 45}}, "incremental_backup": {"day_of_month": "*", "day_of_week": ["*"], "month": "*", "hour": "1", "minute": "0", "repeat": {"hour": "", "minute": ""}, "start_time": {"hour": 12, "minute": 0}, "end_time": {"hour": 11, "minute": 45}}, "user_timezone": "Etc/GMT+12"},
    rule: { daysOfWeek: '*', daysOfMonth: '*', months: '*', hours: [1], minutes: [0] },
    description: 'Every day at 01:00 (Etc/GMT+12)',
    rrule: 'DTSTART;TZID=Etc/GMT+12:20251231T010000\nRRULE:FREQ=DAILY;BYHOUR=1;BYMINUTE=0;BYSECOND=0',
    next: ['2026-01-15T13:00Z', '2026-01-16T13:00Z', '2026-01-17T13:00Z', '2026-01-18T13:00Z', '2026-01-19T13:00Z'],
  },
  {
    // 4.12 "backups policy" (detail dump): repeat hour */1, minute "*", window 00:00-23:45 (ends
    // 15 min before its start = whole day), America/Danmarkshavn (UTC+0): 00:00, 01:00, ..., 23:00.
    // After 10:00 (10:00 itself is not after): 11, 12, 13, 14, 15:00Z.
    id: '4.12 backups policy',
    native: {"enable_backup_policy_notifications": true, "enable_retention_policy_notifications": false, "grantees": [], "incremental_backup": {"day_of_month": "*", "day_of_week": ["*"], "end_time": {"hour": 23, "minute": 45}, "hour": "", "minute": "*", "month": "*", "repeat": {"hour": "*/1", "minute": ""}, "start_time": {"hour": 0, "minute": 0}}, "initial_backup": {"day_of_week": ["*"], "end_time": {"hour": 23, "minute": 45}, "start_time": {"hour": 0, "minute": 0}}, "is_default": false, "is_enabled": true, "manual_incremental_backup": "", "meta": {}, "name": "backups policy", "orchestrator_timezone": "", "permissions": [], "remote_location": "TBC", "retention_policy": {"name": "Last 2 days", "rules": [{"period": "days", "quantity": 2}]}, "tags": [], "type": "backup", "user_timezone": "America/Danmarkshavn"},
    rule: { repeat: { everyHours: 1 }, window: { start: { hour: 0, minute: 0 }, end: { hour: 23, minute: 45 } } },
    description: 'Every hour (America/Danmarkshavn)',
    rrule: 'DTSTART;TZID=America/Danmarkshavn:20260101T000000\nRRULE:FREQ=DAILY;BYHOUR=0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23;BYMINUTE=0;BYSECOND=0',
    next: ['2026-01-15T11:00Z', '2026-01-15T12:00Z', '2026-01-15T13:00Z', '2026-01-15T14:00Z', '2026-01-15T15:00Z'],
  },
  {
    // 4.12 "snapshots policy" (§2.7 verbatim): repeat */2 from 00:00, whole day: 00, 02, ..., 22:00
    // UTC+0. After 10:00: 12, 14, 16, 18, 20:00Z.
    id: '4.12 snapshots policy',
    native: {"enable_backup_policy_notifications": true, "enable_retention_policy_notifications": false, "grantees": [], "incremental_backup": {"day_of_month": "*", "day_of_week": ["*"], "end_time": {"hour": 23, "minute": 45}, "hour": "", "minute": "*", "month": "*", "repeat": {"hour": "*/2", "minute": ""}, "start_time": {"hour": 0, "minute": 0}}, "initial_backup": {"day_of_week": ["*"], "end_time": {"hour": 23, "minute": 45}, "start_time": {"hour": 0, "minute": 0}}, "is_default": false, "is_enabled": true, "manual_incremental_backup": "", "meta": {}, "name": "snapshots policy", "orchestrator_timezone": "", "owner": {"resource_uri": "/api/2.0/user/6a02f732-.../", "uuid": "6a02f732-..."}, "permissions": [], "remote_location": "TBC", "resource_uri": "/api/2.0/backupschedulers/eb352f24-.../", "retention_policy": {"name": "Last 3 days", "rules": [{"period": "days", "quantity": 3}]}, "tags": [], "type": "snapshot", "user_timezone": "America/Danmarkshavn", "uuid": "eb352f24-..."},
    rule: { repeat: { everyHours: 2 } },
    description: 'Every 2 hours (America/Danmarkshavn)',
    rrule: 'DTSTART;TZID=America/Danmarkshavn:20260101T000000\nRRULE:FREQ=DAILY;BYHOUR=0,2,4,6,8,10,12,14,16,18,20,22;BYMINUTE=0;BYSECOND=0',
    next: ['2026-01-15T12:00Z', '2026-01-15T14:00Z', '2026-01-15T16:00Z', '2026-01-15T18:00Z', '2026-01-15T20:00Z'],
  },
  {
    // 4.12 old 2024 `dr` dumps: repeat minute */15 (the rest of the body is assumed: every day, no
    // window, Etc/UTC): every 15 minutes from 00:00. After 10:00: 10:15, 10:30, 10:45, 11:00, 11:15.
    id: '4.12 dr */15',
    native: { type: 'dr', name: 'dr', is_enabled: true, is_default: true, user_timezone: 'Etc/UTC', orchestrator_timezone: 'Etc/UTC', incremental_backup: { day_of_month: '*', day_of_week: ['*'], month: '*', hour: '*', minute: '*', repeat: { hour: '', minute: '*/15' }, start_time: { hour: '', minute: '' }, end_time: { hour: '', minute: '' } } },
    rule: { repeat: { everyMinutes: 15 } },
    description: 'Every 15 minutes (Etc/UTC)',
    rrule: 'DTSTART;TZID=Etc/UTC:20260101T000000\nRRULE:FREQ=DAILY;BYHOUR=0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23;BYMINUTE=0,15,30,45;BYSECOND=0',
    next: ['2026-01-15T10:15Z', '2026-01-15T10:30Z', '2026-01-15T10:45Z', '2026-01-15T11:00Z', '2026-01-15T11:15Z'],
  },
];

describe('CloudSigma example schedulers (cloudsigma.md §4)', () => {
  it.each(EXAMPLES)('$id: parse, describe, rrule, next runs', ({ native, rule, description, rrule, next }) => {
    const copy = structuredClone(native);
    const recurrence = cloudSigmaRecurrence(native);
    expect(recurrence.native).toBe(native);
    expect(native).toEqual(copy); // untouched
    expect(recurrence.timezone).toBe(native.user_timezone);
    // `rule` lists the fields that matter; an undefined one must be absent.
    const present = Object.fromEntries(Object.entries(rule).filter(([, v]) => v !== undefined));
    expect(recurrence.rule).toMatchObject({ kind: 'cronlike', ...present });
    for (const [key, v] of Object.entries(rule)) if (v === undefined) expect(recurrence.rule).not.toHaveProperty(key);
    expect(recurrence.description).toBe(description);
    expect(recurrence.rrule).toBe(rrule);
    expect(runs(recurrence, AFTER, 5)).toEqual(next);
  });

  it('reads the server-normalised forms like the request forms (§2.3: [""], month lists, integer windows)', () => {
    // 4.2 as the detail list returns it: day_of_week [""], window integers (already), "" fields.
    const request = EXAMPLES.find((e) => e.id === '4.2')!.native;
    const stored = structuredClone(request) as { incremental_backup: Record<string, unknown> };
    stored.incremental_backup.day_of_week = [''];
    expect(parseIncrementalBackup(stored)).toEqual(parseIncrementalBackup(request));
    // 4.9: month "2,4,..." comes back as a list; 4.5: windows come back as integers.
    const bimonthly = structuredClone(EXAMPLES.find((e) => e.id === '4.9')!.native) as { incremental_backup: Record<string, unknown> };
    const normalised = structuredClone(bimonthly);
    normalised.incremental_backup.month = ['2', '4', '6', '8', '10', '12'];
    normalised.incremental_backup.day_of_week = [''];
    expect(parseIncrementalBackup(normalised)).toEqual(parseIncrementalBackup(bimonthly));
    const hourly = EXAMPLES.find((e) => e.id === '4.5')!.native;
    const hourlyStored = structuredClone(hourly) as { incremental_backup: Record<string, unknown> };
    hourlyStored.incremental_backup.start_time = { hour: 20, minute: 0 };
    hourlyStored.incremental_backup.end_time = { hour: 23, minute: 0 };
    expect(parseIncrementalBackup(hourlyStored)).toEqual(parseIncrementalBackup(hourly));
  });

  it('user_timezone: the argument overrides the native one; missing or "" means Etc/UTC', () => {
    const native = EXAMPLES.find((e) => e.id === '4.7')!.native;
    expect(cloudSigmaRecurrence(native, 'Europe/Zurich').description).toBe('Mon–Fri at 03:00 (Europe/Zurich)');
    expect(parseIncrementalBackup({ ...native, user_timezone: '' }).timezone).toBe('Etc/UTC');
    expect(parseIncrementalBackup({ incremental_backup: { hour: '3', minute: '0' } }).timezone).toBe('Etc/UTC');
  });
});

// ---------------------------------------------------------------------------------------------
// DST: both transitions, two zones, a weekly rule and a cron-like rule each.

const cronLike = (incremental_backup: Record<string, unknown>, user_timezone: string, manual = '') =>
  cloudSigmaRecurrence({ incremental_backup, user_timezone, manual_incremental_backup: manual });

describe('DST policy (a gap time shifts forward by the gap; a repeated time runs once, first)', () => {
  it('Europe/London, spring forward (Sun 29 Mar 2026, 01:00 GMT -> 02:00 BST)', () => {
    // Weekly Sun 01:30: 29 Mar 01:30 does not exist -> shifted by the 1 h gap to 02:30 BST = 01:30Z
    // (i.e. the wall time read with the pre-gap offset +0). 5 Apr 01:30 BST = 00:30Z.
    const weekly = weeklyRecurrence({ kind: 'weekly', daysOfWeek: [0], times: ['01:30'] }, 'Europe/London', null);
    expect(runs(weekly, '2026-03-28T12:00:00Z', 2)).toEqual(['2026-03-29T01:30Z', '2026-04-05T00:30Z']);
    // The same as a cron-like rule (sun, hour 1, minute 30): the same instants.
    const fixed = cronLike({ day_of_week: ['sun'], hour: '1', minute: '30' }, 'Europe/London');
    expect(runs(fixed, '2026-03-28T12:00:00Z', 2)).toEqual(['2026-03-29T01:30Z', '2026-04-05T00:30Z']);
    // Hourly interval (*/1, whole day) on 29 Mar after 28 Mar 23:30Z: 00:00 GMT = 00:00Z; 01:00 is in
    // the gap -> 02:00 BST = 01:00Z, which is also the 02:00 run -> once; 03:00 BST = 02:00Z;
    // 04:00 BST = 03:00Z; 05:00 BST = 04:00Z. The UTC sequence stays hourly.
    const hourly = cronLike({ hour: '*', minute: '*', repeat: { hour: '*/1', minute: '' } }, 'Europe/London');
    expect(runs(hourly, '2026-03-28T23:30:00Z', 5)).toEqual(['2026-03-29T00:00Z', '2026-03-29T01:00Z', '2026-03-29T02:00Z', '2026-03-29T03:00Z', '2026-03-29T04:00Z']);
  });

  it('Europe/London, fall back (Sun 25 Oct 2026, 02:00 BST -> 01:00 GMT)', () => {
    // Weekly Sun 01:30: 25 Oct 01:30 happens at 00:30Z (BST) and 01:30Z (GMT) -> first: 00:30Z.
    // 1 Nov 01:30 GMT = 01:30Z.
    const weekly = weeklyRecurrence({ kind: 'weekly', daysOfWeek: [0], times: ['01:30'] }, 'Europe/London', null);
    expect(runs(weekly, '2026-10-24T12:00:00Z', 2)).toEqual(['2026-10-25T00:30Z', '2026-11-01T01:30Z']);
    const fixed = cronLike({ day_of_week: 'sun', hour: 1, minute: 30 }, 'Europe/London');
    expect(runs(fixed, '2026-10-24T12:00:00Z', 2)).toEqual(['2026-10-25T00:30Z', '2026-11-01T01:30Z']);
    // Hourly after 24 Oct 22:30Z (= 23:30 BST): 25 Oct 00:00 BST = 24 Oct 23:00Z; 01:00 first
    // occurrence (BST) = 00:00Z, its second occurrence (GMT, 01:00Z) does not run; 02:00 GMT = 02:00Z;
    // 03:00Z; 04:00Z. The interval pauses for the repeated hour (2 h between 00:00Z and 02:00Z).
    const hourly = cronLike({ hour: '*', minute: '*', repeat: { hour: '*/1', minute: '' } }, 'Europe/London');
    expect(runs(hourly, '2026-10-24T22:30:00Z', 5)).toEqual(['2026-10-24T23:00Z', '2026-10-25T00:00Z', '2026-10-25T02:00Z', '2026-10-25T03:00Z', '2026-10-25T04:00Z']);
  });

  it('America/New_York, spring forward (Sun 8 Mar 2026, 02:00 EST -> 03:00 EDT)', () => {
    // Weekly Sun 02:30: in the gap -> 03:30 EDT = 07:30Z (02:30 read at EST -5). 15 Mar 02:30 EDT = 06:30Z.
    const weekly = weeklyRecurrence({ kind: 'weekly', daysOfWeek: [0], times: ['02:30'] }, 'America/New_York', null);
    expect(runs(weekly, '2026-03-07T12:00:00Z', 2)).toEqual(['2026-03-08T07:30Z', '2026-03-15T06:30Z']);
    // Cron-like manual 01:30 and 02:30 on Sundays: 8 Mar 01:30 EST = 06:30Z; 02:30 gap -> 07:30Z;
    // 15 Mar 01:30 EDT = 05:30Z, 02:30 EDT = 06:30Z.
    const manual = cronLike({ day_of_week: ['sun'], hour: '', minute: '' }, 'America/New_York', '01:30,02:30');
    expect(runs(manual, '2026-03-07T12:00:00Z', 4)).toEqual(['2026-03-08T06:30Z', '2026-03-08T07:30Z', '2026-03-15T05:30Z', '2026-03-15T06:30Z']);
    // Every 30 min in 01:00-03:30 on 8 Mar: 01:00 EST = 06:00Z, 01:30 = 06:30Z, 02:00 (gap) -> 03:00
    // EDT = 07:00Z, 02:30 (gap) -> 07:30Z, 03:00 EDT = 07:00Z and 03:30 EDT = 07:30Z coincide with the
    // shifted runs -> once each. Next day 9 Mar 01:00 EDT = 05:00Z.
    const interval = cronLike({ repeat: { hour: '', minute: '*/30' }, start_time: { hour: 1, minute: 0 }, end_time: { hour: 3, minute: 30 } }, 'America/New_York');
    expect(runs(interval, '2026-03-08T05:00:00Z', 5)).toEqual(['2026-03-08T06:00Z', '2026-03-08T06:30Z', '2026-03-08T07:00Z', '2026-03-08T07:30Z', '2026-03-09T05:00Z']);
  });

  it('America/New_York, fall back (Sun 1 Nov 2026, 02:00 EDT -> 01:00 EST)', () => {
    // Weekly Sun 01:30: 1 Nov 01:30 EDT = 05:30Z (first of 05:30Z/06:30Z). 8 Nov 01:30 EST = 06:30Z.
    const weekly = weeklyRecurrence({ kind: 'weekly', daysOfWeek: [0], times: ['01:30'] }, 'America/New_York', null);
    expect(runs(weekly, '2026-10-31T12:00:00Z', 2)).toEqual(['2026-11-01T05:30Z', '2026-11-08T06:30Z']);
    // Manual 01:30, 02:30 Sundays: 1 Nov 01:30 -> 05:30Z (first), 02:30 EST = 07:30Z; 8 Nov 06:30Z, 07:30Z.
    const manual = cronLike({ day_of_week: ['sun'] }, 'America/New_York', '01:30,02:30');
    expect(runs(manual, '2026-10-31T12:00:00Z', 4)).toEqual(['2026-11-01T05:30Z', '2026-11-01T07:30Z', '2026-11-08T06:30Z', '2026-11-08T07:30Z']);
  });
});

// ---------------------------------------------------------------------------------------------
// Windows, steps, day narrowing, manual times.

describe('cron-like semantics', () => {
  it('a window wrapping midnight filters times of day on every matching date (not a session)', () => {
    // Fridays only, hourly from 22:00 to 02:00 (UTC): the times of day are 22:00, 23:00, 00:00, 01:00,
    // 02:00, and each run's own date must be a Friday. After Thu 15 Jan 10:00: Fri 16 Jan 00:00,
    // 01:00, 02:00, 22:00, 23:00, then Fri 23 Jan 00:00 (Sat 17 00:00-02:00 is not a Friday).
    const r = cronLike({ day_of_week: ['fri'], repeat: { hour: '*/1', minute: '' }, start_time: { hour: 22, minute: 0 }, end_time: { hour: 2, minute: 0 } }, 'UTC');
    expect(r.description).toBe('Fri: every hour between 22:00 and 02:00 — 00:00, 01:00, 02:00, 22:00, 23:00 (UTC)');
    expect(r.rrule).toBe('DTSTART;TZID=UTC:20260102T000000\nRRULE:FREQ=WEEKLY;BYDAY=FR;BYHOUR=0,1,2,22,23;BYMINUTE=0;BYSECOND=0');
    expect(runs(r, AFTER, 6)).toEqual(['2026-01-16T00:00Z', '2026-01-16T01:00Z', '2026-01-16T02:00Z', '2026-01-16T22:00Z', '2026-01-16T23:00Z', '2026-01-23T00:00Z']);
    // Fixed every hour at :30 in 23:00->01:00: 23:30 and 00:30 (01:30 is past the inclusive end).
    const fixed = cronLike({ hour: '*', minute: '30', start_time: { hour: '23', minute: '00' }, end_time: { hour: '1', minute: '0' } }, 'UTC');
    expect(fixed.description).toBe('Every day at 00:30, 23:30 (UTC)');
    expect(runs(fixed, AFTER, 4)).toEqual(['2026-01-15T23:30Z', '2026-01-16T00:30Z', '2026-01-16T23:30Z', '2026-01-17T00:30Z']);
    // A step that does not fit: every 3 h from 22:00 to 02:00 = 22:00, 01:00 (04:00 is past the end).
    const step = cronLike({ repeat: { hour: '*/3' }, start_time: { hour: 22, minute: 0 }, end_time: { hour: 2, minute: 0 } }, 'UTC');
    expect(runs(step, AFTER, 3)).toEqual(['2026-01-15T22:00Z', '2026-01-16T01:00Z', '2026-01-16T22:00Z']);
  });

  it('*/N steps: within a window, restarting each day, combined hour+minute, and in the hour field', () => {
    // */45 in 20:00-23:00 (end inclusive): 20:00, 20:45, 21:30, 22:15, 23:00 (= 4 x 45 min).
    const w = cronLike({ hour: '*', minute: '*', repeat: { hour: '', minute: '*/45' }, start_time: { hour: '20', minute: '00' }, end_time: { hour: '23', minute: '00' } }, 'UTC');
    expect(w.description).toBe('Every 45 minutes between 20:00 and 23:00 — 20:00, 20:45, 21:30, 22:15, 23:00 (UTC)');
    expect(runs(w, AFTER, 6)).toEqual(['2026-01-15T20:00Z', '2026-01-15T20:45Z', '2026-01-15T21:30Z', '2026-01-15T22:15Z', '2026-01-15T23:00Z', '2026-01-16T20:00Z']);
    // RRULE lines group hours with equal minutes: 20 -> :00,:45; 21 -> :30; 22 -> :15; 23 -> :00.
    expect(w.rrule?.split('\n')).toEqual([
      'DTSTART;TZID=UTC:20260101T200000',
      'RRULE:FREQ=DAILY;BYHOUR=20;BYMINUTE=0,45;BYSECOND=0',
      'RRULE:FREQ=DAILY;BYHOUR=21;BYMINUTE=30;BYSECOND=0',
      'RRULE:FREQ=DAILY;BYHOUR=22;BYMINUTE=15;BYSECOND=0',
      'RRULE:FREQ=DAILY;BYHOUR=23;BYMINUTE=0;BYSECOND=0',
    ]);
    // */5 hours from 00:00: 00, 05, 10, 15, 20 -- then 00:00 again (the step restarts each day).
    // After 10:00: 15:00, 20:00, 16 Jan 00:00, 05:00, 10:00.
    const five = cronLike({ repeat: { hour: '*/5', minute: '' } }, 'UTC');
    expect(runs(five, AFTER, 5)).toEqual(['2026-01-15T15:00Z', '2026-01-15T20:00Z', '2026-01-16T00:00Z', '2026-01-16T05:00Z', '2026-01-16T10:00Z']);
    // repeat hour */1 and minute */30 = a 90-minute step: 00:00, 01:30, 03:00, ..., 09:00, 10:30, 12:00.
    const ninety = cronLike({ repeat: { hour: '*/1', minute: '*/30' } }, 'UTC');
    expect(ninety.description).toBe('Every 1 h 30 min (UTC)');
    expect(runs(ninety, AFTER, 2)).toEqual(['2026-01-15T10:30Z', '2026-01-15T12:00Z']);
    // A step in the hour field itself (fixed mode): "*/6" x minute 15 = 00:15, 06:15, 12:15, 18:15.
    const field = cronLike({ hour: '*/6', minute: '15' }, 'UTC');
    expect(field.description).toBe('Every day at 00:15, 06:15, 12:15, 18:15 (UTC)');
    expect(runs(field, AFTER, 3)).toEqual(['2026-01-15T12:15Z', '2026-01-15T18:15Z', '2026-01-16T00:15Z']);
  });

  it('day_of_month and month narrow the dates (ANDed with day_of_week)', () => {
    // The 1st and 15th of Jan and Jul (list form) at 06:00 UTC. After 15 Jan 10:00 (15 Jan 06:00 has
    // passed): 1 Jul, 15 Jul 2026, 1 Jan 2027, 15 Jan 2027.
    const r = cronLike({ day_of_month: '1,15', month: ['1', '7'], hour: '6', minute: '0' }, 'UTC');
    expect(r.description).toBe('Days 1, 15 of Jan, Jul at 06:00 (UTC)');
    expect(r.rrule).toBe('DTSTART;TZID=UTC:20260101T060000\nRRULE:FREQ=MONTHLY;BYMONTH=1,7;BYMONTHDAY=1,15;BYHOUR=6;BYMINUTE=0;BYSECOND=0');
    expect(runs(r, AFTER, 4)).toEqual(['2026-07-01T06:00Z', '2026-07-15T06:00Z', '2027-01-01T06:00Z', '2027-01-15T06:00Z']);
    // Friday the 13th: day_of_month 13 AND fri -> 13 Feb, 13 Mar, 13 Nov 2026, 13 Aug 2027.
    const friday13 = cronLike({ day_of_month: '13', day_of_week: ['fri'], hour: '0', minute: '0' }, 'UTC');
    expect(friday13.description).toBe('Day 13 of every month, Fri only, at 00:00 (UTC)');
    expect(runs(friday13, AFTER, 4)).toEqual(['2026-02-13T00:00Z', '2026-03-13T00:00Z', '2026-11-13T00:00Z', '2027-08-13T00:00Z']);
    // "last" day of February: 28 Feb 2026, 28 Feb 2027, 29 Feb 2028 (leap).
    const last = cronLike({ day_of_month: 'last', month: 'feb', hour: '12', minute: '0' }, 'UTC');
    expect(last.rrule).toContain('BYMONTH=2;BYMONTHDAY=-1;');
    expect(runs(last, AFTER, 3)).toEqual(['2026-02-28T12:00Z', '2027-02-28T12:00Z', '2028-02-29T12:00Z']);
    // 31 February never exists: no runs, no rrule, and the description says so.
    const never = cronLike({ day_of_month: '31', month: '2', hour: '1', minute: '0' }, 'UTC');
    expect(never.rrule).toBeUndefined();
    expect(never.description).toBe('Never runs: day 31 of Feb never occurs (UTC)');
    expect(runs(never, AFTER, 3)).toEqual([]);
  });

  it('manual times replace hour/minute/repeat; the window and the days still apply', () => {
    // Manual 02:00, 08:00, 20:00 on weekends, window 07:00-19:00: only 08:00 stays. hour "3" and
    // repeat */2 are ignored. Sat 17 Jan 08:00, Sun 18 Jan 08:00, Sat 24 Jan 08:00.
    const r = cronLike({ day_of_week: ['sat', 'sun'], hour: '3', minute: '0', repeat: { hour: '*/2', minute: '' }, start_time: { hour: 7, minute: 0 }, end_time: { hour: 19, minute: 0 } }, 'UTC', '02:00, 08:00,20:00');
    expect(r.rule).toMatchObject({ manualTimes: ['02:00', '08:00', '20:00'] });
    expect(r.description).toBe('Sat, Sun at 08:00 (UTC)');
    expect(r.rrule).toBe('DTSTART;TZID=UTC:20260103T080000\nRRULE:FREQ=WEEKLY;BYDAY=SU,SA;BYHOUR=8;BYMINUTE=0;BYSECOND=0');
    expect(runs(r, AFTER, 3)).toEqual(['2026-01-17T08:00Z', '2026-01-18T08:00Z', '2026-01-24T08:00Z']);
    // Manual times all outside the window: never runs.
    const none = cronLike({ start_time: { hour: 7, minute: 0 }, end_time: { hour: 19, minute: 0 } }, 'UTC', '02:00');
    expect(none.description).toBe('Never runs: no manual time falls in the window 07:00–19:00 (UTC)');
    expect(none.rrule).toBeUndefined();
  });

  it('hour and minute both "" with no repeat and no manual times never run; "" hour + minute = every hour', () => {
    const empty = cronLike({ day_of_week: ['*'], hour: '', minute: '', repeat: { hour: '', minute: '' } }, 'UTC');
    expect(empty.description).toBe('Never runs: no time of day is set (hour, minute, repeat and manual times are empty) (UTC)');
    expect(empty.rrule).toBeUndefined();
    expect(runs(empty, AFTER, 2)).toEqual([]);
    const hourly = cronLike({ hour: '', minute: '30' }, 'UTC');
    expect(hourly.description).toBe('Every hour at :30 (UTC)');
    expect(runs(hourly, AFTER, 2)).toEqual(['2026-01-15T10:30Z', '2026-01-15T11:30Z']);
  });

  it('reads ranges, names, numbers and "HH:MM" windows leniently', () => {
    const { rule } = parseIncrementalBackup({ incremental_backup: { day_of_week: 'mon-fri', month: 'jan-mar', day_of_month: ['1-7/3'], hour: 3, minute: '00', start_time: '01:00', end_time: { hour: '5' } } });
    expect(rule).toEqual({ kind: 'cronlike', daysOfWeek: [1, 2, 3, 4, 5], daysOfMonth: [1, 4, 7], months: [1, 2, 3], hours: [3], minutes: [0], window: { start: { hour: 1, minute: 0 }, end: { hour: 5, minute: 0 } } });
    // APScheduler numbering for bare day numbers: 0 = mon .. 6 = sun; all seven = any.
    expect(parseIncrementalBackup({ incremental_backup: { day_of_week: ['0', '6'] } }).rule.daysOfWeek).toEqual([0, 1]);
    expect(parseIncrementalBackup({ incremental_backup: { day_of_week: ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] } }).rule.daysOfWeek).toBe('*');
  });
});

describe('bad natives -> ValidationError with the field', () => {
  const base = { day_of_week: ['mon'], day_of_month: '*', month: '*', hour: '3', minute: '0', repeat: { hour: '', minute: '' } };
  it.each([
    ['hour 25', { incremental_backup: { ...base, hour: '25' } }, 'native.incremental_backup.hour'],
    ['minute "x"', { incremental_backup: { ...base, minute: 'x' } }, 'native.incremental_backup.minute'],
    ['unknown day name', { incremental_backup: { ...base, day_of_week: ['mon', 'funday'] } }, 'native.incremental_backup.day_of_week'],
    ['day_of_month 32', { incremental_backup: { ...base, day_of_month: '32' } }, 'native.incremental_backup.day_of_month'],
    ['month 13 in a list', { incremental_backup: { ...base, month: ['1', '13'] } }, 'native.incremental_backup.month'],
    ['reversed range', { incremental_backup: { ...base, hour: '5-3' } }, 'native.incremental_backup.hour'],
    ['repeat */0', { incremental_backup: { ...base, repeat: { hour: '*/0', minute: '' } } }, 'native.incremental_backup.repeat.hour'],
    ['repeat "often"', { incremental_backup: { ...base, repeat: { hour: '', minute: 'often' } } }, 'native.incremental_backup.repeat.minute'],
    ['window hour 24', { incremental_backup: { ...base, start_time: { hour: 24, minute: 0 }, end_time: { hour: 1, minute: 0 } } }, 'native.incremental_backup.start_time.hour'],
    ['window minute "ab"', { incremental_backup: { ...base, start_time: { hour: 1, minute: 0 }, end_time: { hour: 2, minute: 'ab' } } }, 'native.incremental_backup.end_time.minute'],
    ['a day that is an object', { incremental_backup: { ...base, day_of_week: [{}] } }, 'native.incremental_backup.day_of_week'],
    ['manual 25:00', { incremental_backup: base, manual_incremental_backup: '02:00,25:00' }, 'native.manual_incremental_backup'],
    ['manual "2am"', { incremental_backup: base, manual_incremental_backup: '2am' }, 'native.manual_incremental_backup'],
    ['no incremental_backup', { manual_incremental_backup: '' }, 'native.incremental_backup'],
    ['unknown time zone', { incremental_backup: base, user_timezone: 'Mars/Olympus' }, 'native.user_timezone'],
  ])('%s', (_, native, field) => {
    let error: unknown;
    try {
      parseIncrementalBackup(native);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).field).toBe(field);
    expect((error as ValidationError).code).toBe('VALIDATION');
  });
});

// ---------------------------------------------------------------------------------------------
// Portable weekly -> CloudSigma

describe('weeklyToIncrementalBackup', () => {
  const noWindow = { hour: '', minute: '' };
  it.each([
    ['one time', { daysOfWeek: [1, 2, 3, 4, 5], times: ['03:00'] }, { day_of_week: ['mon', 'tue', 'wed', 'thu', 'fri'], hour: '3', minute: '0' }, ''],
    ['several times, equal minutes', { daysOfWeek: [0], times: ['13:00', '01:00'] }, { day_of_week: ['sun'], hour: '1,13', minute: '0' }, ''],
    ['an hours x minutes grid', { daysOfWeek: [6, 0], times: ['02:00', '02:30', '14:00', '14:30'] }, { day_of_week: ['sat', 'sun'], hour: '2,14', minute: '0,30' }, ''],
    ['every day', { daysOfWeek: [0, 1, 2, 3, 4, 5, 6], times: ['23:59'] }, { day_of_week: ['*'], hour: '23', minute: '59' }, ''],
    ['irregular times -> manual', { daysOfWeek: [6, 0], times: ['22:15', '2:00', '06:00'] }, { day_of_week: ['sat', 'sun'], hour: '', minute: '' }, '02:00,06:00,22:15'],
  ])('%s', (_, weekly, fields, manual) => {
    const out = weeklyToIncrementalBackup(weekly);
    expect(out.incremental_backup).toEqual({ day_of_month: '*', month: '*', repeat: { hour: '', minute: '' }, start_time: noWindow, end_time: noWindow, ...fields });
    expect(out.manual_incremental_backup).toBe(manual);
    // Round trip: the CloudSigma form runs exactly when the weekly rule does (a month of runs, London).
    const back = cloudSigmaRecurrence({ ...out, user_timezone: 'Europe/London' });
    const there = weeklyRecurrence({ kind: 'weekly', ...weekly }, 'Europe/London', null);
    expect(runs(back, '2026-03-20T00:00:00Z', 40)).toEqual(runs(there, '2026-03-20T00:00:00Z', 40));
  });

  it.each([
    ['no days (CloudSigma would read [] as every day)', { daysOfWeek: [], times: ['03:00'] }, 'weekly.daysOfWeek'],
    ['day 7', { daysOfWeek: [7], times: ['03:00'] }, 'weekly.daysOfWeek'],
    ['no times', { daysOfWeek: [1], times: [] }, 'weekly.times'],
    ['24:00', { daysOfWeek: [1], times: ['24:00'] }, 'weekly.times'],
    ['seconds', { daysOfWeek: [1], times: ['03:00:30'] }, 'weekly.times'],
  ])('rejects %s', (_, weekly, field) => {
    expect(() => weeklyToIncrementalBackup(weekly)).toThrow(ValidationError);
    try {
      weeklyToIncrementalBackup(weekly);
    } catch (e) {
      expect((e as ValidationError).field).toBe(field);
    }
  });
});

describe('nextRuns dispatch', () => {
  it('evaluates cron-like and weekly rules, strictly after the instant, for any count', () => {
    const r = cloudSigmaRecurrence(EXAMPLES[0].native);
    expect(nextRuns(r, new Date('2026-01-15T10:30:00Z'), 1)).toEqual([new Date('2026-01-15T11:15:00Z')]);
    expect(nextRuns(r, new Date(AFTER), 0)).toEqual([]);
    // 500 runs of */45 = 15.6 days of 32 runs, all distinct and increasing.
    const many = nextRuns(r, new Date(AFTER), 500);
    expect(many).toHaveLength(500);
    expect(many.every((d, i) => i === 0 || d.getTime() - many[i - 1].getTime() === 45 * 60_000)).toBe(true);
    expect(nextRuns({ ...r, rule: undefined }, new Date(AFTER), 3)).toEqual([]);
  });

  it('answers a later ask for the same rule (remembered runs) exactly as a fresh evaluation would', () => {
    const r = cloudSigmaRecurrence(EXAMPLES[0].native);
    const rule = r.rule as CronLikeRule;
    const fresh = (after: string, count: number, timeZone = r.timezone) => nextCronLikeRuns(rule, timeZone, new Date(after), count);
    expect(nextRuns(r, new Date(AFTER), 5)).toEqual(fresh(AFTER, 5));
    // Later instants, inside and past the remembered runs, on a run and between runs.
    for (const [after, count] of [['2026-01-15T10:30:00Z', 2], ['2026-01-15T11:15:00Z', 3], ['2026-01-15T11:15:00.001Z', 1], ['2026-02-01T00:00:00Z', 4], ['2026-02-01T00:00:00Z', 40]] as const) {
      expect(nextRuns(r, new Date(after), count)).toEqual(fresh(after, count));
    }
    // An earlier instant, and the same rule object evaluated in another zone.
    expect(nextRuns(r, new Date(AFTER), 2)).toEqual(fresh(AFTER, 2));
    expect(nextRuns({ ...r, timezone: 'America/New_York' }, new Date(AFTER), 3)).toEqual(fresh(AFTER, 3, 'America/New_York'));
    // Another rule object with the same content, and a rule that differs in one field.
    expect(nextRuns({ ...r, rule: structuredClone(rule) }, new Date('2026-01-15T10:31:00Z'), 2)).toEqual(fresh('2026-01-15T10:31:00Z', 2));
    const other: CronLikeRule = { ...rule, repeat: { everyMinutes: 30 } };
    expect(nextCronLikeRuns(other, r.timezone, new Date(AFTER), 3)).not.toEqual(fresh(AFTER, 3));
    expect(nextRuns({ ...r, rule: other }, new Date(AFTER), 3)).toEqual(nextCronLikeRuns(other, r.timezone, new Date(AFTER), 3));
    // What comes back is the caller's own: changing it changes no later answer.
    const mine = nextRuns(r, new Date(AFTER), 3);
    mine[0].setTime(0);
    mine.length = 0;
    expect(nextRuns(r, new Date(AFTER), 3)).toEqual(fresh(AFTER, 3));
  });
});

// ---------------------------------------------------------------------------------------------
// Midnight transitions and a brute-force cross-check of the evaluator's fast paths.

describe('zones whose clocks change at midnight', () => {
  it('America/Sao_Paulo 2018-19: 00:30 in the midnight gap, 23:30 in the repeated hour', () => {
    // 4 Nov 2018 00:00 BRT (-3) -> 01:00 BRST (-2): 00:30 does not exist -> 01:30 BRST = 03:30Z.
    // 3 Nov 00:30 BRT = 03:30Z as well (a day earlier); 5 Nov 00:30 BRST = 02:30Z.
    const daily = cronLike({ hour: '0', minute: '30' }, 'America/Sao_Paulo');
    expect(runs(daily, '2018-11-02T12:00:00Z', 3)).toEqual(['2018-11-03T03:30Z', '2018-11-04T03:30Z', '2018-11-05T02:30Z']);
    // 17 Feb 2019 00:00 BRST -> 16 Feb 23:00 BRT: 16 Feb 23:30 happens at 01:30Z (BRST) and 02:30Z (BRT)
    // on 17 Feb -> first, 01:30Z. 15 Feb 23:30 BRST = 16 Feb 01:30Z; 17 Feb 23:30 BRT = 18 Feb 02:30Z.
    const late = cronLike({ hour: '23', minute: '30' }, 'America/Sao_Paulo');
    expect(runs(late, '2019-02-15T12:00:00Z', 3)).toEqual(['2019-02-16T01:30Z', '2019-02-17T01:30Z', '2019-02-18T02:30Z']);
  });
});

describe('nextCronLikeRuns agrees with a brute-force evaluator', () => {
  /** Every date, every minute of the day, each through dst.ts's runInstant: no shortcuts. */
  function bruteForce(rule: CronLikeRule, timeZone: string, after: Date, count: number): string[] {
    const times = timesOfDay(rule);
    const found = new Set<number>();
    const start = new Date(after.getTime() - 2 * 86_400_000);
    for (let day = 0; day < 800 && found.size < count + 64; day++) {
      const date = new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth(), start.getUTCDate() + day));
      const [y, m, d, dow] = [date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate(), date.getUTCDay()];
      const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
      if (rule.months !== '*' && !rule.months.includes(m)) continue;
      if (rule.daysOfWeek !== '*' && !rule.daysOfWeek.includes(dow)) continue;
      if (rule.daysOfMonth !== '*' && !rule.daysOfMonth.some((x) => x === d || (x === -1 && d === last))) continue;
      for (const t of times) {
        const at = runInstant({ year: y, month: m, day: d, hour: Math.floor(t / 60), minute: t % 60, second: 0 }, timeZone).getTime();
        if (at > after.getTime()) found.add(at);
      }
    }
    return iso([...found].sort((a, b) => a - b).slice(0, count).map((t) => new Date(t)));
  }

  const natives: Array<[string, Record<string, unknown>, string?]> = [
    ['*/45 whole day', { repeat: { minute: '*/45' } }],
    ['*/1 20:00-23:00', { repeat: { hour: '*/1' }, start_time: { hour: 20, minute: 0 }, end_time: { hour: 23, minute: 0 } }],
    ['*/20 min wrapping 23:00->02:30 on fri,sat', { day_of_week: ['fri', 'sat'], repeat: { minute: '*/20' }, start_time: { hour: 23, minute: 0 }, end_time: { hour: 2, minute: 30 } }],
    ['hours 0-3 x minutes 0,30', { hour: '0-3', minute: '0,30' }],
    ['manual on weekends', { day_of_week: ['sat', 'sun'] }, '00:15,01:30,02:30,23:45'],
    ['last day of month at 01:30', { day_of_month: 'last', hour: '1', minute: '30' }],
  ];
  const zones: Array<[string, string[]]> = [
    ['Europe/London', ['2026-03-27T00:00:00Z', '2026-10-23T00:00:00Z']],
    ['America/New_York', ['2026-03-06T00:00:00Z', '2026-10-30T00:00:00Z']],
    ['America/Sao_Paulo', ['2018-11-02T00:00:00Z', '2019-02-15T00:00:00Z']],
    ['America/Santiago', ['2026-04-03T00:00:00Z', '2026-09-04T00:00:00Z']],
    ['Australia/Lord_Howe', ['2026-04-03T00:00:00Z', '2026-10-02T00:00:00Z']], // 30-minute shifts
    ['Pacific/Apia', ['2011-12-28T00:00:00Z']], // skipped 30 Dec 2011 entirely
  ];
  for (const [zone, instants] of zones) {
    it(`${zone}: ${natives.length} rules around its transitions`, () => {
      for (const [, incremental_backup, manual] of natives) {
        const { rule } = parseIncrementalBackup({ incremental_backup, manual_incremental_backup: manual ?? '', user_timezone: zone });
        for (const at of instants) {
          const count = rule.daysOfMonth === '*' ? 120 : 6;
          expect(iso(nextCronLikeRuns(rule, zone, new Date(at), count))).toEqual(bruteForce(rule, zone, new Date(at), count));
        }
      }
    });
  }
});
