import { describe, expect, it } from "vitest";
import { projectPartners, type OrgLink } from "#app/domain/track-record.ts";

const o = (id: string, name = id.toUpperCase()): OrgLink => ({ id, name });
const names = (r: ReturnType<typeof projectPartners>) => r.shown.map((p) => (p.lead ? `${p.name}*` : p.name));

describe("projectPartners", () => {
  it.each([
    // [case, self, lead, partners, max, shown (lead starred), more, ledBySelf]
    ["others by name, self left out", "a", null, [o("c"), o("a"), o("b")], 10, ["B", "C"], 0, false],
    ["another lead first", "a", o("c"), [o("a"), o("b"), o("c")], 10, ["C*", "B"], 0, false],
    ["self as lead", "a", o("a"), [o("a"), o("c"), o("b")], 10, ["B", "C"], 0, true],
    ["a lead missing from the partners still shown", "a", o("z"), [o("a"), o("b")], 10, ["Z*", "B"], 0, false],
    ["capped, the rest counted", "a", o("b"), [o("a"), o("b"), o("c"), o("d"), o("e")], 2, ["B*", "C"], 2, false],
    ["no others at all", "a", o("a"), [o("a")], 10, [], 0, true],
    ["a repeated partner counted once", "a", null, [o("b"), o("b")], 10, ["B"], 0, false],
    [
      "Swedish order: å after z",
      "a",
      null,
      [o("x", "Åbo AB"), o("y", "Zeta AB"), o("w", "Alfa AB")],
      10,
      ["Alfa AB", "Zeta AB", "Åbo AB"],
      0,
      false,
    ],
  ] as const)("%s", (_case, self, lead, partners, max, shown, more, ledBySelf) => {
    const r = projectPartners(self, lead, [...partners], max);
    expect(names(r)).toEqual(shown);
    expect([r.more, r.ledBySelf]).toEqual([more, ledBySelf]);
  });
});
