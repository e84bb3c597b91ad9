import { describe, expect, it } from "vitest";
import { englishOnlyStrings, findEnglishOnly, fixedParts } from "#app/i18n/english-only.ts";

describe("English-only texts", () => {
  const en = {
    "a.name": "Samband",
    "a.signIn": "Sign in",
    "a.tally": "Co-funding pledged: {total} of {required} required",
    "a.count": "{count} postings",
    "a.kind": "Kind",
  };
  const sv = {
    "a.name": "Samband",
    "a.signIn": "Logga in",
    "a.tally": "Utlovad medfinansiering: {total} av {required} som krävs",
    "a.count": "{count} annonser",
    "a.kind": "Typ",
  };

  it("keeps texts and long fixed parts that only English has, never those the same in both", () => {
    const only = englishOnlyStrings(en, sv);
    expect([...only.texts.keys()].sort()).toEqual(["Kind", "Sign in"]);
    // "Co-funding pledged:" and "of" are too short to look for inside other text.
    expect([...only.parts.keys()]).toEqual([]);
    expect(fixedParts("Co-funding of {total} covers the {required} required.")).toEqual(["Co-funding of", "covers the", "required."]);
  });

  it("finds whole texts by equality and fixed parts inside longer texts", () => {
    const only = englishOnlyStrings(
      { ...en, "a.long": "Research institutes provide {share} of the co-funding at most" },
      { ...sv, "a.long": "Forskningsinstituten står för {share} av medfinansieringen" },
    );
    expect(findEnglishOnly(["Logga in", "Samband", "Sign in", "Kindness"], only).map((f) => f.key)).toEqual(["a.signIn"]);
    expect(findEnglishOnly(["Now: Research institutes provide 5 % of the co-funding at most."], only).map((f) => f.key)).toEqual([
      "a.long",
    ]);
    expect(findEnglishOnly(["Forskningsinstituten står för 5 % av medfinansieringen"], only)).toEqual([]);
  });

  it("has something to look for in the real catalogues", () => {
    const only = englishOnlyStrings();
    expect(only.texts.get("Sign in")).toMatch(/login/);
    expect(only.texts.has("Samband")).toBe(false);
  });
});
