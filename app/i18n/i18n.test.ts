import { describe, expect, it } from "vitest";
import { en } from "#app/i18n/en.ts";
import { fromAcceptLanguage, translate, translateCount } from "#app/i18n/index.ts";
import { sv } from "#app/i18n/sv.ts";

describe("i18n", () => {
  it("has every text in both languages, with the same placeholders", () => {
    expect(Object.keys(sv).sort()).toEqual(Object.keys(en).sort());
    for (const key of Object.keys(en) as (keyof typeof en)[]) {
      const vars = (s: string) => (s.match(/\{\w+\}/g) ?? []).sort();
      expect(vars(sv[key]), key).toEqual(vars(en[key]));
      expect(sv[key].trim(), key).not.toBe("");
    }
  });

  it.each([
    [null, "en"],
    ["sv-SE,sv;q=0.9,en;q=0.8", "sv"],
    ["en-GB,en;q=0.9,sv;q=0.8", "en"],
    ["de-DE,de;q=0.9,sv;q=0.5", "sv"],
    ["de, fr", "en"],
    ["en;q=0.1, sv;q=0.9", "sv"],
    ["sv;q=0", "en"],
    ["<script>", "en"],
  ])("Accept-Language %j gives %s", (header, locale) => expect(fromAcceptLanguage(header)).toBe(locale));

  it("picks the singular or plural form by the language's rules", () => {
    expect(translateCount("sv", "admin.programmes.consortia", 1)).toBe("1 konsortium");
    expect(translateCount("sv", "admin.programmes.consortia", 2)).toBe("2 konsortier");
    expect(translateCount("sv", "browse.results", 0)).toBe("0 annonser");
    expect(translateCount("en", "browse.results", 1)).toBe("1 posting");
    expect(translateCount("en", "browse.results", 1200).replace(",", "")).toBe("1200 postings");
  });

  it("fills in placeholders", () => {
    expect(translate("sv", "nav.signedInAs", { name: "Anna" })).toBe("Inloggad som Anna");
  });
});
