import { describe, expect, it } from "vitest";
import {
  packageFileNames,
  packageSummary,
  partnerRows,
  slug,
  type PackageFacts,
  type PackagePartner,
} from "#app/domain/application-package.ts";
import { message } from "#app/i18n/message.ts";

const plain = (s: string) => s.replace(/[\u00a0\u202f]/g, " ");
const partner = (over: Partial<PackagePartner> = {}): PackagePartner => ({
  name: "Alfa AB",
  orgNumber: "556100-0001",
  kind: "company",
  group: null,
  status: "accepted",
  cash: 200_000,
  inKind: 100_000,
  letter: "confirmed",
  ...over,
});

describe("the partner rows", () => {
  it.each([
    {
      locale: "en" as const,
      header: [
        "Organisation",
        "Organisation number",
        "Kind",
        "Corporate group",
        "Status",
        "Cash (SEK)",
        "In kind (SEK)",
        "Letter of intent",
      ],
    },
    {
      locale: "sv" as const,
      header: ["Organisation", "Organisationsnummer", "Typ", "Koncern", "Status", "Kontant (kr)", "In natura (kr)", "Avsiktsförklaring"],
    },
  ])("have the header in $locale", ({ locale, header }) => {
    expect(partnerRows(locale, [])).toEqual([header]);
  });

  it.each([
    { letter: "confirmed" as const, en: "confirmed", sv: "bekräftad" },
    { letter: "stale" as const, en: "needs new confirmation", sv: "behöver ny bekräftelse" },
    { letter: "draft" as const, en: "draft", sv: "utkast" },
    { letter: "missing" as const, en: "missing", sv: "saknas" },
    { letter: "not-needed" as const, en: "not needed", sv: "behövs inte" },
  ])("say the letter is $en", ({ letter, en, sv }) => {
    expect(partnerRows("en", [partner({ letter })])[1]![7]).toBe(en);
    expect(partnerRows("sv", [partner({ letter })])[1]![7]).toBe(sv);
  });

  it("give whole kronor without separators, the group's top, and an empty number when unknown", () => {
    const rows = partnerRows("sv", [
      partner({ group: "Volvo AB", cash: 1_234_567.4, inKind: -3 }),
      partner({ orgNumber: null, kind: "university" }),
    ]);
    expect(rows[1]).toEqual(["Alfa AB", "556100-0001", "Företag", "Volvo AB", "tackat ja", "1234567", "0", "bekräftad"]);
    expect(rows[2]!.slice(1, 4)).toEqual(["", "Lärosäte", ""]);
  });

  it("leave out declined and withdrawn organizations, keep invited ones", () => {
    const rows = partnerRows("en", [
      partner({ name: "In" }),
      partner({ name: "Asked", status: "invited" }),
      partner({ name: "No", status: "declined" }),
      partner({ name: "Left", status: "withdrawn" }),
    ]);
    expect(rows.slice(1).map((r) => r[0])).toEqual(["In", "Asked"]);
  });
});

describe("file names", () => {
  it.each([
    { title: "Drönare över skogen", stem: "dronare-over-skogen" },
    { title: "  ../../etc/passwd  ", stem: "etc-passwd" },
    { title: 'A "quoted"; name\r\n', stem: "a-quoted-name" },
    { title: "森林", stem: "consortium" },
    { title: "x".repeat(100), stem: "x".repeat(60) },
  ])("$title → $stem", ({ title, stem }) => {
    expect(slug(title)).toBe(stem);
  });

  it("are in the reader's language", () => {
    expect(packageFileNames("en", "Skog")).toEqual({ pdf: "skog-summary.pdf", csv: "skog-partners.csv", zip: "skog-application.zip" });
    expect(packageFileNames("sv", "Skog")).toEqual({ pdf: "skog-sammanfattning.pdf", csv: "skog-parter.csv", zip: "skog-ansokan.zip" });
  });
});

const facts = (over: Partial<PackageFacts> = {}): PackageFacts => ({
  title: "Drones over the forest",
  programme: "HÖG 2027",
  deadline: "2027-03-01T00:00:00Z",
  summary: "Bark beetles, found early.",
  keywords: ["drones", "forestry"],
  requestedFunding: 900_000,
  coFunding: { required: 900_000, total: 600_000 },
  rules: [
    { id: "independent-companies", passed: true, messages: [message("consortium.passed")] },
    { id: "co-funding", passed: false, messages: [message("consortium.failed")] },
  ],
  eligible: false,
  ready: false,
  letters: { total: 2, passed: false, messages: [message("letter.tally", { confirmed: 1, total: 2 })] },
  partners: [partner()],
  now: new Date("2026-12-01T10:00:00Z"),
  ...over,
});

describe("the summary", () => {
  it("opens with the checklist: each rule, the letters, then the verdict", () => {
    const s = packageSummary("en", facts());
    expect(s.checklistTitle).toBe("Eligibility checklist");
    expect(s.checklist).toEqual(["Passes: Passes", "Fails: Fails", "Fails: Letters of intent confirmed: 1 of 2."]);
    expect(s.verdict).toBe("Not eligible yet");
  });

  it.each([
    { eligible: true, ready: true, verdict: "Ready to submit: eligible, and every letter of intent confirmed" },
    { eligible: true, ready: false, verdict: "Eligible, but not ready to submit: letters of intent are missing" },
    { eligible: false, ready: false, verdict: "Not eligible yet" },
  ])("says ready $ready when eligible $eligible", ({ eligible, ready, verdict }) => {
    expect(packageSummary("en", facts({ eligible, ready })).verdict).toBe(verdict);
  });

  it("leaves the letters line out when no letter is owed, as the page does", () => {
    expect(packageSummary("en", facts({ letters: { total: 0, passed: true, messages: [] } })).checklist).toHaveLength(2);
  });

  it("gives the programme, deadline, keywords and amounts in the language", () => {
    const s = packageSummary("sv", facts());
    expect(s.fields.map(([l, v]) => [l, plain(v)])).toEqual([
      ["Utlysning", "HÖG 2027"],
      ["Sista ansökningsdag", "1 mars 2027"],
      ["Nyckelord", "drones, forestry"],
      ["Sökt belopp", "900 000 kr"],
      ["Krav på medfinansiering", "900 000 kr"],
      ["Utlovad medfinansiering", "600 000 kr"],
    ]);
    expect(s.table.map((r) => r.map(plain))).toEqual([
      ["Organisation", "Org.nr", "Typ", "Koncern", "Status", "Kontant (kr)", "In natura (kr)", "Avsiktsförklaring"],
      ["Alfa AB", "556100-0001", "Företag", "", "tackat ja", "200 000", "100 000", "bekräftad"],
    ]);
    expect(plain(s.footer)).toBe("Skapad av Samband 1 dec. 2026 11:00.");
  });

  it("says when there is no deadline, keyword or summary", () => {
    const s = packageSummary("en", facts({ deadline: null, keywords: [], summary: "  " }));
    expect(s.fields[1]![1]).toBe("no deadline set");
    expect(s.fields[2]![1]).toBe("none given");
    expect(s.summary).toBe("none given");
  });
});
