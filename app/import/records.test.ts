import { describe, expect, it } from "vitest";
import { parseLine } from "./records.ts";

const org = (o: Record<string, unknown> = {}) => JSON.stringify({ type: "organization", ref: "org-1", name: "Acme AB", kind: "company", orgNumber: "556036-0793", ...o });
const person = (o: Record<string, unknown> = {}) => JSON.stringify({ type: "person", ref: "p-1", name: "Anna Berg", email: "Anna.Berg@Example.se", role: "researcher", ...o });
const posting = (o: Record<string, unknown> = {}) =>
  JSON.stringify({ type: "posting", ref: "post-1", ownerRef: "p-1", kind: "need", title: "T", description: "D", language: "sv", ...o });

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
  it("a description of exactly 10,000 characters", () => {
    expect(parseLine(posting({ description: "x".repeat(10_000) })).ok).toBe(true);
  });
});

describe("parseLine rejects, saying what and where", () => {
  it.each([
    ["", /not valid JSON/],
    ["{not json", /not valid JSON/],
    ["[1,2]", /must be a JSON object/],
    ["null", /must be a JSON object/],
    ['{"type":"company"}', /"type" must be one of/],
    [org({ kind: "startup" }), /kind must be one of "university", "institute", "company", "public", "other"/],
    [org({ orgNumber: "556036-0794" }), /orgNumber has a wrong check digit/],
    [org({ orgNumber: undefined }), /orgNumber is required for a Swedish company/],
    [org({ orgNumber: "'; DROP TABLE \"Organization\"; --" }), /orgNumber must be 10 digits/],
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
  ])("%s", (line, message) => expect(error(line)).toMatch(message));
});
