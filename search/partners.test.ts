import { describe, expect, it } from "vitest";
import {
  collaborationEvidence,
  combinedRelevance,
  PARTNER_WEIGHTS,
  partnerScore,
  rankPartners,
  textEvidence,
  type Evidence,
} from "#search/partners.ts";

const posting = (relevance: number, id = String(relevance)): Evidence => ({ id, kind: "posting", relevance });

describe("combinedRelevance", () => {
  it.each([
    [0, 0, 0],
    [1, 0, 1],
    [0, 0.6, 0.6],
    [0.5, 0.5, 0.75],
    [2, -1, 1], // out of range is clamped
  ])("Meilisearch %d and full text %d → %d", (meili, text, want) => {
    expect(combinedRelevance(meili, text)).toBeCloseTo(want, 6);
  });
});

describe("textEvidence", () => {
  it("six relevant postings beat one lucky title, but not six times", () => {
    const one = textEvidence([posting(1)]);
    const six = textEvidence([1, 0.9, 0.9, 0.8, 0.8, 0.8].map((r, i) => posting(r, `p${i}`)));
    expect(six).toBeGreaterThan(one * 1.5);
    expect(six).toBeLessThan(one * 6);
  });
  it("counts the best first, whatever the order given", () => {
    expect(textEvidence([posting(0.2), posting(1)])).toBeCloseTo(1 + 0.2 * PARTNER_WEIGHTS.decay, 6);
  });
  it("counts at most `depth` items", () => {
    const many = Array.from({ length: 20 }, (_, i) => posting(1, `p${i}`));
    expect(textEvidence(many)).toBeCloseTo(textEvidence(many.slice(0, PARTNER_WEIGHTS.depth)), 6);
  });
  it("counts a past project at its share of a posting", () => {
    expect(textEvidence([{ id: "x", kind: "project", relevance: 1 }])).toBeCloseTo(PARTNER_WEIGHTS.projectShare, 6);
  });
  it("counts a profile at its share of a posting", () => {
    expect(textEvidence([{ id: "x", kind: "profile", relevance: 1 }])).toBeCloseTo(PARTNER_WEIGHTS.profileShare, 6);
  });
  it("is zero without evidence", () => expect(textEvidence([])).toBe(0));
});

describe("collaborationEvidence", () => {
  it("is zero without shared projects", () => expect(collaborationEvidence([])).toBe(0));
  it("a relevant shared project counts more than an unrelated one", () => {
    expect(collaborationEvidence([{ projectId: "a", withId: "m", relevance: 1 }])).toBeGreaterThan(
      collaborationEvidence([{ projectId: "a", withId: "m", relevance: 0 }]),
    );
  });
  it("grows with more shared projects, less than in proportion", () => {
    const one = collaborationEvidence([{ projectId: "a", withId: "m", relevance: 0.5 }]);
    const four = collaborationEvidence(["a", "b", "c", "d"].map((projectId) => ({ projectId, withId: "m", relevance: 0.5 })));
    expect(four).toBeGreaterThan(one);
    expect(four).toBeLessThan(one * 4);
  });
});

describe("partnerScore", () => {
  it.each([
    [0, 0, 0],
    [0.5, 0, 39],
    [1, 0.5, 78],
    [50, 50, 100],
    [-3, 0, 0],
  ])("text %d, collaboration %d → %d", (text, collab, want) => {
    expect(partnerScore(text, collab)).toBe(want);
  });
});

describe("rankPartners", () => {
  const items = [
    { key: "a", group: "g1", raw: 1 },
    { key: "b", group: "g1", raw: 3 },
    { key: "c", group: "g1", raw: 2 },
    { key: "d", group: "g2", raw: 2 },
    { key: "e", group: "g3", raw: 0.5 },
  ];
  it("sorts best first, ties by key, at most perGroup per group, at most limit", () => {
    expect(rankPartners(items, 2, 10).map((i) => i.key)).toEqual(["b", "c", "d", "e"]);
    expect(rankPartners(items, 1, 10).map((i) => i.key)).toEqual(["b", "d", "e"]);
    expect(rankPartners(items, 1, 2).map((i) => i.key)).toEqual(["b", "d"]);
  });
});
