// Measuring suggestion quality on a labelled set: recall@k and mean reciprocal rank.
// Pure, so the figures the benchmark prints are themselves tested.

/** Share of the relevant items found among the first k. */
export function recallAtK(ranked: string[], relevant: string[], k: number): number {
  if (relevant.length === 0) return 0;
  const top = new Set(ranked.slice(0, k));
  return relevant.filter((r) => top.has(r)).length / relevant.length;
}

/** 1 / the rank of the first relevant item within the first k, 0 if none is there. */
export function reciprocalRank(ranked: string[], relevant: string[], k: number): number {
  const want = new Set(relevant);
  const i = ranked.slice(0, k).findIndex((r) => want.has(r));
  return i < 0 ? 0 : 1 / (i + 1);
}

export interface QualityFigures {
  queries: number;
  recall: number;
  mrr: number;
}

export function summarize(results: { ranked: string[]; relevant: string[] }[], k = 10): QualityFigures {
  const n = results.length;
  if (n === 0) return { queries: 0, recall: 0, mrr: 0 };
  return {
    queries: n,
    recall: results.reduce((s, r) => s + recallAtK(r.ranked, r.relevant, k), 0) / n,
    mrr: results.reduce((s, r) => s + reciprocalRank(r.ranked, r.relevant, k), 0) / n,
  };
}
