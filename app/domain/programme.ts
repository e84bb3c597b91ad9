// A programme's (call's) rules and their bounds, shared by the administrator's form and
// the importer so both accept exactly the same values. The defaults are the one source
// for every programme that states none: the form, the importer, the eligibility rules,
// and the database's column defaults (prisma/schema.prisma; programme.test.ts checks they
// agree). Two independent companies, co-funding equal to the requested funding, at most
// 25 % of it from research institutes, an eligible university as applicant.
export const PROGRAMME_DEFAULTS = {
  projectType: "research",
  minIndependentCompanies: 2,
  coFundingRatio: 1.0,
  instituteCapShare: 0.25,
  requireEligibleApplicant: true,
} as const;

/** Whole kronor: far above any real amount, and exact as a JS number. */
export const MAX_SEK = 10_000_000_000_000;

export const PROGRAMME_LIMITS = {
  minIndependentCompanies: { min: 0, max: 20 },
  coFundingRatio: { min: 0, max: 10 },
  instituteCapShare: { min: 0, max: 1 },
} as const;

/** A calendar date written YYYY-MM-DD that exists (no 2027-02-30). */
export function isCalendarDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}

/** "1", "1.25" or "1,25" (Swedish decimal comma) as a number; NaN for anything else. */
export function parseDecimal(value: string): number {
  const v = value.trim().replace(",", ".");
  return /^\d+(\.\d+)?$/.test(v) ? Number(v) : NaN;
}
