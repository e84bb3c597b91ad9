// Reminding a coordinator of the call's deadline: 14 and 3 days before it, while the
// consortium is not ready to submit and no outcome is recorded. Pure; the worker's scan
// (workers/deadlines.ts) gathers the facts and claims each reminder once.

/** Days before the deadline a reminder goes out, widest first. */
export const REMINDER_DAYS = [14, 3] as const;
export type ReminderDays = (typeof REMINDER_DAYS)[number];

export interface ReminderFacts {
  /** Whole days to the deadline in Stockholm's calendar (app/domain/home.ts daysLeft); null without a deadline. */
  daysLeft: number | null;
  ready: boolean;
  /** Whether an outcome (submitted, granted, not granted) is recorded. */
  hasOutcome: boolean;
  /** The reminders already sent for this deadline. */
  sent: readonly number[];
}

/**
 * The reminder due now, or null. The closest threshold at or above the days left: a
 * consortium started 10 days before the deadline gets the 14-day reminder (saying 10 days),
 * one started 2 days before only the 3-day one; none once the deadline has passed.
 */
export function dueReminder(f: ReminderFacts): ReminderDays | null {
  if (f.daysLeft === null || f.daysLeft < 0 || f.ready || f.hasOutcome) return null;
  const due = [...REMINDER_DAYS].reverse().find((d) => f.daysLeft! <= d) ?? null;
  return due !== null && !f.sent.includes(due) ? due : null;
}
