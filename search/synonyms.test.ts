import { describe, expect, it } from "vitest";
import { meiliSynonyms, synonymGroups } from "#search/synonyms.ts";

describe("synonym vocabulary", () => {
  it("has groups of two or more distinct terms, no term in two groups", () => {
    const seen = new Map<string, number>();
    synonymGroups.forEach((group, i) => {
      expect(group.length, JSON.stringify(group)).toBeGreaterThanOrEqual(2);
      for (const term of group) {
        const t = term.toLowerCase();
        expect(t.trim(), term).toBe(t);
        expect(seen.get(t), `"${term}" is in groups ${seen.get(t)} and ${i}`).toBeUndefined();
        seen.set(t, i);
      }
    });
    expect(synonymGroups.length).toBeGreaterThanOrEqual(100);
  });

  it("makes every group mutual", () => {
    const s = meiliSynonyms([["maskininlärning", "Machine Learning", "ML"]]);
    expect(s).toEqual({
      maskininlärning: ["machine learning", "ml"],
      "machine learning": ["maskininlärning", "ml"],
      ml: ["maskininlärning", "machine learning"],
    });
  });
});
