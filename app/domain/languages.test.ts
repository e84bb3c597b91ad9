import { describe, expect, it } from "vitest";
import { languageName, resolveLanguage, searchLanguages } from "#app/domain/languages.ts";

describe("languages", () => {
  it.each([
    ["sv", "sv", "svenska"],
    ["sv", "en", "Swedish"],
    ["fi", "sv", "finska"],
    ["de", "en", "German"],
  ] as const)("%s is called %s in %s", (code, locale, name) => {
    expect(languageName(code, locale)).toBe(name);
  });

  it.each([
    ["svenska", "sv", "sv"],
    ["Swedish", "sv", "sv"],
    ["swedsh", "en", "sv"],
    ["tyska", "en", "de"],
    ["German", "sv", "de"],
    ["fi", "sv", "fi"],
    ["Engelska", "sv", "en"],
  ] as const)("%s (%s) offers %s first", (typed, locale, code) => {
    expect(searchLanguages(typed, locale)[0]?.code).toBe(code);
  });

  it.each(["", "<>", "' OR 1=1", "zzzzzzzz"])("offers nothing for %j", (q) => {
    expect(searchLanguages(q, "sv")).toEqual([]);
  });

  it.each([
    ["sv", "sv"],
    ["SV", "sv"],
    ["svenska", "sv"],
    ["Swedish", "sv"],
    ["engelska", "en"],
    ["Svensk", null],
    ["xx", null],
  ])("resolves %j to %s", (typed, code) => {
    expect(resolveLanguage(typed)).toBe(code);
  });
});
