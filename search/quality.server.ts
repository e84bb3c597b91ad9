// The labelled evaluation set (tests/fixtures/match-eval.*) run through the matcher and
// through a plain PostgreSQL full-text search, for bench:match and the quality test.
import { readFileSync } from "node:fs";
import path from "node:path";
import { groupOf } from "#app/domain/corporate-group.ts";
import { getPrisma } from "#app/lib/db.server.ts";
import { parentMap } from "#app/models/corporate-group.server.ts";
import { counterpart } from "#search/match.ts";
import { suggestForRef } from "#search/match.server.ts";
import { summarize, type QualityFigures } from "#search/quality.ts";

const FIXTURES = path.resolve(import.meta.dirname, "../tests/fixtures");

export interface LabelledQuery {
  query: string;
  relevant: string[];
  languages: string;
}

export function evalSet(): { lines: string[]; queries: LabelledQuery[] } {
  const lines = readFileSync(path.join(FIXTURES, "match-eval.jsonl"), "utf8").split("\n").filter(Boolean);
  const { queries } = JSON.parse(readFileSync(path.join(FIXTURES, "match-eval.labels.json"), "utf8")) as { queries: LabelledQuery[] };
  return { lines, queries };
}

/**
 * The baseline: what a team would build with PostgreSQL alone. The words of the title and
 * keywords, ORed, against title, description and keywords, stemmed as English or Swedish
 * by each posting's language, ranked by ts_rank_cd; same kind and same exclusions as the
 * matcher (counterpart kind, not the source's corporate group, active and unexpired).
 */
export async function fullTextBaseline(ref: string, limit: number): Promise<string[]> {
  const prisma = getPrisma();
  const p = await prisma.posting.findFirstOrThrow({
    where: { ref },
    select: { kind: true, title: true, keywords: true, organizationId: true },
  });
  const words = [...new Set(`${p.title} ${p.keywords.join(" ")}`.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [])];
  if (words.length === 0) return [];
  const query = words.join(" | "); // letters and digits only: nothing here is tsquery syntax
  const parents = await parentMap(); // every organization: the group's other members too
  const group = p.organizationId ? groupOf(p.organizationId, parents) : null;
  const excluded = group ? [...parents.keys()].filter((id) => groupOf(id, parents) === group) : [];
  const rows = await prisma.$queryRaw<{ ref: string }[]>`
    WITH q AS (SELECT to_tsquery('english', ${query}) || to_tsquery('swedish', ${query}) AS tsq),
    docs AS (
      SELECT ref, to_tsvector(CASE WHEN language = 'sv' THEN 'swedish'::regconfig ELSE 'english'::regconfig END,
                              title || ' ' || description || ' ' || array_to_string(keywords, ' ')) AS tsv
      FROM "Posting"
      WHERE kind = ${counterpart(p.kind)}::"PostingKind" AND status = 'active' AND "expiresAt" > now()
        AND ("organizationId" IS NULL OR NOT ("organizationId" = ANY(${excluded}::uuid[])))
    )
    SELECT ref FROM docs, q WHERE tsv @@ q.tsq ORDER BY ts_rank_cd(tsv, q.tsq) DESC, ref LIMIT ${limit}`;
  return rows.map((r) => r.ref);
}

export interface QualityReport {
  matcher: QualityFigures;
  /** The matcher with research subjects left out: what the words and the vocabulary do alone. */
  wordsOnly: QualityFigures;
  baseline: QualityFigures;
  /** Queries whose relevant postings the matcher did not rank in its first ten. */
  misses: { query: string; got: string[] }[];
}

export async function runEvaluation(queries: LabelledQuery[], k = 10): Promise<QualityReport> {
  const m: { ranked: string[]; relevant: string[] }[] = [];
  const b: { ranked: string[]; relevant: string[] }[] = [];
  const w: { ranked: string[]; relevant: string[] }[] = [];
  const misses: QualityReport["misses"] = [];
  for (const q of queries) {
    const ranked = (await suggestForRef(q.query, { limit: k })).map((s) => s.ref ?? "");
    m.push({ ranked, relevant: q.relevant });
    if (!q.relevant.some((r) => ranked.includes(r))) misses.push({ query: q.query, got: ranked.slice(0, 3) });
    b.push({ ranked: await fullTextBaseline(q.query, k), relevant: q.relevant });
    w.push({ ranked: (await suggestForRef(q.query, { limit: k, ignoreSubjects: true })).map((s) => s.ref ?? ""), relevant: q.relevant });
  }
  return { matcher: summarize(m, k), wordsOnly: summarize(w, k), baseline: summarize(b, k), misses };
}
