import { describe, expect, it } from "vitest";
import { bm25Idf, groupPhrases, pickQueryTerms } from "#search/bm25.ts";

describe("bm25Idf", () => {
  it.each([
    { n: 1000, df: 1, more: 500 },
    { n: 1000, df: 10, more: 100 },
    { n: 10, df: 1, more: 9 },
  ])("a stem in $df of $n documents weighs more than one in $more", ({ n, df, more }) => {
    expect(bm25Idf(n, df)).toBeGreaterThan(bm25Idf(n, more));
  });
  it.each([
    [0, 0],
    [100, 0],
    [0, 5],
  ])("weighs nothing without documents or without the stem (%i documents, %i with it)", (n, df) => {
    expect(bm25Idf(n, df)).toBe(0);
  });
  it("is never negative, even for a stem in every document", () => {
    expect(bm25Idf(100, 100)).toBeGreaterThan(0);
    expect(bm25Idf(100, 100)).toBeLessThan(0.01);
  });
});

describe("pickQueryTerms", () => {
  const stems = [
    { term: "vibrat", queryTf: 3, idf: 4, df: 12 },
    { term: "bear", queryTf: 1, idf: 4, df: 12 },
    { term: "data", queryTf: 2, idf: 0.2, df: 900 },
    { term: "zzz", queryTf: 5, idf: 9, df: 0 },
  ];
  it("keeps the heaviest stems, drops those no document has", () => {
    expect(pickQueryTerms(stems, 10).map((t) => t.term)).toEqual(["vibrat", "bear", "data"]);
    expect(pickQueryTerms(stems, 2).map((t) => t.term)).toEqual(["vibrat", "bear"]);
    expect(pickQueryTerms(stems, 0)).toEqual([]);
  });
  it("counts a stem said three times more than once, but not three times more", () => {
    const [three, one] = pickQueryTerms(stems, 2);
    expect(three!.weight / one!.weight).toBeGreaterThan(1.3);
    expect(three!.weight / one!.weight).toBeLessThan(2);
  });
});

describe("groupPhrases", () => {
  const stem = (matched: string[]) => (w: string) => (matched.includes(w.toLowerCase()) ? w.toLowerCase() : undefined);
  it.each([
    {
      text: "We need vibration analysis of gearboxes",
      matched: ["vibration", "analysis", "gearboxes"],
      want: ["vibration analysis", "gearboxes"],
    },
    {
      text: "Machine learning for machine vision",
      matched: ["machine", "learning", "vision"],
      want: ["machine learning", "machine vision"],
    },
    { text: "nothing here", matched: [], want: [] },
    { text: "a b c d e f g", matched: ["b", "d", "f", "g"], want: ["b", "d", "f g"] },
    {
      text: "machine learning  condition monitoring",
      matched: ["machine", "learning", "condition", "monitoring"],
      want: ["machine learning", "condition monitoring"],
    }, // "" between two keywords ends a phrase
  ])("$text → $want", ({ text, matched, want }) => {
    expect(groupPhrases(text.split(" "), stem(matched), 3)).toEqual(want);
  });
  it("quotes each stem once and at most `max` phrases", () => {
    expect(groupPhrases("cell cell cell x cell y tissue".split(" "), stem(["cell", "tissue"]), 5)).toEqual(["cell cell cell", "tissue"]);
    expect(groupPhrases("a x b x c x d".split(" "), stem(["a", "b", "c", "d"]), 2)).toEqual(["a", "b"]);
  });
});
