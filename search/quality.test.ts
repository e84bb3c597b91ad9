import { describe, expect, it } from "vitest";
import { recallAtK, reciprocalRank, summarize } from "#search/quality.ts";

describe("quality measures", () => {
  it.each([
    { ranked: ["a", "b", "c"], relevant: ["a"], k: 10, recall: 1, rr: 1 },
    { ranked: ["x", "y", "a"], relevant: ["a"], k: 10, recall: 1, rr: 1 / 3 },
    { ranked: ["x", "y", "a"], relevant: ["a"], k: 2, recall: 0, rr: 0 },
    { ranked: ["x", "a", "b"], relevant: ["a", "b", "c", "d"], k: 10, recall: 0.5, rr: 0.5 },
    { ranked: [], relevant: ["a"], k: 10, recall: 0, rr: 0 },
    { ranked: ["a"], relevant: [], k: 10, recall: 0, rr: 0 },
  ])("$ranked against $relevant at $k", ({ ranked, relevant, k, recall, rr }) => {
    expect(recallAtK(ranked, relevant, k)).toBeCloseTo(recall, 10);
    expect(reciprocalRank(ranked, relevant, k)).toBeCloseTo(rr, 10);
  });

  it("averages over queries", () => {
    expect(
      summarize([
        { ranked: ["a"], relevant: ["a"] },
        { ranked: ["x", "a"], relevant: ["a"] },
        { ranked: [], relevant: ["a"] },
      ]),
    ).toEqual({ queries: 3, recall: 2 / 3, mrr: 0.5 });
    expect(summarize([])).toEqual({ queries: 0, recall: 0, mrr: 0 });
  });
});
