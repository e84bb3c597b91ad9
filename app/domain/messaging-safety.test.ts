import { describe, expect, it } from "vitest";
import {
  easterSunday,
  isBlocked,
  isWorkingDay,
  overLimit,
  reminderDue,
  reportReasonProblem,
  REPORT_REASON_MAX,
  responseTime,
  stockholmDate,
  workingDaysBetween,
  type ResponseTime,
  type Thread,
} from "#app/domain/messaging-safety.ts";

const NOW = new Date("2027-06-01T12:00:00Z");
const DAY = 24 * 3600 * 1000;
const ago = (days: number) => new Date(NOW.getTime() - days * DAY);
/** A thread opened `opened` days ago and answered `after` days later (null: not yet). */
const t = (opened: number, after: number | null): Thread => ({
  createdAt: ago(opened),
  firstResponseAt: after === null ? null : new Date(ago(opened).getTime() + after * DAY),
});

describe("usually answers within N days", () => {
  it.each<[string, Thread[], ResponseTime]>([
    ["no threads", [], { kind: "too-few", threads: 0 }],
    ["two answered threads are too few", [t(10, 1), t(20, 2)], { kind: "too-few", threads: 2 }],
    [
      "three answered: the middle wait, rounded up to whole days",
      [t(10, 0.5), t(20, 2.2), t(30, 9)],
      { kind: "days", days: 3, threads: 3 },
    ],
    ["an answer within the hour is within 1 day, not 0", [t(10, 0.01), t(20, 0.01), t(30, 0.02)], { kind: "days", days: 1, threads: 3 }],
    ["four: at least half within the second shortest", [t(10, 1), t(20, 2), t(30, 5), t(40, 8)], { kind: "days", days: 2, threads: 4 }],
    ["older than 12 months is left out", [t(10, 1), t(20, 1), t(400, 30), t(500, 30), t(366, 30)], { kind: "too-few", threads: 2 }],
    ["a recent unanswered message is left out: it may yet be answered", [t(10, 1), t(12, 1), t(3, null)], { kind: "too-few", threads: 2 }],
    ["an old unanswered message counts as never answered", [t(100, 1), t(120, 3), t(45, null)], { kind: "days", days: 3, threads: 3 }],
    ["more than half never answered: said so, no number", [t(100, 1), t(60, null), t(45, null)], { kind: "seldom", threads: 3 }],
    [
      "exactly half never answered still gives a number",
      [t(100, 1), t(110, 4), t(60, null), t(45, null)],
      { kind: "days", days: 4, threads: 4 },
    ],
    ["a message dated in the future (clock skew) is left out", [t(10, 1), t(20, 1), t(-2, 0)], { kind: "too-few", threads: 2 }],
  ])("%s", (_name, threads, expected) => {
    expect(responseTime(threads, NOW)).toEqual(expected);
  });

  it("does not depend on the order of the threads", () => {
    const threads = [t(10, 7), t(20, 1), t(30, 3), t(40, 2), t(50, 9)];
    expect(responseTime(threads, NOW)).toEqual(responseTime([...threads].reverse(), NOW));
    expect(responseTime(threads, NOW)).toEqual({ kind: "days", days: 3, threads: 5 });
  });
});

describe("Swedish working days", () => {
  it.each([
    [2024, "2024-03-31"],
    [2025, "2025-04-20"],
    [2026, "2026-04-05"],
    [2027, "2027-03-28"],
    [2038, "2038-04-25"],
  ])("Easter %i is %s", (year, date) => {
    const e = easterSunday(year);
    expect(`${e.y}-${String(e.m).padStart(2, "0")}-${String(e.d).padStart(2, "0")}`).toBe(date);
  });

  it.each<[string, boolean]>([
    ["2026-12-01", true], // a Tuesday
    ["2026-12-05", false], // Saturday
    ["2026-12-06", false], // Sunday
    ["2026-12-24", false], // Christmas Eve
    ["2026-12-25", false],
    ["2026-12-28", true],
    ["2026-12-31", false], // New Year's Eve
    ["2027-01-06", false], // Epiphany
    ["2027-03-26", false], // Good Friday
    ["2027-03-29", false], // Easter Monday
    ["2027-05-06", false], // Ascension
    ["2027-06-25", false], // Midsummer Eve
    ["2027-06-24", true],
    ["2026-06-19", false], // Midsummer Eve on its earliest date
    ["2026-06-05", true],
    ["2026-06-06", false], // National Day (a Saturday that year anyway)
    ["2028-06-06", false], // National Day on a Tuesday
    ["2027-05-01", false],
  ])("%s is a working day: %s", (date, expected) => {
    const [y, m, d] = date.split("-").map(Number);
    expect(isWorkingDay({ y: y!, m: m!, d: d! })).toBe(expected);
  });

  it("counts only the whole working days between two dates", () => {
    expect(workingDaysBetween({ y: 2026, m: 11, d: 30 }, { y: 2026, m: 12, d: 8 })).toBe(5); // Mon → next Tue
    expect(workingDaysBetween({ y: 2026, m: 11, d: 30 }, { y: 2026, m: 11, d: 30 })).toBe(0);
    expect(workingDaysBetween({ y: 2026, m: 12, d: 8 }, { y: 2026, m: 11, d: 30 })).toBe(0);
    // Over Christmas and New Year: 21 Dec (Mon) → 28, 29, 30 Dec, 4 Jan and 5 Jan are the working days.
    expect(workingDaysBetween({ y: 2026, m: 12, d: 21 }, { y: 2027, m: 1, d: 6 })).toBe(7);
  });

  it("dates an instant in Stockholm, not UTC", () => {
    expect(stockholmDate(new Date("2026-11-30T23:30:00Z"))).toEqual({ y: 2026, m: 12, d: 1 });
    expect(stockholmDate(new Date("2026-07-01T21:59:00Z"))).toEqual({ y: 2026, m: 7, d: 1 });
    expect(stockholmDate(new Date("2026-07-01T22:00:00Z"))).toEqual({ y: 2026, m: 7, d: 2 });
  });

  it.each<[string, string, boolean]>([
    ["Monday morning", "2026-12-07T23:00:00Z", true], // from Tuesday 8 Dec, Stockholm
    ["Monday morning, the day before", "2026-12-07T22:59:00Z", false],
    ["Monday morning, the Friday after", "2026-12-04T12:00:00Z", false],
  ])("a message sent %s: reminder due at %s is %s", (_name, now, expected) => {
    expect(reminderDue(new Date("2026-11-30T08:00:00Z"), new Date(now))).toBe(expected);
  });

  it("waits longer over Christmas", () => {
    const sent = new Date("2026-12-21T09:00:00Z");
    // 22, 23, 28, 29 and 30 December are the working days: due on the 31st, not on the 29th as without the holidays.
    expect(reminderDue(sent, new Date("2026-12-29T12:00:00Z"))).toBe(false);
    expect(reminderDue(sent, new Date("2026-12-30T12:00:00Z"))).toBe(false);
    expect(reminderDue(sent, new Date("2026-12-31T12:00:00Z"))).toBe(true);
  });
});

describe("limits, reasons and blocks", () => {
  it.each([
    [0, 20, false],
    [19, 20, false],
    [20, 20, true],
    [25, 20, true],
    [0, 0, true],
  ])("%i opened with a limit of %i: over the limit %s", (opened, limit, expected) => {
    expect(overLimit(opened, limit)).toBe(expected);
  });

  it.each<[string, ReturnType<typeof reportReasonProblem>]>([
    ["", "empty"],
    [" \n\t", "empty"],
    ["<script>alert(1)</script>", null],
    ["x".repeat(REPORT_REASON_MAX), null],
    ["x".repeat(REPORT_REASON_MAX + 1), "too-long"],
    ["😀".repeat(REPORT_REASON_MAX), null],
  ])("a reason %j: %s", (reason, expected) => {
    expect(reportReasonProblem(reason)).toBe(expected);
  });

  const blocks = { personIds: new Set(["p"]), organizationIds: new Set(["o"]) };
  it.each<[string, { userId?: string | null; organizationId?: string | null }, boolean]>([
    ["the blocking person", { userId: "p" }, true],
    ["another person", { userId: "q" }, false],
    ["the blocking organization", { organizationId: "o" }, true],
    ["a posting of the blocking organization, by another person", { userId: "q", organizationId: "o" }, true],
    ["nobody", {}, false],
    ["nulls", { userId: null, organizationId: null }, false],
  ])("writing to %s: blocked %s", (_name, to, expected) => {
    expect(isBlocked(blocks, to)).toBe(expected);
  });
});
