import { describe, expect, it } from "vitest";
import {
  corporateGroups,
  DEFAULT_PROGRAMME,
  evaluate,
  meetsRatio,
  missingLine,
  requiredCoFunding,
  withinShare,
  type Member,
  type Org,
  type OrgKind,
  type Programme,
} from "#app/domain/eligibility.ts";
import { renderMessage, renderMessages } from "#app/i18n/message.ts";

// A small world: two corporate groups (Volvo with a subsidiary and a grandchild, Nordvik
// with two sibling subsidiaries), independent companies, an institute, universities.
const org = (id: string, name: string, kind: OrgKind, parentId: string | null = null, eligibleApplicant = false): Org => ({
  id,
  name,
  kind,
  parentId,
  eligibleApplicant,
});
const WORLD = new Map(
  [
    org("volvo", "Volvo Cars AB", "company"),
    org("volvo-se", "Volvo Car Sverige AB", "company", "volvo"),
    org("volvo-se-svc", "Volvo Car Service AB", "company", "volvo-se"),
    org("nordvik", "Nordvik Industri AB", "company"),
    org("nordvik-a", "Nordvik Drives AB", "company", "nordvik"),
    org("nordvik-b", "Nordvik Service AB", "company", "nordvik"),
    org("halm", "Halm Radar AB", "company"),
    org("skog", "Skogsdata AB", "company"),
    org("rise", "RISE", "institute"),
    org("kau", "Karlstad University", "university", null, true),
    org("kth", "KTH Royal Institute of Technology", "university", null, false),
    org("loop-a", "Loop A AB", "company", "loop-b"),
    org("loop-b", "Loop B AB", "company", "loop-a"),
  ].map((o) => [o.id, o]),
);

const m = (organizationId: string, pledgeCash = 0, pledgeInKind = 0, status: Member["status"] = "accepted"): Member => ({
  organizationId,
  status,
  pledgeCash,
  pledgeInKind,
});
const run = (members: Member[], requestedFunding = 1_000_000, lead: string | null = "kau", p: Programme = DEFAULT_PROGRAMME) =>
  evaluate({ requestedFunding, leadOrganizationId: lead, members }, WORLD, p);
const rule = (r: ReturnType<typeof run>, id: string) => r.rules.find((x) => x.id === id)!;
// The texts as the pages render them, in English unless asked otherwise.
// Intl separates digit groups with no-break spaces; compare with plain ones.
const plain = (s: string) => s.replace(/[\u00a0\u202f]/g, " ");
const said = (r: ReturnType<typeof run>, id: string, locale: "en" | "sv" = "en") => plain(renderMessages(locale, rule(r, id).messages));
const missing = (r: ReturnType<typeof run>, locale: "en" | "sv" = "en") => {
  const line = missingLine(r.missing);
  return line ? plain(renderMessage(locale, line)) : "";
};

describe("independent companies", () => {
  it.each([
    { why: "two unrelated companies", members: [m("halm", 1), m("skog", 1)], count: 2, passed: true },
    { why: "a parent and its subsidiary count once", members: [m("volvo", 1), m("volvo-se", 1)], count: 1, passed: false },
    { why: "a grandparent and its grandchild count once", members: [m("volvo", 1), m("volvo-se-svc", 1)], count: 1, passed: false },
    {
      why: "two siblings under one parent count once, the parent absent",
      members: [m("nordvik-a", 1), m("nordvik-b", 1)],
      count: 1,
      passed: false,
    },
    {
      why: "a whole group plus an unrelated company make two",
      members: [m("volvo", 1), m("volvo-se", 1), m("volvo-se-svc", 1), m("halm", 1)],
      count: 2,
      passed: true,
    },
    { why: "two groups make two", members: [m("volvo-se", 1), m("nordvik-b", 1)], count: 2, passed: true },
    { why: "a company without a pledge does not co-fund", members: [m("halm", 1), m("skog", 0, 0)], count: 1, passed: false },
    { why: "an invited company does not count yet", members: [m("halm", 1), m("skog", 1, 0, "invited")], count: 1, passed: false },
    { why: "a declined company does not count", members: [m("halm", 1), m("skog", 1, 0, "declined")], count: 1, passed: false },
    { why: "a withdrawn company no longer counts", members: [m("halm", 1), m("skog", 1, 0, "withdrawn")], count: 1, passed: false },
    { why: "an institute is not a company", members: [m("halm", 1), m("rise", 1)], count: 1, passed: false },
    { why: "a university is not a company", members: [m("halm", 1), m("kau", 1)], count: 1, passed: false },
    { why: "the same company twice counts once", members: [m("halm", 1), m("halm", 2)], count: 1, passed: false },
    { why: "in-kind pledges count like cash", members: [m("halm", 0, 1), m("skog", 0, 1)], count: 2, passed: true },
    { why: "a negative pledge is no pledge", members: [m("halm", 1), m("skog", -5, 0)], count: 1, passed: false },
    { why: "nobody at all", members: [], count: 0, passed: false },
  ])("$why", ({ members, count, passed }) => {
    const r = run(members);
    expect(r.independentCompanies).toBe(count);
    expect(rule(r, "independent-companies").passed).toBe(passed);
  });

  it("says in words which companies count once, and why", () => {
    const r = run([m("volvo", 500_000), m("volvo-se", 500_000)]);
    expect(rule(r, "independent-companies").messages).toEqual([
      { key: "eligibility.companies.one", vars: { count: 1, min: 2 } },
      { key: "eligibility.sameGroup", vars: { names: { list: ["Volvo Cars AB", "Volvo Car Sverige AB"] }, group: "Volvo Cars AB" } },
    ]);
    expect(r.missing).toEqual([
      {
        key: "eligibility.missing.companyOutside",
        vars: { groups: { list: [{ key: "eligibility.group", vars: { name: "Volvo Cars AB" } }] } },
      },
    ]);
    expect(said(r, "independent-companies")).toBe(
      "1 independent company co-funds; 2 needed. Volvo Cars AB and Volvo Car Sverige AB belong to the same group (Volvo Cars AB) and count once.",
    );
    expect(missing(r)).toBe("Missing: one more company independent of the Volvo Cars AB group, with a pledge.");
    expect(said(r, "independent-companies", "sv")).toBe(
      "1 oberoende företag medfinansierar; 2 krävs. Volvo Cars AB och Volvo Car Sverige AB hör till samma koncern (Volvo Cars AB) och räknas som ett.",
    );
    expect(missing(r, "sv")).toBe("Saknas: ett företag till, oberoende av koncernen Volvo Cars AB, med ett åtagande.");
    expect(r.groups).toEqual([{ rootId: "volvo", rootName: "Volvo Cars AB", memberIds: ["volvo", "volvo-se"] }]);
  });

  it("follows the programme's minimum", () => {
    const three = { ...DEFAULT_PROGRAMME, minIndependentCompanies: 3 };
    expect(rule(run([m("halm", 1), m("skog", 1)], 0, "kau", three), "independent-companies").passed).toBe(false);
    expect(missing(run([m("halm", 1), m("skog", 1)], 0, "kau", three))).toContain(
      "one more company independent of the Halm Radar AB group and the Skogsdata AB group",
    );
    expect(rule(run([m("halm", 1)], 0, "kau", { ...DEFAULT_PROGRAMME, minIndependentCompanies: 1 }), "independent-companies").passed).toBe(
      true,
    );
    expect(run([], 0, "kau", three).missing).toEqual([{ key: "eligibility.missing.companies", vars: { count: 3 } }]);
    expect(missing(run([], 0, "kau", three))).toContain("3 more companies, with a pledge");
  });

  it("counts a company in a parent loop on its own and says so, without failing", () => {
    const r = run([m("loop-a", 1), m("halm", 1)]);
    expect(r.independentCompanies).toBe(2);
    expect(rule(r, "independent-companies").messages).toContainEqual({ key: "eligibility.loop", vars: { chain: "Loop A AB → Loop B AB" } });
    expect(said(r, "independent-companies")).toContain("The parent chain Loop A AB → Loop B AB loops");
  });

  it("lists a group's companies top first, then by name, whatever order they joined in", () => {
    const r = run([m("volvo-se-svc", 1), m("halm", 1), m("volvo", 1), m("volvo-se", 1)]);
    expect(r.groups.map((g) => g.memberIds)).toEqual([["halm"], ["volvo", "volvo-se", "volvo-se-svc"]]);
  });

  it("groups only the co-funding companies it is given", () => {
    expect(corporateGroups([], WORLD)).toEqual({ groups: [], loops: [] });
    expect(corporateGroups(["volvo-se-svc"], WORLD).groups).toEqual([
      { rootId: "volvo", rootName: "Volvo Cars AB", memberIds: ["volvo-se-svc"] },
    ]);
  });
});

describe("co-funding", () => {
  it.each([
    {
      why: "exactly the requested amount",
      members: [m("halm", 500_000), m("skog", 0, 500_000)],
      requested: 1_000_000,
      passed: true,
      message: "Co-funding of SEK 1,000,000 covers the SEK 1,000,000 required.",
    },
    {
      why: "one krona short",
      members: [m("halm", 500_000), m("skog", 0, 499_999)],
      requested: 1_000_000,
      passed: false,
      message: "Co-funding of SEK 999,999 is SEK 1 short of the SEK 1,000,000 required.",
    },
    {
      why: "institutes' pledges count towards the total",
      members: [m("halm", 400_000), m("skog", 400_000), m("rise", 200_000)],
      requested: 1_000_000,
      passed: true,
      message: "Co-funding of SEK 1,000,000 covers the SEK 1,000,000 required.",
    },
    {
      why: "a university's pledge does not count",
      members: [m("halm", 400_000), m("skog", 400_000), m("kau", 200_000)],
      requested: 1_000_000,
      passed: false,
      message: "Co-funding of SEK 800,000 is SEK 200,000 short of the SEK 1,000,000 required.",
    },
    {
      why: "a withdrawn pledge is gone",
      members: [m("halm", 500_000), m("skog", 500_000, 0, "withdrawn")],
      requested: 1_000_000,
      passed: false,
      message: "Co-funding of SEK 500,000 is SEK 500,000 short of the SEK 1,000,000 required.",
    },
    {
      why: "nothing requested, nothing required",
      members: [],
      requested: 0,
      passed: true,
      message: "Co-funding of SEK 0 covers the SEK 0 required.",
    },
    {
      why: "huge amounts stay exact",
      members: [m("halm", 4_000_000_000_000), m("skog", 4_000_000_000_001)],
      requested: 8_000_000_000_001,
      passed: true,
      message: "Co-funding of SEK 8,000,000,000,001 covers the SEK 8,000,000,000,001 required.",
    },
  ])("$why", ({ members, requested, passed, message }) => {
    const r = run(members, requested);
    expect(rule(r, "co-funding")).toMatchObject({
      id: "co-funding",
      passed,
      messages: [{ key: passed ? "eligibility.coFundingMet" : "eligibility.coFundingShort" }],
    });
    expect(said(r, "co-funding")).toBe(message);
  });

  it.each([
    { ratio: 0.5, requested: 3, required: 2, met: [2, 3], short: [1] }, // 1.5 rounds up to the next whole krona
    { ratio: 1.0, requested: 1_000_000, required: 1_000_000, met: [1_000_000], short: [999_999] },
    { ratio: 0.1, requested: 10, required: 1, met: [1], short: [0] }, // 0.1 is not exact in binary; the rule is
    { ratio: 0.3, requested: 10, required: 3, met: [3], short: [2] },
    { ratio: 0, requested: 5_000_000, required: 0, met: [0], short: [] },
    { ratio: 1.25, requested: 4_000_000, required: 5_000_000, met: [5_000_000], short: [4_999_999] },
  ])("ratio $ratio of $requested needs $required", ({ ratio, requested, required, met, short }) => {
    expect(requiredCoFunding(requested, ratio)).toBe(required);
    for (const t of met) expect(meetsRatio(t, requested, ratio)).toBe(true);
    for (const t of short) expect(meetsRatio(t, requested, ratio)).toBe(false);
  });

  it("follows the programme's ratio, and says how much is missing", () => {
    const half = { ...DEFAULT_PROGRAMME, coFundingRatio: 0.5 };
    const r = run([m("halm", 200_000), m("skog", 200_000)], 1_000_000, "kau", half);
    expect(rule(r, "co-funding").passed).toBe(false);
    expect(r.missing).toEqual([{ key: "eligibility.missing.coFunding", vars: { amount: { kronor: 100_000 } } }]);
    expect(missing(r)).toBe("Missing: SEK 100,000 more co-funding.");
    expect(missing(r, "sv")).toBe("Saknas: 100 000 kr mer i medfinansiering.");
    expect(said(r, "co-funding", "sv")).toBe("Medfinansieringen på 400 000 kr är 100 000 kr för lite av de 500 000 kr som krävs.");
    expect(r.coFunding).toEqual({ companies: 400_000, institutes: 0, total: 400_000, required: 500_000 });
  });
});

describe("institutes' share", () => {
  it.each([
    { why: "exactly at the cap passes", members: [m("halm", 375_000), m("skog", 375_000), m("rise", 250_000)], passed: true },
    { why: "one krona above the cap fails", members: [m("halm", 374_999), m("skog", 375_000), m("rise", 250_001)], passed: false },
    { why: "no institute", members: [m("halm", 1), m("skog", 1)], passed: true },
    { why: "nothing pledged at all", members: [], passed: true },
    { why: "only an institute", members: [m("rise", 100)], passed: false },
    {
      why: "an institute's withdrawn pledge does not count",
      members: [m("halm", 10), m("skog", 10), m("rise", 1_000, 0, "withdrawn")],
      passed: true,
    },
  ])("$why", ({ members, passed }) => {
    expect(rule(run(members), "institute-cap").passed).toBe(passed);
  });

  it("says the share in per cent", () => {
    const over = run([m("halm", 600), m("rise", 400)]);
    expect(rule(over, "institute-cap").messages).toEqual([
      { key: "eligibility.instituteShareOver", vars: { share: { percent: 0.4 }, cap: { percent: 0.25 } } },
    ]);
    expect(said(over, "institute-cap")).toBe("Research institutes provide 40% of the co-funding; at most 25% is allowed.");
    expect(said(over, "institute-cap", "sv")).toBe("Forskningsinstituten står för 40 % av medfinansieringen; högst 25 % är tillåtet.");
    expect(said(run([m("halm", 750), m("rise", 250)]), "institute-cap")).toBe(
      "Research institutes provide 25% of the co-funding (at most 25%).",
    );
  });

  it("follows the programme's cap", () => {
    expect(withinShare(40, 100, 0.4)).toBe(true);
    expect(withinShare(41, 100, 0.4)).toBe(false);
    expect(withinShare(0, 100, 0)).toBe(true);
    expect(withinShare(1, 100, 0)).toBe(false);
    expect(
      rule(run([m("halm", 600), m("rise", 400)], 1000, "kau", { ...DEFAULT_PROGRAMME, instituteCapShare: 0.4 }), "institute-cap").passed,
    ).toBe(true);
  });
});

describe("the lead", () => {
  it.each([
    {
      why: "an eligible university",
      lead: "kau",
      passed: true,
      key: "eligibility.leadEligible",
      message: "Karlstad University may apply and lead.",
    },
    {
      why: "a university that is not eligible",
      lead: "kth",
      passed: false,
      key: "eligibility.leadNotEligible",
      message: "KTH Royal Institute of Technology is not among the universities that may apply; the lead must be one of them.",
    },
    {
      why: "a company",
      lead: "halm",
      passed: false,
      key: "eligibility.leadNotEligible",
      message: "Halm Radar AB is not among the universities that may apply; the lead must be one of them.",
    },
    { why: "none chosen", lead: null, passed: false, key: "eligibility.noLead", message: "No lead university is chosen yet." },
    {
      why: "an unknown organization",
      lead: "nobody",
      passed: false,
      key: "eligibility.noLead",
      message: "No lead university is chosen yet.",
    },
  ])("$why", ({ lead, passed, key, message }) => {
    const r = run([], 0, lead);
    expect(rule(r, "eligible-lead")).toMatchObject({ id: "eligible-lead", passed, messages: [{ key }] });
    expect(said(r, "eligible-lead")).toBe(message);
  });

  it("is not a rule when the programme does not require it", () => {
    const r = run([m("halm", 1), m("skog", 1)], 2, "kth", { ...DEFAULT_PROGRAMME, requireEligibleApplicant: false });
    expect(r.rules.map((x) => x.id)).toEqual(["independent-companies", "co-funding", "institute-cap"]);
    expect(r.eligible).toBe(true);
  });
});

describe("the whole evaluation", () => {
  it("is eligible when every rule passes, with nothing missing", () => {
    const r = run([m("volvo-se", 300_000, 200_000), m("halm", 0, 300_000), m("rise", 200_000)], 1_000_000);
    expect(r.eligible).toBe(true);
    expect(r.missing).toEqual([]);
    expect(missingLine(r.missing)).toBeNull();
    expect(r.rules.every((x) => x.passed)).toBe(true);
  });

  it("lists everything missing at once", () => {
    const r = run([m("volvo", 100), m("volvo-se", 100), m("rise", 1_000)], 10_000, "kth");
    expect(r.eligible).toBe(false);
    expect(r.missing.map((x) => x.key)).toEqual([
      "eligibility.missing.companyOutside",
      "eligibility.missing.lead",
      "eligibility.missing.coFunding",
      "eligibility.missing.instituteShare",
    ]);
    expect(missing(r)).toBe(
      "Missing: one more company independent of the Volvo Cars AB group, with a pledge; an eligible university as lead; SEK 8,800 more co-funding; more co-funding from companies, or less from institutes.",
    );
    expect(missing(r, "sv")).toBe(
      "Saknas: ett företag till, oberoende av koncernen Volvo Cars AB, med ett åtagande; ett behörigt lärosäte som huvudsökande; 8 800 kr mer i medfinansiering; mer medfinansiering från företag, eller mindre från institut.",
    );
  });

  it("goes from eligible to not when a company withdraws (the threshold can be lost)", () => {
    const before = run([m("halm", 500_000), m("skog", 500_000)]);
    const after = run([m("halm", 500_000), m("skog", 500_000, 0, "withdrawn")]);
    expect([before.eligible, after.eligible]).toEqual([true, false]);
  });
});
