import { describe, expect, it } from "vitest";
import { parseLine } from "#app/import/records.ts";

const org = (o: Record<string, unknown> = {}) =>
  JSON.stringify({ type: "organization", ref: "org-1", name: "Acme AB", kind: "company", orgNumber: "556036-0793", ...o });
const person = (o: Record<string, unknown> = {}) =>
  JSON.stringify({ type: "person", ref: "p-1", name: "Anna Berg", email: "Anna.Berg@Example.se", role: "researcher", ...o });
const posting = (o: Record<string, unknown> = {}) =>
  JSON.stringify({ type: "posting", ref: "post-1", ownerRef: "p-1", kind: "need", title: "T", description: "D", language: "sv", ...o });
// The programme, consortium and member lines of the format's example (docs/import-export.md).
const programme = (o: Record<string, unknown> = {}) =>
  JSON.stringify({
    type: "programme",
    ref: "hog-2027",
    name: "HÖG 2027",
    projectType: "research",
    minIndependentCompanies: 2,
    coFundingRatio: 1.0,
    instituteCapShare: 0.25,
    requireEligibleApplicant: true,
    deadline: "2027-03-01",
    ...o,
  });
const consortium = (o: Record<string, unknown> = {}) =>
  JSON.stringify({
    type: "consortium",
    ref: "c-1",
    programmeRef: "hog-2027",
    title: "T",
    summary: "S",
    keywords: ["k"],
    subjects: ["10201"],
    coordinatorRef: "p-1",
    leadOrganizationRef: "org-2",
    requestedFunding: 4000000,
    ...o,
  });
const member = (o: Record<string, unknown> = {}) =>
  JSON.stringify({
    type: "member",
    consortiumRef: "c-1",
    organizationRef: "org-5",
    status: "accepted",
    pledgeCash: 0,
    pledgeInKind: 500000,
    ...o,
  });
// A project line like the format's example.
const project = (o: Record<string, unknown> = {}) =>
  JSON.stringify({
    type: "project",
    ref: "proj-1",
    title: "T",
    summary: "S",
    funder: "Vinnova",
    programme: "FFI",
    year: 2021,
    leadOrganizationRef: "org-1",
    partnerRefs: ["org-1", "org-2"],
    keywords: ["k"],
    ...o,
  });

function error(line: string): string {
  const r = parseLine(line);
  if (r.ok) throw new Error(`accepted: ${line}`);
  return r.error;
}

describe("parseLine accepts", () => {
  it("an organization, normalising its organisation number and filling defaults", () => {
    const r = parseLine(org({ orgNumber: "5560360793", sniCode: "62.01" }));
    expect(r).toMatchObject({ ok: true, record: { orgNumber: "556036-0793", country: "SE", eligibleApplicant: false, sniCode: "6201" } });
  });
  it("a foreign organization without organisation number", () => {
    expect(parseLine(org({ orgNumber: undefined, country: "de" }))).toMatchObject({ ok: true, record: { country: "DE" } });
  });
  it("a person, lower-casing the email and normalising the ORCID iD", () => {
    const r = parseLine(person({ orcid: "https://orcid.org/0000-0002-1825-0097", subjects: ["10201"] }));
    expect(r).toMatchObject({ ok: true, record: { email: "anna.berg@example.se", orcid: "0000-0002-1825-0097", keywords: [] } });
  });
  it("a posting with defaults for visibility and status, and HTML kept as text", () => {
    const r = parseLine(posting({ title: "<script>alert(1)</script>" }));
    expect(r).toMatchObject({ ok: true, record: { visibility: "public", status: "active", title: "<script>alert(1)</script>" } });
  });
  it("a confidential posting needs its teaser; false is the same as leaving it out", () => {
    expect(parseLine(posting({ confidential: true, teaser: "Vibration in drives" }))).toMatchObject({
      ok: true,
      record: { confidential: true, teaser: "Vibration in drives" },
    });
    expect(parseLine(posting({ confidential: true }))).toMatchObject({ ok: false });
    expect(parseLine(posting({ confidential: true, teaser: "  " }))).toMatchObject({ ok: false });
    const plain = parseLine(posting({ confidential: false }));
    expect(plain.ok && plain.record).not.toHaveProperty("confidential", false);
    expect(parseLine(posting({ confidential: "yes", teaser: "x" }))).toMatchObject({ ok: false });
  });
  it("the example's programme, consortium and member lines", () => {
    expect(parseLine(programme())).toMatchObject({ ok: true, record: { minIndependentCompanies: 2, deadline: "2027-03-01" } });
    expect(parseLine(consortium({ programmeRef: undefined }))).toMatchObject({ ok: true, record: { requestedFunding: 4_000_000 } });
    expect(parseLine(member())).toMatchObject({ ok: true, record: { status: "accepted", pledgeInKind: 500_000 } });
  });
  it.each([
    ["submitted", { outcome: "submitted", submittedOn: "2026-03-01" }],
    ["granted", { outcome: "granted", submittedOn: "2026-03-01", decidedOn: "2026-06-15" }],
    ["not granted, decided the day it was submitted", { outcome: "not_granted", submittedOn: "2026-03-01", decidedOn: "2026-03-01" }],
  ])("a consortium's outcome: %s", (_case, fields) => {
    expect(parseLine(consortium(fields))).toMatchObject({ ok: true, record: fields });
  });
  it("a declined member's kind of reason, with the text that other needs", () => {
    expect(parseLine(member({ status: "declined", declineReason: "too_early" }))).toMatchObject({
      ok: true,
      record: { declineReason: "too_early" },
    });
    expect(parseLine(member({ status: "declined", declineReason: "other", reason: "Merger" }))).toMatchObject({
      ok: true,
      record: { declineReason: "other", reason: "Merger" },
    });
  });
  it("a programme with only a ref and a name, filling the defaults", () => {
    expect(parseLine(JSON.stringify({ type: "programme", ref: "p", name: "Call" }))).toMatchObject({
      ok: true,
      record: {
        projectType: "research",
        minIndependentCompanies: 2,
        coFundingRatio: 1,
        instituteCapShare: 0.25,
        requireEligibleApplicant: true,
      },
    });
  });
  it("a member without pledges (zero) and with 10^13 kronor, the largest amount", () => {
    expect(parseLine(member({ pledgeCash: undefined, pledgeInKind: undefined }))).toMatchObject({
      ok: true,
      record: { pledgeCash: 0, pledgeInKind: 0 },
    });
    expect(parseLine(member({ pledgeCash: 10_000_000_000_000 })).ok).toBe(true);
  });
  it.each([
    ["the example's line", {}, { year: 2021, funder: "Vinnova", partnerRefs: ["org-1", "org-2"], keywords: ["k"] }],
    [
      "only the required fields, keywords defaulting to none",
      { funder: undefined, programme: undefined, year: undefined, leadOrganizationRef: undefined, keywords: undefined },
      { partnerRefs: ["org-1", "org-2"], keywords: [] },
    ],
    [
      "hostile HTML kept as text",
      { title: "<script>alert(1)</script>", summary: '<img src=x onerror="alert(1)">' },
      { title: "<script>alert(1)</script>", summary: '<img src=x onerror="alert(1)">' },
    ],
    ["the first and last years", { year: 1900 }, { year: 1900 }],
    ["2100", { year: 2100 }, { year: 2100 }],
    [
      "a lead outside the partners (stored as given)",
      { leadOrganizationRef: "org-9" },
      { leadOrganizationRef: "org-9", partnerRefs: ["org-1", "org-2"] },
    ],
    ["500 partners", { partnerRefs: Array.from({ length: 500 }, (_, i) => `o${i}`) }, {}],
    ["a blank programme as none", { programme: "  " }, { programme: undefined }],
  ])("a project: %s", (_case, fields, expected) => {
    expect(parseLine(project(fields))).toMatchObject({ ok: true, record: expected });
  });
  it("a description of exactly 10,000 characters", () => {
    expect(parseLine(posting({ description: "x".repeat(10_000) })).ok).toBe(true);
  });
});

describe("parseLine rejects, saying what and where", () => {
  it.each([
    [posting({ title: "Sensorer\u0000" }), /^title contains the control character U\+0000 \(character 9\), which cannot be stored$/],
    [posting({ description: "a\u0001b" }), /^description contains the control character U\+0001 \(character 2\)/],
    [posting({ keywords: ["ok", "bad\u001b"] }), /^keywords\.1 contains the control character U\+001B/],
    [org({ name: "Acme\u007f" }), /^name contains the control character U\+007F/],
    [posting({ title: "a\ud800" }), /^title contains the control character U\+D800/],
    [posting({ title: "\ufdd0mark\ufdd1" }), /^title contains the control character U\+FDD0/],
    [JSON.stringify({ type: "posting", "ti\u0000tle": "x" }), /^a field name contains the control character U\+0000/],
    [posting({ title: "\u200b\u200c\u200d\u2060\ufeff " }), /^title must not be empty$/],
    [consortium({ title: "\u200b" }), /^title must not be empty$/],
    ["", /not valid JSON/],
    ["{not json", /not valid JSON/],
    ["[1,2]", /must be a JSON object/],
    ["null", /must be a JSON object/],
    ['{"type":"company"}', /"type" must be one of/],
    [org({ kind: "startup" }), /kind must be one of "university", "institute", "company", "public", "other"/],
    [org({ orgNumber: "556036-0794" }), /orgNumber has a wrong check digit/],
    [org({ orgNumber: undefined }), /orgNumber is required for a Swedish company/],
    [org({ orgNumber: '\'; DROP TABLE "Organization"; --' }), /orgNumber must be 10 digits/],
    [org({ parentRef: "org-1" }), /cannot be its own parent/],
    [org({ employees: -3 }), /employees/],
    [org({ employees: "many" }), /employees/],
    [org({ website: "javascript:alert(1)" }), /website must be an http\(s\) URL/],
    [org({ sniCode: "9999" }), /"9999" is not an SNI 2007 code/],
    [org({ nmae: "typo" }), /unknown field "nmae"/],
    [org({ name: "" }), /name must not be empty/],
    [org({ name: undefined }), /name is required/],
    [org({ ref: "has space" }), /ref must not contain spaces/],
    [person({ email: "not-an-email" }), /email must be an email address/],
    [person({ role: "student" }), /role must be one of/],
    [person({ orcid: "0000-0002-1825-0098" }), /orcid has a wrong check character/],
    [person({ subjects: ["10201", "00000"] }), /"00000" is not a research-subject code/],
    [posting({ description: "x".repeat(10_001) }), /description must be at most 10000 characters/],
    [posting({ language: "de" }), /language must be one of "sv", "en"/],
    [posting({ keywords: Array(51).fill("k") }), /keywords/],
    [posting({ expiresAt: "next year" }), /expiresAt/],
    [posting({ ownerRef: undefined }), /ownerRef is required/],
    ["x".repeat(70_000), /longer than/],
    [programme({ projectType: "phd" }), /projectType must be one of "research", "education"/],
    [programme({ minIndependentCompanies: 1.5 }), /minIndependentCompanies must be a whole number/],
    [programme({ minIndependentCompanies: 21 }), /minIndependentCompanies/],
    [programme({ coFundingRatio: -0.1 }), /coFundingRatio/],
    [programme({ instituteCapShare: 1.01 }), /instituteCapShare/],
    [programme({ deadline: "2027-02-30" }), /deadline must be a date that exists/],
    [programme({ deadline: "1 March" }), /deadline must be a date that exists/],
    [consortium({ requestedFunding: -1 }), /requestedFunding must not be negative/],
    [consortium({ requestedFunding: 1.5 }), /requestedFunding must be whole kronor/],
    [consortium({ requestedFunding: "4000000" }), /requestedFunding/],
    [consortium({ requestedFunding: 1e14 }), /requestedFunding must be at most/],
    [consortium({ coordinatorRef: undefined }), /coordinatorRef is required/],
    [consortium({ title: "" }), /title must not be empty/],
    [consortium({ subjects: ["99999"] }), /"99999" is not a research-subject code/],
    [member({ status: "maybe" }), /status must be one of "invited", "accepted", "declined", "withdrawn"/],
    [consortium({ outcome: "won", submittedOn: "2026-03-01" }), /^outcome must be one of "submitted", "granted", "not_granted"$/],
    [consortium({ outcome: "submitted" }), /^submittedOn is required when outcome is "submitted"$/],
    [consortium({ submittedOn: "2026-03-01" }), /^outcome is required when submittedOn is given$/],
    [consortium({ outcome: "granted", submittedOn: "2026-03-01" }), /^decidedOn is required when outcome is "granted"$/],
    [
      consortium({ outcome: "submitted", submittedOn: "2026-03-01", decidedOn: "2026-04-01" }),
      /^decidedOn is only for an outcome of "granted" or "not_granted"$/,
    ],
    [consortium({ outcome: "granted", submittedOn: "2026-03-01", decidedOn: "2026-02-28" }), /^decidedOn must not be before submittedOn$/],
    [consortium({ outcome: "submitted", submittedOn: "2999-01-01" }), /^submittedOn must not be in the future$/],
    [consortium({ outcome: "granted", submittedOn: "2026-03-01", decidedOn: "2999-01-01" }), /^decidedOn must not be in the future$/],
    [
      consortium({ outcome: "submitted", submittedOn: "2026-02-30" }),
      /^submittedOn must be a date that exists, YYYY-MM-DD, from 2000-01-01$/,
    ],
    [consortium({ outcome: "submitted", submittedOn: "1999-12-31" }), /^submittedOn must be a date that exists/],
    [consortium({ outcome: "submitted", submittedOn: "2026-03-01T10:00:00Z" }), /^submittedOn must be a date that exists/],
    [
      member({ status: "declined", declineReason: "busy" }),
      /^declineReason must be one of "too_early", "outside_focus", "no_capacity", "budget", "other"$/,
    ],
    [member({ status: "accepted", declineReason: "too_early" }), /^declineReason is only for a member whose status is "declined"$/],
    [member({ status: "declined", declineReason: "other" }), /^reason is required when declineReason is "other"$/],
    [member({ status: "declined", declineReason: "other", reason: " \u200b" }), /^reason is required when declineReason is "other"$/],
    [member({ pledgeCash: -5 }), /pledgeCash must not be negative/],
    [member({ pledgeInKind: 0.5 }), /pledgeInKind must be whole kronor/],
    [member({ consortiumRef: undefined }), /consortiumRef is required/],
    [member({ ref: "m-1" }), /unknown field "ref"/],
    [project({ title: undefined }), /^title is required$/],
    [project({ title: " " }), /^title must not be empty$/],
    [project({ title: "x".repeat(301) }), /^title must be at most 300 characters$/],
    [project({ summary: "" }), /^summary must not be empty$/],
    [project({ summary: "x".repeat(10_001) }), /^summary must be at most 10000 characters$/],
    [project({ year: 1899 }), /^year must be from 1900 to 2100$/],
    [project({ year: 2101 }), /^year must be from 1900 to 2100$/],
    [project({ year: 2021.5 }), /^year must be a whole number$/],
    [project({ year: "2021" }), /^year /],
    [project({ funder: "x".repeat(201) }), /^funder must be at most 200 characters$/],
    [project({ programme: "x".repeat(201) }), /^programme must be at most 200 characters$/],
    [
      project({ partnerRefs: ["org-1", "org-2", "org-1", "org-2", "org-1"] }),
      /^partnerRefs names "org-1" more than once; partnerRefs names "org-2" more than once$/,
    ],
    [project({ partnerRefs: [] }), /^partnerRefs must name at least one organization$/],
    [project({ partnerRefs: undefined }), /^partnerRefs is required$/],
    [project({ partnerRefs: Array.from({ length: 501 }, (_, i) => `o${i}`) }), /^partnerRefs at most 500 entries$/],
    [project({ partnerRefs: ["org 1"] }), /^partnerRefs\.0 must not contain spaces$/],
    [project({ leadOrganizationRef: "" }), /^leadOrganizationRef must not be empty/],
    [project({ keywords: ["x".repeat(101)] }), /^keywords\.0 must be at most 100 characters$/],
    [project({ partners: ["org-1"] }), /^unknown field "partners"$/],
    [project({ ref: undefined }), /^ref is required$/],
  ])("%s", (line, message) => expect(error(line)).toMatch(message));
});
