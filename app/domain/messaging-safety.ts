// Answering well and writing safely: how fast a side usually answers, when a first message
// left unanswered earns its one reminder, and the per-sender limit of new conversations.
// Pure rules over plain facts; the queries are in app/models/conversation.server.ts,
// app/models/block.server.ts and workers/conversation-reminders.ts.

const DAY = 24 * 3600 * 1000;

/** The response-time figure looks at conversations opened in this window before now. */
export const RESPONSE_WINDOW_DAYS = 365;
/** Fewer first messages than this in the window and no figure is shown: two threads say little. */
export const RESPONSE_MIN_THREADS = 3;
/**
 * An unanswered first message younger than this is left out of the figure: nobody can tell
 * yet whether it will be answered quickly. Older, it counts as never answered.
 */
export const UNANSWERED_GRACE_DAYS = 30;

export interface Thread {
  createdAt: Date;
  /** The side written to first replied or said "not interested"; null: not yet. */
  firstResponseAt: Date | null;
}

export type ResponseTime =
  | { kind: "too-few"; threads: number }
  /** At least half of the counted first messages were answered within `days` days. */
  | { kind: "days"; days: number; threads: number }
  /** Fewer than half of the counted first messages were answered at all. */
  | { kind: "seldom"; threads: number };

/**
 * "Usually answers within N days": over the first messages of the last 12 months, the
 * smallest whole number of days (at least 1) within which at least half were answered. A
 * "not interested" is an answer. An unanswered message counts as never answered once it
 * has waited UNANSWERED_GRACE_DAYS, and is left out before that: counting it as answered
 * "so far" would flatter, counting a day-old one as never answered would slander. When
 * more than half of those counted were never answered, the figure says so instead of
 * giving a number.
 */
export function responseTime(threads: readonly Thread[], now: Date): ResponseTime {
  const since = now.getTime() - RESPONSE_WINDOW_DAYS * DAY;
  const waits: number[] = [];
  for (const t of threads) {
    const opened = t.createdAt.getTime();
    if (opened < since || opened > now.getTime()) continue;
    if (t.firstResponseAt) waits.push(Math.max(0, t.firstResponseAt.getTime() - opened));
    else if (now.getTime() - opened >= UNANSWERED_GRACE_DAYS * DAY) waits.push(Infinity);
  }
  if (waits.length < RESPONSE_MIN_THREADS) return { kind: "too-few", threads: waits.length };
  waits.sort((a, b) => a - b);
  // The wait within which at least half were answered: the ceil(n/2)-th shortest.
  const half = waits[Math.ceil(waits.length / 2) - 1]!;
  if (half === Infinity) return { kind: "seldom", threads: waits.length };
  return { kind: "days", days: Math.max(1, Math.ceil(half / DAY)), threads: waits.length };
}

/** A first message earns one reminder once it has waited this many whole working days. */
export const REMINDER_WORKING_DAYS = 5;

/** A calendar date, as the year, month (1–12) and day. */
export interface CalendarDate {
  y: number;
  m: number;
  d: number;
}

const stockholm = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Stockholm", year: "numeric", month: "2-digit", day: "2-digit" });

/** The date an instant falls on in Stockholm. */
export function stockholmDate(at: Date): CalendarDate {
  const [y, m, d] = stockholm.format(at).split("-").map(Number);
  return { y: y!, m: m!, d: d! };
}

/** Easter Sunday of a Gregorian year (the anonymous Gregorian algorithm). */
export function easterSunday(y: number): CalendarDate {
  const a = y % 19;
  const b = Math.floor(y / 100);
  const c = y % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return { y, m: month, d: day };
}

// Calendar arithmetic on UTC midnights, so no clock change gets in the way.
const utc = (c: CalendarDate) => Date.UTC(c.y, c.m - 1, c.d);
const fromUtc = (t: number): CalendarDate => {
  const d = new Date(t);
  return { y: d.getUTCFullYear(), m: d.getUTCMonth() + 1, d: d.getUTCDate() };
};
const addDays = (c: CalendarDate, n: number) => fromUtc(utc(c) + n * DAY);
const key = (c: CalendarDate) => `${c.m}-${c.d}`;

/**
 * The weekdays on which Swedish workplaces are closed: the public holidays (New Year, Epiphany,
 * Good Friday, Easter Monday, 1 May, Ascension, the National Day, Christmas Day, Boxing Day)
 * and the eves treated as holidays by custom and most agreements (Midsummer Eve, Christmas Eve,
 * New Year's Eve). Midsummer Day and All Saints' Day always fall on a Saturday.
 */
export function swedishHolidays(y: number): Set<string> {
  const easter = easterSunday(y);
  const fixed = ["1-1", "1-6", "5-1", "6-6", "12-24", "12-25", "12-26", "12-31"];
  // Midsummer Eve: the Friday between 19 and 25 June.
  let midsummer: CalendarDate = { y, m: 6, d: 19 };
  while (new Date(utc(midsummer)).getUTCDay() !== 5) midsummer = addDays(midsummer, 1);
  return new Set([...fixed, key(addDays(easter, -2)), key(addDays(easter, 1)), key(addDays(easter, 39)), key(midsummer)]);
}

export function isWorkingDay(c: CalendarDate): boolean {
  const weekday = new Date(utc(c)).getUTCDay();
  return weekday !== 0 && weekday !== 6 && !swedishHolidays(c.y).has(key(c));
}

/** The whole working days strictly between two dates (neither end counts). */
export function workingDaysBetween(from: CalendarDate, to: CalendarDate): number {
  let n = 0;
  for (let c = addDays(from, 1); utc(c) < utc(to); c = addDays(c, 1)) if (isWorkingDay(c)) n++;
  return n;
}

/**
 * Whether a first message sent at `sentAt` has waited REMINDER_WORKING_DAYS whole working days
 * by `now`, in Stockholm dates: sent on a Monday, the reminder is due from the Tuesday after
 * next (Tuesday to Friday and the next Monday have passed), later over a holiday.
 */
export function reminderDue(sentAt: Date, now: Date): boolean {
  return workingDaysBetween(stockholmDate(sentAt), stockholmDate(now)) >= REMINDER_WORKING_DAYS;
}

/** New conversations one person may open within any 24 hours, unless configured otherwise. */
export const DEFAULT_DAILY_CONVERSATIONS = 20;
export const LIMIT_WINDOW_MS = DAY;

/** Whether one more conversation would pass the limit, given how many the sender opened in the last 24 hours. */
export const overLimit = (openedInWindow: number, limit: number): boolean => openedInWindow >= limit;

/** A report's reason: required, and at most this many characters. */
export const REPORT_REASON_MAX = 1000;

export function reportReasonProblem(reason: string): "empty" | "too-long" | null {
  if (reason.trim() === "") return "empty";
  if ([...reason].length > REPORT_REASON_MAX) return "too-long";
  return null;
}

/** Who blocks whom: the side written to blocks its sender, for itself (a person) or for the organization it answers for. */
export type BlockScope = { kind: "person"; userId: string } | { kind: "organization"; organizationId: string };

/**
 * Whether a sender may write to a side, given the blocks on the sender: blocked by the person
 * written to, or by the organization (also when writing about its posting).
 */
export function isBlocked(
  blocks: { personIds: ReadonlySet<string>; organizationIds: ReadonlySet<string> },
  to: { userId?: string | null; organizationId?: string | null },
): boolean {
  return Boolean((to.userId && blocks.personIds.has(to.userId)) || (to.organizationId && blocks.organizationIds.has(to.organizationId)));
}
