// The JSON Lines exchange format (docs/import-export.md): one zod schema per
// record type. Pure: no database, so every rule here is table-tested.
import { z } from "zod";
import { researchSubject, sniCode } from "#app/domain/classification.ts";
import { parseOrcid } from "#app/domain/orcid.ts";
import { declineNeedsText, INVITATION_DECLINE_REASONS } from "#app/domain/invitation-decline.ts";
import { parseOrgNumber } from "#app/domain/org-number.ts";
import { EARLIEST_DAY, OUTCOMES, stockholmDay } from "#app/domain/outcome.ts";
import { isCalendarDate, MAX_SEK, PROGRAMME_DEFAULTS, PROGRAMME_LIMITS } from "#app/domain/programme.ts";
import { forbiddenCharacter, isBlank } from "#app/domain/text.ts";

const MAX_TEXT = 10_000;
const ref = z
  .string()
  .trim()
  .min(1, "must not be empty")
  .max(200, "must be at most 200 characters")
  .regex(/^[^\s]+$/, "must not contain spaces");
// Text that shows as nothing (only spaces or zero-width characters) counts as empty.
const text = (max: number) =>
  z
    .string()
    .overwrite((v) => (isBlank(v) ? "" : v))
    .trim()
    .max(max, `must be at most ${max} characters`);
const optText = (max: number) =>
  text(max)
    .optional()
    .transform((v) => (v ? v : undefined));
const words = z.array(text(100).min(1, "must not be empty")).max(50, "at most 50 entries").default([]);
const subjects = z
  .array(z.string())
  .max(30, "at most 30 subjects")
  .default([])
  .superRefine((codes, ctx) => {
    for (const c of codes)
      if (!researchSubject(c)) ctx.addIssue({ code: "custom", message: `"${c}" is not a research-subject code (e.g. "10201")` });
  });
const url = z
  .string()
  .trim()
  .max(500)
  .refine((v) => {
    try {
      return ["http:", "https:"].includes(new URL(v).protocol);
    } catch {
      return false;
    }
  }, "must be an http(s) URL");

export const organizationRecord = z
  .strictObject({
    type: z.literal("organization"),
    ref,
    name: text(300).min(1, "must not be empty"),
    kind: z.enum(["university", "institute", "company", "public", "other"]),
    orgNumber: z.string().optional(),
    parentRef: ref.optional(),
    country: z
      .string()
      .trim()
      .toUpperCase()
      .regex(/^[A-Z]{2}$/, "must be a two-letter country code (ISO 3166)")
      .default("SE"),
    region: optText(100),
    website: url.optional(),
    employees: z.number().int().min(0).max(10_000_000).optional(),
    sme: z.boolean().optional(),
    sniCode: z.string().optional(),
    description: optText(MAX_TEXT),
    competencies: optText(MAX_TEXT),
    needs: optText(MAX_TEXT),
    coFundingCapacity: z.number().int().min(0).max(2_000_000_000).optional(),
    eligibleApplicant: z.boolean().default(false),
  })
  .transform((o, ctx) => {
    let orgNumber: string | undefined;
    if (o.orgNumber !== undefined && o.orgNumber.trim() !== "") {
      const parsed = parseOrgNumber(o.orgNumber);
      if (parsed.ok) orgNumber = parsed.value;
      else ctx.addIssue({ code: "custom", path: ["orgNumber"], message: parsed.error });
    } else if (o.kind === "company" && o.country === "SE") {
      ctx.addIssue({ code: "custom", path: ["orgNumber"], message: "is required for a Swedish company" });
    }
    let sni: string | undefined;
    if (o.sniCode) {
      const entry = sniCode(o.sniCode);
      if (entry) sni = entry.code;
      else ctx.addIssue({ code: "custom", path: ["sniCode"], message: `"${o.sniCode}" is not an SNI 2007 code` });
    }
    if (o.parentRef === o.ref) ctx.addIssue({ code: "custom", path: ["parentRef"], message: "an organization cannot be its own parent" });
    return { ...o, orgNumber, sniCode: sni };
  });

export const personRecord = z
  .strictObject({
    type: z.literal("person"),
    ref,
    name: text(200).min(1, "must not be empty"),
    email: z.string().trim().toLowerCase().max(254).pipe(z.email("must be an email address")),
    organizationRef: ref.optional(),
    role: z.enum(["researcher", "company_rep", "coordinator", "admin"]),
    orcid: z.string().optional(),
    title: optText(200),
    languages: z
      .array(z.string().regex(/^[a-z]{2}$/, "must be two-letter language codes"))
      .max(20)
      .default([]),
    researchInterests: optText(MAX_TEXT),
    competencies: optText(MAX_TEXT),
    keywords: words,
    subjects,
  })
  .transform((p, ctx) => {
    let orcid: string | undefined;
    if (p.orcid) {
      const parsed = parseOrcid(p.orcid);
      if (parsed.ok) orcid = parsed.value;
      else ctx.addIssue({ code: "custom", path: ["orcid"], message: parsed.error });
    }
    return { ...p, orcid };
  });

export const postingRecord = z
  .strictObject({
    type: z.literal("posting"),
    ref,
    ownerRef: ref,
    organizationRef: ref.optional(),
    kind: z.enum(["competence", "need"]),
    title: text(200).min(1, "must not be empty"),
    description: text(MAX_TEXT).min(1, "must not be empty"),
    keywords: words,
    subjects,
    language: z.enum(["sv", "en"]),
    visibility: z.enum(["public", "members"]).default("public"),
    status: z.enum(["active", "paused", "archived"]).default("active"),
    expiresAt: z.iso.datetime({ offset: true }).or(z.iso.date()).optional(),
    // Confidential postings keep being so through an export and an import (docs/decisions/0020-staged-reveal.md).
    confidential: z
      .boolean()
      .optional()
      .transform((v) => v || undefined),
    teaser: text(300).min(1, "must not be empty").optional(),
  })
  .refine((p) => !p.confidential || p.teaser, { path: ["teaser"], message: "is required for a confidential posting" });

const L = PROGRAMME_LIMITS;
export const programmeRecord = z.strictObject({
  type: z.literal("programme"),
  ref,
  name: text(300).min(1, "must not be empty"),
  projectType: z.enum(["research", "education"]).default(PROGRAMME_DEFAULTS.projectType),
  minIndependentCompanies: z
    .number()
    .int("must be a whole number")
    .min(L.minIndependentCompanies.min)
    .max(L.minIndependentCompanies.max)
    .default(PROGRAMME_DEFAULTS.minIndependentCompanies),
  coFundingRatio: z.number().min(L.coFundingRatio.min).max(L.coFundingRatio.max).default(PROGRAMME_DEFAULTS.coFundingRatio),
  instituteCapShare: z.number().min(L.instituteCapShare.min).max(L.instituteCapShare.max).default(PROGRAMME_DEFAULTS.instituteCapShare),
  requireEligibleApplicant: z.boolean().default(PROGRAMME_DEFAULTS.requireEligibleApplicant),
  deadline: z.string().refine(isCalendarDate, "must be a date that exists, YYYY-MM-DD").optional(),
});

const sek = z.number().int("must be whole kronor").min(0, "must not be negative").max(MAX_SEK, `must be at most ${MAX_SEK}`);

// An outcome's day, as the outcome form takes it: a day that exists, not before EARLIEST_DAY,
// not after today in Stockholm (an application is not submitted or decided in the future).
const day = z
  .string()
  .refine((v) => isCalendarDate(v) && v >= EARLIEST_DAY, `must be a date that exists, YYYY-MM-DD, from ${EARLIEST_DAY}`)
  .refine((v) => !isCalendarDate(v) || v <= stockholmDay(new Date()), "must not be in the future");

export const consortiumRecord = z
  .strictObject({
    type: z.literal("consortium"),
    ref,
    /** Without it, the consortium goes under the default programme (ref "default"). */
    programmeRef: ref.optional(),
    title: text(300).min(1, "must not be empty"),
    summary: text(MAX_TEXT).min(1, "must not be empty"),
    keywords: words,
    subjects,
    coordinatorRef: ref,
    leadOrganizationRef: ref.optional(),
    requestedFunding: sek,
    /** Where the application stands (app/domain/outcome.ts): the same states the outcome form can record. */
    outcome: z.enum(OUTCOMES).optional(),
    submittedOn: day.optional(),
    decidedOn: day.optional(),
  })
  .superRefine((c, ctx) => {
    const issue = (path: string, message: string) => ctx.addIssue({ code: "custom", path: [path], message });
    const decided = c.outcome === "granted" || c.outcome === "not_granted";
    if (c.outcome && !c.submittedOn) issue("submittedOn", `is required when outcome is "${c.outcome}"`);
    if (!c.outcome && c.submittedOn) issue("outcome", "is required when submittedOn is given");
    if (decided && !c.decidedOn) issue("decidedOn", `is required when outcome is "${c.outcome}"`);
    if (!decided && c.decidedOn) issue("decidedOn", 'is only for an outcome of "granted" or "not_granted"');
    if (c.submittedOn && c.decidedOn && c.decidedOn < c.submittedOn) issue("decidedOn", "must not be before submittedOn");
  });

export const memberRecord = z
  .strictObject({
    type: z.literal("member"),
    consortiumRef: ref,
    organizationRef: ref,
    contactRef: ref.optional(),
    status: z.enum(["invited", "accepted", "declined", "withdrawn"]),
    /** Why the invitation was declined, or the member withdrew or was removed, in words. */
    reason: optText(2000),
    /** The kind of reason a declined invitation gave (the decline form's choice). */
    declineReason: z.enum(INVITATION_DECLINE_REASONS).optional(),
    pledgeCash: sek.default(0),
    pledgeInKind: sek.default(0),
  })
  .superRefine((m, ctx) => {
    if (m.declineReason && m.status !== "declined")
      ctx.addIssue({ code: "custom", path: ["declineReason"], message: 'is only for a member whose status is "declined"' });
    if (m.declineReason && declineNeedsText(m.declineReason) && !m.reason)
      ctx.addIssue({ code: "custom", path: ["reason"], message: `is required when declineReason is "${m.declineReason}"` });
  });

/** Organizations by ref, each at most once: a repeat is a mistake in the file, so it is named. */
const orgRefs = z
  .array(ref)
  .min(1, "must name at least one organization")
  .max(500, "at most 500 entries")
  .superRefine((list, ctx) => {
    const seen = new Set<string>();
    const repeated = new Set<string>();
    for (const r of list) (seen.has(r) ? repeated : seen).add(r);
    for (const r of repeated) ctx.addIssue({ code: "custom", message: `names "${r}" more than once` });
  });

/** A past project: who worked with whom (track record). */
export const projectRecord = z.strictObject({
  type: z.literal("project"),
  ref,
  title: text(300).min(1, "must not be empty"),
  summary: text(MAX_TEXT).min(1, "must not be empty"),
  funder: optText(200),
  programme: optText(200),
  year: z.number().int("must be a whole number").min(1900, "must be from 1900 to 2100").max(2100, "must be from 1900 to 2100").optional(),
  leadOrganizationRef: ref.optional(),
  partnerRefs: orgRefs,
  keywords: words,
});

export type OrganizationRecord = z.output<typeof organizationRecord>;
export type PersonRecord = z.output<typeof personRecord>;
export type PostingRecord = z.output<typeof postingRecord>;
export type ProgrammeRecord = z.output<typeof programmeRecord>;
export type ConsortiumRecord = z.output<typeof consortiumRecord>;
export type MemberRecord = z.output<typeof memberRecord>;
export type ProjectRecord = z.output<typeof projectRecord>;
export type ImportRecord =
  OrganizationRecord | PersonRecord | PostingRecord | ProgrammeRecord | ConsortiumRecord | MemberRecord | ProjectRecord;

const schemas = {
  organization: organizationRecord,
  person: personRecord,
  posting: postingRecord,
  programme: programmeRecord,
  consortium: consortiumRecord,
  member: memberRecord,
  project: projectRecord,
} as const;

/** A record with the line it came from, and why it was rejected if it was. */
export type Entry<R> = { line: number; record: R; rejected?: string };

export const MAX_LINE = 64 * 1024;

export type ParsedLine = { ok: true; record: ImportRecord } | { ok: false; error: string };

/** The value at `path` in the line as written (zod does not report inputs by default). */
function valueAt(value: unknown, path: PropertyKey[]): unknown {
  return path.reduce<unknown>((v, k) => (v !== null && typeof v === "object" ? (v as Record<PropertyKey, unknown>)[k] : undefined), value);
}

function describe(issue: z.core.$ZodIssue, value: unknown): string {
  const where = issue.path.length ? issue.path.join(".") : "";
  if (issue.code === "unrecognized_keys")
    return `unknown field${issue.keys.length > 1 ? "s" : ""} ${issue.keys.map((k) => `"${k}"`).join(", ")}`;
  if (issue.code === "invalid_value" && "values" in issue)
    return `${where} must be one of ${issue.values.map((v) => JSON.stringify(v)).join(", ")}`;
  if (issue.code === "invalid_type" && valueAt(value, issue.path) === undefined) return `${where} is required`;
  return where ? `${where} ${issue.message}` : issue.message;
}

/**
 * The first string in the line (a value or a field name) holding a character that text
 * may not hold, described with its path; PostgreSQL would refuse a NUL with an error that
 * names no line, and the other control characters are never meant.
 */
function forbiddenIn(value: unknown, path: string[] = []): string | null {
  const where = () => (path.length ? path.join(".") : "the line");
  if (typeof value === "string") {
    const found = forbiddenCharacter(value);
    return found ? `${where()} contains the control character ${found.code} (character ${found.position}), which cannot be stored` : null;
  }
  if (Array.isArray(value)) {
    for (const [i, v] of value.entries()) {
      const bad = forbiddenIn(v, [...path, String(i)]);
      if (bad) return bad;
    }
  } else if (value !== null && typeof value === "object") {
    for (const [k, v] of Object.entries(value)) {
      const found = forbiddenCharacter(k);
      if (found) return `a field name contains the control character ${found.code} (character ${found.position})`;
      const bad = forbiddenIn(v, [...path, k]);
      if (bad) return bad;
    }
  }
  return null;
}

/** One line of the file: a record, or the reason it cannot be one. */
export function parseLine(line: string): ParsedLine {
  if (line.length > MAX_LINE) return { ok: false, error: `line is longer than ${MAX_LINE} characters` };
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch (error) {
    return { ok: false, error: `not valid JSON (${(error as Error).message})` };
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) return { ok: false, error: "must be a JSON object" };
  const forbidden = forbiddenIn(value);
  if (forbidden) return { ok: false, error: forbidden };
  const type = (value as { type?: unknown }).type;
  if (typeof type !== "string" || !(type in schemas)) {
    return {
      ok: false,
      error: `"type" must be one of ${Object.keys(schemas)
        .map((k) => `"${k}"`)
        .join(", ")}`,
    };
  }
  const result = schemas[type as keyof typeof schemas].safeParse(value);
  if (!result.success) return { ok: false, error: result.error.issues.map((i) => describe(i, value)).join("; ") };
  return { ok: true, record: result.data };
}
