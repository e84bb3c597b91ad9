import { describe, expect, it } from "vitest";
import { DEFAULT_PROGRAMME, evaluate, missingLine, type Member, type Org } from "#app/domain/eligibility.ts";
import { en } from "#app/i18n/en.ts";
import { isMessage, renderMessage, renderMessages, type Message, type MessageVar } from "#app/i18n/message.ts";
import { sv } from "#app/i18n/sv.ts";

const plain = (s: string) => s.replace(/[\u00a0\u202f]/g, " ");
const placeholders = (text: string) => [...new Set((text.match(/\{(\w+)\}/g) ?? []).map((p) => p.slice(1, -1)))].sort();

/** Every message inside a message, itself included. */
function* nested(msg: Message): Generator<Message> {
  yield msg;
  const inVar = function* (v: MessageVar): Generator<Message> {
    if (isMessage(v)) yield* nested(v);
    else if (typeof v === "object" && "list" in v) for (const item of v.list) yield* inVar(item);
  };
  for (const v of Object.values(msg.vars ?? {})) yield* inVar(v);
}

describe("messages by key", () => {
  it("renders numbers, amounts, shares and lists in each language", () => {
    const msg: Message = {
      key: "eligibility.coFundingShort",
      vars: { total: { kronor: 4_000_000 }, short: { kronor: 500 }, required: { kronor: 4_000_500 } },
    };
    expect(plain(renderMessage("sv", msg))).toBe("Medfinansieringen på 4 000 000 kr är 500 kr för lite av de 4 000 500 kr som krävs.");
    expect(plain(renderMessage("en", msg))).toBe("Co-funding of SEK 4,000,000 is SEK 500 short of the SEK 4,000,500 required.");
    const share: Message = { key: "eligibility.instituteShareWithin", vars: { share: { percent: 0.125 }, cap: { percent: 0.25 } } };
    expect(renderMessage("en", share)).toBe("Research institutes provide 12.5% of the co-funding (at most 25%).");
    const names: Message = { key: "eligibility.sameGroup", vars: { names: { list: ["A AB", "B AB", "C AB"] }, group: "A AB" } };
    expect(renderMessage("sv", names)).toBe("A AB, B AB och C AB hör till samma koncern (A AB) och räknas som ett.");
    expect(renderMessages("en", [names, { key: "eligibility.noLead" }])).toBe(
      "A AB, B AB and C AB belong to the same group (A AB) and count once. No lead university is chosen yet.",
    );
  });

  it("renders a message inside a message, and a list joined by a given separator", () => {
    const line: Message = {
      key: "eligibility.missing",
      vars: { items: { list: [{ key: "eligibility.missing.lead" }, { key: "eligibility.missing.instituteShare" }], join: "; " } },
    };
    expect(renderMessage("sv", line)).toBe(
      "Saknas: ett behörigt lärosäte som huvudsökande; mer medfinansiering från företag, eller mindre från institut.",
    );
  });

  it("writes a calendar day as each language writes dates, the same day in Stockholm", () => {
    const msg: Message = { key: "outcome.notice.submitted.body", vars: { programme: "HÖG", date: { date: "2027-01-01" } } };
    expect(renderMessage("en", msg)).toBe("The application to HÖG was submitted on 1 January 2027.");
    expect(renderMessage("sv", msg)).toBe("Ansökan till HÖG skickades in 1 januari 2027.");
  });

  it("survives a trip through JSON (a loader, a stored row)", () => {
    const msg: Message = { key: "eligibility.missing.coFunding", vars: { amount: { kronor: 100 } } };
    expect(plain(renderMessage("en", JSON.parse(JSON.stringify(msg)) as Message))).toBe("SEK 100 more co-funding");
  });

  it("gives every key the rules use the variables both catalogues expect", () => {
    const org = (id: string, kind: Org["kind"], parentId: string | null = null, eligibleApplicant = false): Org => ({
      id,
      name: id,
      kind,
      parentId,
      eligibleApplicant,
    });
    const orgs = new Map(
      [org("p", "company"), org("c", "company", "p"), org("x", "company", "y"), org("y", "company", "x"), org("i", "institute")].map(
        (o) => [o.id, o],
      ),
    );
    const m = (organizationId: string, pledgeCash: number): Member => ({ organizationId, status: "accepted", pledgeCash, pledgeInKind: 0 });
    const cases = [
      { members: [], lead: null },
      { members: [m("p", 1), m("c", 1), m("x", 1), m("i", 10)], lead: "p" },
      { members: [m("p", 10), m("x", 10)], lead: "u" },
    ];
    const seen = new Set<string>();
    for (const { members, lead } of cases) {
      for (const programme of [DEFAULT_PROGRAMME, { ...DEFAULT_PROGRAMME, minIndependentCompanies: 1 }]) {
        const e = evaluate({ requestedFunding: 100, leadOrganizationId: lead, members }, orgs, programme);
        const all = [...e.rules.flatMap((r) => r.messages), ...e.missing, ...(missingLine(e.missing) ? [missingLine(e.missing)!] : [])];
        for (const msg of all.flatMap((x) => [...nested(x)])) {
          seen.add(msg.key);
          const given = Object.keys(msg.vars ?? {}).sort();
          expect(placeholders(en[msg.key]), msg.key).toEqual(given);
          expect(placeholders(sv[msg.key]), msg.key).toEqual(given);
        }
      }
    }
    // The cases reach most of the rules' texts (the sure sign the check above checked something).
    expect(seen.size).toBeGreaterThan(12);
  });
});
