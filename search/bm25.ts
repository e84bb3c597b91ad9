// The arithmetic of the full-text retriever (retrieve.server.ts runs it in PostgreSQL):
// which of a text's stems make the query, how much each weighs, how matched words are
// quoted back. Pure, so table tests pin it down.

export interface QueryTerm {
  term: string;
  /** idf × the saturated count of the stem in the query. */
  weight: number;
}

/** Robertson–Spärck Jones idf as in BM25, never negative: a stem in every document weighs nothing. */
export function bm25Idf(documents: number, withTerm: number): number {
  if (documents <= 0 || withTerm <= 0) return 0;
  return Math.log(1 + (documents - withTerm + 0.5) / (withTerm + 0.5));
}

/**
 * The `max` heaviest stems: idf times the query's own count, saturated like BM25's (a
 * stem said five times in a need is more central than one said once, not five times
 * more). Stems no document has are dropped: they cannot score.
 */
export function pickQueryTerms(stems: { term: string; queryTf: number; idf: number; df: number }[], max: number): QueryTerm[] {
  return stems
    .filter((s) => s.df > 0 && s.idf > 0)
    .map((s) => ({ term: s.term, weight: (s.idf * (s.queryTf * 2.2)) / (s.queryTf + 1.2) }))
    .sort((a, b) => b.weight - a.weight || a.term.localeCompare(b.term))
    .slice(0, Math.max(0, max));
}

/** Runs of consecutive matched words (a stop word between two ends the run), first found first; each stem quoted once. */
export function groupPhrases(words: string[], stemOf: (w: string) => string | undefined, max: number): string[] {
  const out: string[] = [];
  const used = new Set<string>();
  let run: string[] = [];
  let runStems: string[] = [];
  const flush = () => {
    if (run.length && runStems.some((s) => !used.has(s))) {
      out.push(run.join(" ").toLowerCase());
      for (const s of runStems) used.add(s);
    }
    run = [];
    runStems = [];
  };
  for (const w of words) {
    const s = stemOf(w);
    if (s && run.length < 3) {
      run.push(w);
      runStems.push(s);
    } else {
      flush();
      if (s) {
        run.push(w);
        runStems.push(s);
      }
    }
    if (out.length >= max) break;
  }
  flush();
  return out.slice(0, max);
}
