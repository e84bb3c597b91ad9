import { describe, expect, it } from "vitest";
import { buildFilter, quote } from "#app/domain/facets.ts";

describe("filters from user input", () => {
  it.each([
    ["plain", '"plain"'],
    ['with "quotes"', '"with \\"quotes\\""'],
    ["back\\slash", '"back\\\\slash"'],
    ['x" OR visibility = "members', '"x\\" OR visibility = \\"members"'],
  ])("quotes %j as %s", (value, quoted) => expect(quote(value)).toBe(quoted));

  it("ANDs facets, ORs values, keeps the base filter, ignores unknown facets and absurd values", () => {
    const filter = buildFilter(
      { kind: ["need"], region: ["Dalarnas län", "Hallands län"], subjects: ["x".repeat(500)], ...({ visibility: ["members"] } as object) },
      ['visibility = "public"'],
    );
    expect(filter).toEqual(['visibility = "public"', '(kind = "need")', '(region = "Dalarnas län" OR region = "Hallands län")']);
  });
});
