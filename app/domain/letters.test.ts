import { describe, expect, it } from "vitest";
import {
  letterContent,
  letterStatus,
  letterTally,
  looksLikePdf,
  needsLetter,
  readyToSubmit,
  type LetterRecord,
  type Partner,
} from "#app/domain/letters.ts";
import { renderMessages } from "#app/i18n/message.ts";

const plain = (s: string) => s.replace(/[\u00a0\u202f]/g, " ");
const partner = (
  organizationId: string,
  kind: Partner["kind"],
  pledgeCash: number,
  pledgeInKind = 0,
  status: Partner["status"] = "accepted",
): Partner => ({
  organizationId,
  name: `${organizationId} AB`,
  kind,
  status,
  pledgeCash,
  pledgeInKind,
});
const confirmed = (cash: number, inKind = 0, text = { role: "Test site", motive: "Data" }): LetterRecord => ({
  ...text,
  confirmedAt: new Date("2026-11-30T10:00:00Z"),
  confirmedCash: cash,
  confirmedInKind: inKind,
  confirmedRole: text.role,
  confirmedMotive: text.motive,
});

describe("who owes a letter of intent", () => {
  it.each([
    { who: "an accepted company with cash", p: partner("a", "company", 1), owes: true },
    { who: "an accepted company with only in kind", p: partner("a", "company", 0, 5), owes: true },
    { who: "an accepted institute with a pledge", p: partner("a", "institute", 100), owes: true },
    { who: "an accepted company with no pledge", p: partner("a", "company", 0), owes: false },
    { who: "a company whose negative amounts sum to nothing", p: partner("a", "company", -5, 0), owes: false },
    { who: "an invited company with a pledge", p: partner("a", "company", 100, 0, "invited"), owes: false },
    { who: "a withdrawn company with a pledge", p: partner("a", "company", 100, 0, "withdrawn"), owes: false },
    { who: "a declined company with a pledge", p: partner("a", "company", 100, 0, "declined"), owes: false },
    { who: "a university with a pledge", p: partner("a", "university", 100), owes: false },
    { who: "a public body with a pledge", p: partner("a", "public", 100), owes: false },
  ])("$who: $owes", ({ p, owes }) => expect(needsLetter(p)).toBe(owes));
});

describe("the state of a letter", () => {
  const pledge = { pledgeCash: 300_000, pledgeInKind: 50_000 };
  it.each([
    { what: "no letter", letter: null, state: "missing", why: "" },
    { what: "an empty draft", letter: { ...confirmed(0), role: " ", motive: "", confirmedAt: null }, state: "missing", why: "" },
    { what: "a written draft", letter: { ...confirmed(0), confirmedAt: null }, state: "draft", why: "" },
    { what: "confirmed with today's pledge", letter: confirmed(300_000, 50_000), state: "confirmed", why: "" },
    {
      what: "confirmed with another cash amount",
      letter: confirmed(200_000, 50_000),
      state: "stale",
      why: "The pledge changed after the confirmation, from 200,000 kr in cash and 50,000 kr in kind to 300,000 kr in cash and 50,000 kr in kind.",
    },
    {
      what: "confirmed with another in-kind amount",
      letter: confirmed(300_000, 0),
      state: "stale",
      why: "from 300,000 kr in cash and 0 kr in kind",
    },
    {
      what: "confirmed, then the role rewritten",
      letter: { ...confirmed(300_000, 50_000), role: "Another role" },
      state: "stale",
      why: "The role or motive changed after the confirmation.",
    },
    {
      what: "confirmed, then both the pledge and the motive changed",
      letter: { ...confirmed(1, 50_000), motive: "New" },
      state: "stale",
      why: "to 300,000 kr in cash and 50,000 kr in kind. The role or motive changed",
    },
    {
      what: "confirmed, then the partner left and rejoined with the same pledge",
      letter: { ...confirmed(300_000, 50_000), leftAt: new Date("2026-11-30T11:00:00Z") },
      state: "stale",
      why: "The partner left the consortium and rejoined after the confirmation.",
    },
    {
      what: "confirmed in the same instant as the partner left",
      letter: { ...confirmed(300_000, 50_000), leftAt: "2026-11-30T10:00:00.000Z" },
      state: "stale",
      why: "left the consortium and rejoined",
    },
    {
      what: "confirmed again after rejoining",
      letter: { ...confirmed(300_000, 50_000), leftAt: new Date("2026-11-30T09:00:00Z") },
      state: "confirmed",
      why: "",
    },
  ] as const)("$what: $state", ({ letter, state, why }) => {
    const s = letterStatus(pledge, letter);
    expect(s.state).toBe(state);
    const said = plain(renderMessages("en", s.reasons)).replace(/SEK\s?([\d,]+)/g, "$1 kr");
    if (why) expect(said).toContain(why);
    else expect(s.reasons).toEqual([]);
  });

  it("says why in Swedish too", () => {
    const s = letterStatus(pledge, confirmed(200_000, 50_000));
    expect(plain(renderMessages("sv", s.reasons))).toBe(
      "Åtagandet ändrades efter bekräftelsen, från 200 000 kr kontant och 50 000 kr in natura till 300 000 kr kontant och 50 000 kr in natura.",
    );
  });
});

describe("the checklist's line and ready to submit", () => {
  const partners = [
    partner("alfa", "company", 100),
    partner("beta", "company", 0, 100),
    partner("gamma", "institute", 10),
    partner("delta", "company", 0), // no pledge: owes nothing
    partner("epsilon", "company", 100, 0, "invited"), // not in yet: owes nothing
  ];
  it.each([
    {
      what: "none confirmed",
      letters: {},
      confirmed: 0,
      passed: false,
      line: "Letters of intent confirmed: 0 of 3. Waiting for: alfa AB, beta AB and gamma AB.",
    },
    {
      what: "two of three, one of them stale",
      letters: { alfa: confirmed(100), beta: confirmed(0, 99), gamma: confirmed(10) },
      confirmed: 2,
      passed: false,
      line: "Letters of intent confirmed: 2 of 3. Waiting for: beta AB (to confirm again).",
    },
    {
      what: "all three",
      letters: { alfa: confirmed(100), beta: confirmed(0, 100), gamma: confirmed(10) },
      confirmed: 3,
      passed: true,
      line: "Letters of intent confirmed: 3 of 3.",
    },
  ])("$what", ({ letters, confirmed: n, passed, line }) => {
    const tally = letterTally(partners, new Map(Object.entries(letters)));
    expect({ total: tally.total, confirmed: tally.confirmed, passed: tally.passed }).toEqual({ total: 3, confirmed: n, passed });
    expect(renderMessages("en", tally.messages)).toBe(line);
    expect(readyToSubmit(true, tally)).toBe(passed);
    expect(readyToSubmit(false, tally)).toBe(false);
  });

  it("owes nothing when nobody pledges, so an eligible consortium without co-funders is ready", () => {
    const tally = letterTally([partner("a", "company", 0)], new Map());
    expect(tally).toMatchObject({ total: 0, confirmed: 0, passed: true, waiting: [] });
    expect(renderMessages("sv", tally.messages)).toBe("Bekräftade avsiktsförklaringar: 0 av 0.");
  });

  it("names who is missing in Swedish", () => {
    const tally = letterTally(partners, new Map([["alfa", confirmed(5)]]));
    expect(renderMessages("sv", tally.messages)).toBe(
      "Bekräftade avsiktsförklaringar: 0 av 3. Väntar på: alfa AB (ska bekräftas igen), beta AB och gamma AB.",
    );
  });
});

describe("a PDF by its first bytes", () => {
  const bytes = (s: string) => new TextEncoder().encode(s);
  it.each([
    { what: "a PDF", b: bytes("%PDF-1.7\n..."), pdf: true },
    { what: "just the magic", b: bytes("%PDF-"), pdf: true },
    { what: "empty", b: bytes(""), pdf: false },
    { what: "too short", b: bytes("%PDF"), pdf: false },
    { what: "lower case", b: bytes("%pdf-1.4"), pdf: false },
    { what: "a PNG", b: new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a]), pdf: false },
    { what: "HTML named .pdf", b: bytes("<html><script>alert(1)</script>"), pdf: false },
    { what: "a PDF header after a space", b: bytes(" %PDF-1.7"), pdf: false },
  ])("$what: $pdf", ({ b, pdf }) => expect(looksLikePdf(b)).toBe(pdf));
});

describe("what a letter says", () => {
  const facts = {
    consortium: "Radar for forests",
    programme: "HÖG 2027",
    lead: "Karlstad University",
    coordinator: "Anna Lind",
    organization: "Skogsdata AB",
    orgNumber: "556677-8899",
    pledgeCash: 300_000,
    pledgeInKind: 150_000,
    role: "Test site and data",
    motive: "",
    contact: null,
    confirmation: null,
    now: new Date("2026-12-01T08:00:00Z"),
  };
  it("in English, with what is not given said so, and signature lines when not confirmed in the app", () => {
    const c = letterContent("en", facts);
    expect(c.intro).toBe(
      "Skogsdata AB (organisation number 556677-8899) intends to take part in the project “Radar for forests”, applied for by Karlstad University in the programme HÖG 2027 and coordinated by Anna Lind.",
    );
    expect(Object.fromEntries(c.rows.map(([k, v]) => [k, plain(v)]))).toMatchObject({
      "Cash contribution": "SEK 300,000",
      "In-kind contribution": "SEK 150,000",
      "Total contribution": "SEK 450,000",
      "Role in the project": "Test site and data",
      "Motive for taking part": "not given yet",
      "Contact person": "not given yet",
    });
    expect(c.confirmed).toBeNull();
    expect(c.signature).toEqual(["Place and date", "Signature", "Name in print"]);
  });

  it("in Swedish, with the confirmation that holds", () => {
    const c = letterContent("sv", {
      ...facts,
      orgNumber: null,
      lead: null,
      confirmation: { name: "Eva Ek", email: "eva@skog.se", at: "2026-11-30T13:05:00Z" },
    });
    expect(c.title).toBe("Avsiktsförklaring");
    expect(c.intro).toContain("(organisationsnummer inte angivet)");
    expect(c.intro).toContain("som det sökande lärosätet söker");
    expect(plain(c.rows.find(([k]) => k === "Totalt bidrag")![1])).toBe("450 000 kr");
    expect(c.confirmed).toBe("Bekräftad i Samband av Eva Ek (eva@skog.se) den 30 nov. 2026 14:05.");
  });

  it("keeps hostile text as text: placeholders in what people typed are not filled in", () => {
    const c = letterContent("en", { ...facts, organization: "{consortium} <b>AB</b>", role: "{programme}'; DROP TABLE x;--" });
    expect(c.intro.startsWith("{consortium} <b>AB</b> (organisation number")).toBe(true);
    expect(c.rows.find(([k]) => k === "Role in the project")![1]).toBe("{programme}'; DROP TABLE x;--");
  });
});
