import { describe, expect, it } from "vitest";
import { isCalendarDate, parseDecimal } from "#app/domain/programme.ts";

describe("programme values", () => {
  it.each([
    ["2027-03-01", true],
    ["2028-02-29", true],
    ["2027-02-29", false],
    ["2027-02-30", false],
    ["2027-13-01", false],
    ["27-03-01", false],
    ["2027-3-1", false],
    ["", false],
    ["2027-03-01T00:00:00Z", false],
  ])("date %s is %s", (value, ok) => expect(isCalendarDate(value)).toBe(ok));

  it.each([
    ["1", 1],
    ["1.25", 1.25],
    ["0,5", 0.5],
    [" 2 ", 2],
    ["", NaN],
    ["-1", NaN],
    ["1e3", NaN],
    ["1.2.3", NaN],
    ["abc", NaN],
  ])("decimal %j is %s", (value, n) => expect(parseDecimal(value)).toBe(n));
});
