import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { DEFAULT_PROGRAMME } from "#app/domain/eligibility.ts";
import { isCalendarDate, parseDecimal, PROGRAMME_DEFAULTS } from "#app/domain/programme.ts";

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

describe("programme defaults", () => {
  // The database fills in a programme created without rules (a test, a script): its column
  // defaults must be these, or such a programme would follow other rules than the form shows.
  it("are the column defaults in prisma/schema.prisma", () => {
    const schema = readFileSync(path.resolve(import.meta.dirname, "../../prisma/schema.prisma"), "utf8");
    const model = /model Programme \{([\s\S]*?)\n\}/.exec(schema)![1]!;
    const columnDefault = (field: string) => new RegExp(`^\\s*${field}\\s+\\w+\\s+@default\\(([^)]*)\\)`, "m").exec(model)?.[1];
    expect(Number(columnDefault("minIndependentCompanies"))).toBe(PROGRAMME_DEFAULTS.minIndependentCompanies);
    expect(Number(columnDefault("coFundingRatio"))).toBe(PROGRAMME_DEFAULTS.coFundingRatio);
    expect(Number(columnDefault("instituteCapShare"))).toBe(PROGRAMME_DEFAULTS.instituteCapShare);
    expect(columnDefault("requireEligibleApplicant")).toBe(String(PROGRAMME_DEFAULTS.requireEligibleApplicant));
  });

  it("are the eligibility rules' defaults", () => {
    const { projectType: _, ...rules } = PROGRAMME_DEFAULTS;
    expect(DEFAULT_PROGRAMME).toEqual(rules);
  });
});
