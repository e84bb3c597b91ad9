import { describe, expect, it } from "vitest";
import { editDistance, fold, MAX_QUERY_LENGTH, resolveSubject, searchSubjects } from "#app/domain/subject-search.ts";

const first = (q: string, locale: "sv" | "en" = "sv") => searchSubjects(q, locale)[0]?.code;

describe("searchSubjects", () => {
  it.each([
    // [typed, reader's language, the first subject offered]
    ["maskinteknik", "sv", "203"],
    ["Maskinteknik", "en", "203"],
    ["MASKINTEKNIK", "sv", "203"],
    ["masknteknik", "sv", "203"],
    ["maskinteknk", "sv", "203"],
    ["mechanical", "en", "203"],
    ["Mechanical Engineering", "sv", "203"],
    ["mechanical engneering", "en", "203"],
    ["Teknisk mekanik", "sv", "20301"],
    ["datavetenskap", "sv", "10201"],
    ["Datavetenskap (datalogi)", "sv", "10201"],
    ["computer sciences", "en", "10201"],
    ["berakningsmatematik", "sv", "10105"],
    ["Beräkningsmatematik", "sv", "10105"],
    ["naturvetenskap", "sv", "1"],
    ["203", "sv", "203"],
    ["20301", "en", "20301"],
  ] as const)("%s (%s) offers %s first", (typed, locale, code) => {
    expect(first(typed, locale)).toBe(code);
  });

  it("offers every level: a broad field and the subjects under it", () => {
    const codes = searchSubjects("maskinteknik", "sv").map((h) => h.code);
    expect(codes).toEqual(expect.arrayContaining(["203", "20399"]));
  });

  it("finds a part of a Swedish compound word", () => {
    expect(searchSubjects("teknik", "sv").map((h) => h.code)).toContain("203");
  });

  it("labels in the reader's language with the levels above", () => {
    expect(searchSubjects("20399", "en")[0]).toEqual({
      code: "20399",
      level: 3,
      label: "Other Mechanical Engineering",
      path: ["Engineering and Technology", "Mechanical Engineering"],
    });
    expect(searchSubjects("20399", "sv")[0]?.label).toBe("Annan maskinteknik");
  });

  it("lists codes by their start, in order", () => {
    expect(searchSubjects("2030", "sv", 3).map((h) => h.code)).toEqual(["20301", "20302", "20303"]);
  });

  it.each(["", "   ", "---", "<script>alert(1)</script>", "' OR 1=1 --", "zzzzzzzz", "99999", "qx"])("offers nothing for %j", (q) => {
    expect(searchSubjects(q, "sv")).toEqual([]);
  });

  it("respects the limit", () => {
    expect(searchSubjects("teknik", "sv", 3)).toHaveLength(3);
    expect(searchSubjects("teknik", "sv", 0)).toEqual([]);
  });

  it("reads no more than the first characters of a huge query", () => {
    // Whatever follows the first MAX_QUERY_LENGTH characters is not read.
    expect(searchSubjects("maskinteknik" + " ".repeat(10_000) + "zzzz", "sv")).toEqual(searchSubjects("maskinteknik", "sv"));
    expect(searchSubjects("x".repeat(10_000), "sv")).toEqual([]);
    expect(MAX_QUERY_LENGTH).toBeLessThan(200);
  });
});

describe("resolveSubject", () => {
  it.each([
    ["203", "203"],
    [" 20301 ", "20301"],
    ["Maskinteknik", "203"],
    ["maskinteknik", "203"],
    ["Mechanical Engineering", "203"],
    ["berakningsmatematik", "10105"],
  ])("%j is %s", (typed, code) => {
    expect(resolveSubject(typed, "sv")).toEqual({ ok: true, code });
  });

  it("does not guess from a near name, but offers the closest", () => {
    const r = resolveSubject("masknteknik", "sv");
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.suggestions[0]?.code).toBe("203");
  });

  it("refuses an unknown code", () => {
    expect(resolveSubject("99999", "sv")).toEqual({ ok: false, typed: "99999", suggestions: [] });
  });
});

describe("fold and editDistance", () => {
  it("drops case, accents and punctuation", () => {
    expect(fold("Överlåtelse-Ärenden, ÉTUDE")).toBe("overlatelse arenden etude");
  });
  it.each([
    ["kitten", "sitting", 3],
    ["ab", "ba", 1],
    ["maskinteknik", "masknteknik", 1],
    ["", "abc", 3],
  ])("%s → %s is %i", (a, b, d) => {
    expect(editDistance(a, b)).toBe(d);
  });
  it("stops early past its bound", () => {
    expect(editDistance("aaaa", "bbbbbbbbbb", 2)).toBe(3);
  });
});
