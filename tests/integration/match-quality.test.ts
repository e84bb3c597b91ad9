// The labelled evaluation set, as a regression test: the matcher must keep beating a
// plain PostgreSQL full-text search clearly, and keep finding the expected partner for
// most queries. npm run bench:match prints the same figures in detail.
import { beforeAll, describe, expect, it } from "vitest";
import { importLines } from "#app/import/import.server.ts";
import { evalSet, runEvaluation, type QualityReport } from "#search/quality.server.ts";
import { applySearchSettings } from "#search/setup.server.ts";
import { reindexPostings } from "#search/sync.server.ts";

let report: QualityReport;
const { lines, queries } = evalSet();
beforeAll(async () => {
  const summary = await importLines(lines);
  expect(summary.rejected).toBe(0);
  await applySearchSettings();
  await reindexPostings();
  report = await runEvaluation(queries);
}, 300_000);

describe("match quality on the labelled set", () => {
  it("has at least 60 queries in both languages, across languages and within one", () => {
    expect(queries.length).toBeGreaterThanOrEqual(60);
    const pairs = new Set(queries.map((q) => q.languages));
    for (const p of ["en→sv", "sv→en", "en→en", "sv→sv"]) expect(pairs).toContain(p);
  });

  it("beats the PostgreSQL full-text baseline clearly on recall@10 and MRR", () => {
    expect(report.matcher.recall).toBeGreaterThan(report.baseline.recall * 2);
    expect(report.matcher.mrr).toBeGreaterThan(report.baseline.mrr * 2);
  });

  it("finds the expected partner among the first ten for at least nine queries in ten", () => {
    expect(report.matcher.recall).toBeGreaterThanOrEqual(0.9);
  });

  it("gets there from the words and the vocabulary too, not only from shared subjects", () => {
    expect(report.wordsOnly.recall).toBeGreaterThan(report.baseline.recall * 1.5);
  });
});
