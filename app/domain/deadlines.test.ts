import { describe, expect, it } from "vitest";
import { dueReminder, type ReminderFacts } from "#app/domain/deadlines.ts";

const facts = (daysLeft: number | null, more: Partial<ReminderFacts> = {}): ReminderFacts => ({
  daysLeft,
  ready: false,
  hasOutcome: false,
  sent: [],
  ...more,
});

describe("which deadline reminder is due", () => {
  it.each<[string, ReminderFacts, 14 | 3 | null]>([
    ["far away", facts(30), null],
    ["15 days left", facts(15), null],
    ["14 days left", facts(14), 14],
    ["10 days left, started late", facts(10), 14],
    ["4 days left, the 14-day one sent", facts(4, { sent: [14] }), null],
    ["3 days left", facts(3, { sent: [14] }), 3],
    ["3 days left, never reminded: only the closer one", facts(3), 3],
    ["closes today", facts(0, { sent: [14] }), 3],
    ["both sent", facts(2, { sent: [14, 3] }), null],
    ["14 days, already sent", facts(14, { sent: [14] }), null],
    ["the deadline has passed", facts(-1), null],
    ["long past", facts(-400), null],
    ["no deadline", facts(null), null],
    ["ready to submit", facts(14, { ready: true }), null],
    ["ready, 3 days left", facts(3, { ready: true }), null],
    ["an outcome recorded", facts(3, { hasOutcome: true }), null],
  ])("%s", (_case, f, due) => {
    expect(dueReminder(f)).toBe(due);
  });
});
