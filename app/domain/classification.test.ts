import { describe, expect, it } from "vitest";
import { classificationFromCsv } from "#scripts/reference-data.ts";
import { label, researchSubject, researchSubjects, sniCode, sniCodes, subjectWithAncestors } from "#app/domain/classification.ts";

describe("reference data", () => {
  it("the JSON modules are exactly the shipped CSV files (run npm run data:reference after editing a CSV)", () => {
    expect(researchSubjects).toEqual(classificationFromCsv("research-subjects.csv"));
    expect(sniCodes).toEqual(classificationFromCsv("sni2007.csv"));
  });

  it("has the whole research-subject classification, every parent present", () => {
    expect(researchSubjects.filter((s) => s.level === 1)).toHaveLength(6);
    expect(researchSubjects.filter((s) => s.level === 2)).toHaveLength(42);
    expect(researchSubjects.filter((s) => s.level === 3)).toHaveLength(260);
    for (const s of researchSubjects) if (s.parent) expect(researchSubject(s.parent), s.code).toBeDefined();
  });
});

describe("lookups", () => {
  it("finds a subject with its group and area, nearest first", () => {
    expect(subjectWithAncestors("10201").map((s) => s.code)).toEqual(["10201", "102", "1"]);
    expect(subjectWithAncestors("99999")).toEqual([]);
  });

  it.each([
    ["10201", "sv", "Datavetenskap (datalogi)"],
    ["10201", "en", "Computer Sciences"],
  ] as const)("labels %s in %s", (code, lang, text) => expect(label(researchSubject(code)!, lang)).toBe(text));

  it("accepts SNI codes with or without the dot and falls back to English where Swedish is missing", () => {
    expect(sniCode("62.01")?.code).toBe("6201");
    expect(sniCode("6201")?.en).toMatch(/Computer programming/);
    expect(label(sniCode("4771")!, "sv")).toBe(sniCode("4771")!.en);
  });
});
