// The full-text retriever: BM25 over the word stems of every posting and past project,
// kept in "PostingTerm" / "ProjectTerm" by database triggers in the same transaction as
// the text (migration projects_full_text). Meilisearch reads only the first ten words of
// a query; this reads a whole description, weighting each stem by how rare it is in the
// marketplace, so a page of text becomes a query of its most telling words.
import { Prisma } from "#app/generated/prisma/client.ts";
import { loadConfig } from "#app/lib/config.server.ts";
import { getPrisma } from "#app/lib/db.server.ts";
import { keptUntilChange } from "#app/lib/kept.server.ts";
import { bm25Idf, groupPhrases, pickQueryTerms, type QueryTerm } from "#search/bm25.ts";

export interface TextQuery {
  title: string;
  keywords: string[];
  body: string;
}

export interface PostingHit {
  id: string;
  organizationId: string | null;
  ownerId: string | null;
  score: number;
  /** The query's stems found in this posting, heaviest first. */
  terms: string[];
}

export interface ProjectHit {
  id: string;
  score: number;
  terms: string[];
}

export interface PostingScope {
  kind: "competence" | "need";
  signedIn: boolean;
  now: Date;
  excludeOrganizationIds: string[];
  excludeOwnerId?: string | null;
  /** Only postings of organizations of this kind (e.g. companies, to complete a consortium). */
  organizationKind?: "company";
}

// BM25's usual constants: term frequency saturates (k1), long texts are discounted (b).
const K1 = 1.2;
const B = 0.75;

/** The text's stems and their counts, as both stemmers read it (a Swedish need often carries English terms and the other way round). */
export async function stemText(q: TextQuery): Promise<{ term: string; tf: number }[]> {
  return getPrisma().$queryRaw<{ term: string; tf: number }[]>`
    SELECT term, max(tf)::int AS tf FROM (
      SELECT * FROM samband_text_terms(samband_text_vector('en', ${q.title}, ${q.keywords}::text[], ${q.body}))
      UNION ALL
      SELECT * FROM samband_text_terms(samband_text_vector('sv', ${q.title}, ${q.keywords}::text[], ${q.body}))
    ) t GROUP BY term`;
}

/**
 * The stems as a query against one table, with their weight: rare stems weigh most.
 * `max` bounds the work per query: the rest add little (their idf is low).
 */
export async function weighTerms(stems: { term: string; tf: number }[], table: "posting" | "project", max = 40): Promise<QueryTerm[]> {
  if (stems.length === 0) return [];
  const prisma = getPrisma();
  const terms = stems.map((s) => s.term);
  const stats =
    table === "posting"
      ? await prisma.$queryRaw<
          { term: string; df: number }[]
        >`SELECT term, count(*)::int AS df FROM "PostingTerm" WHERE term = ANY(${terms}::text[]) GROUP BY term`
      : await prisma.$queryRaw<
          { term: string; df: number }[]
        >`SELECT term, count(*)::int AS df FROM "ProjectTerm" WHERE term = ANY(${terms}::text[]) GROUP BY term`;
  const { n } = await corpus(table === "posting" ? "Posting" : "Project");
  const df = new Map(stats.map((s) => [s.term, s.df]));
  return pickQueryTerms(
    stems.map((s) => ({ term: s.term, queryTf: s.tf, idf: bm25Idf(n, df.get(s.term) ?? 0), df: df.get(s.term) ?? 0 })),
    max,
  );
}

/** The text's stems weighed as a query against one table. */
export async function queryTerms(q: TextQuery, table: "posting" | "project", max = 40): Promise<QueryTerm[]> {
  return weighTerms(await stemText(q), table, max);
}

// How many documents there are and how long they are on average: they cost a scan of the
// table, so each process keeps them while the match epoch stands (any committed change to
// postings or projects moves it), and at most a minute. Kept by time alone, a process that
// first counted an empty project table kept ignoring the first projects imported after.
const corpusKept = keptUntilChange(
  (key) => {
    const table = key.slice(key.lastIndexOf("|") + 1) as "Posting" | "Project";
    return getPrisma()
      .$queryRawUnsafe<{ n: number; a: number | null }[]>(`SELECT count(*)::int AS n, avg("termCount")::float8 AS a FROM "${table}"`)
      .then(([r]) => ({ n: r?.n ?? 0, avgdl: Number(r?.a ?? 1) || 1 }));
  },
  { maxAgeMs: 60_000, maxKeys: 8 },
);

const corpus = (table: "Posting" | "Project"): Promise<{ n: number; avgdl: number }> => corpusKept(`${loadConfig().DATABASE_URL}|${table}`);

const avgLength = async (table: "Posting" | "Project") => (await corpus(table)).avgdl;

/** BM25 summed over a document's matched terms `t` (with `p."termCount"` its length) weighted by the query's `w.weight`. */
const bm25Sum = (avgdl: number) =>
  Prisma.sql`sum(w.weight * t.tf * ${K1 + 1}::float8 / (t.tf + ${K1}::float8 * (1 - ${B}::float8 + ${B}::float8 * p."termCount" / ${avgdl}::float8)))::float8`;

/**
 * Postings of the given kind the viewer may see, best BM25 score first. Never a confidential
 * one: its words are not for strangers, and a partner suggested for them would name its organization.
 */
export async function rankPostings(terms: QueryTerm[], scope: PostingScope, limit = 500): Promise<PostingHit[]> {
  if (terms.length === 0) return [];
  const avgdl = await avgLength("Posting");
  const names = terms.map((t) => t.term);
  const weights = terms.map((t) => t.weight);
  const visibility = scope.signedIn ? Prisma.empty : Prisma.sql`AND p.visibility = 'public'`;
  const owner = scope.excludeOwnerId ? Prisma.sql`AND p."ownerId" IS DISTINCT FROM ${scope.excludeOwnerId}::uuid` : Prisma.empty;
  const orgKind = scope.organizationKind ? Prisma.sql`AND o.kind = 'company'` : Prisma.empty;
  const rows = await getPrisma().$queryRaw<
    { id: string; organizationId: string | null; ownerId: string | null; score: number; terms: string[] }[]
  >`
    SELECT p.id, p."organizationId", p."ownerId",
           ${bm25Sum(avgdl)} AS score,
           array_agg(t.term ORDER BY w.weight DESC) AS terms
    FROM "PostingTerm" t
    JOIN unnest(${names}::text[], ${weights}::float8[]) AS w(term, weight) ON w.term = t.term
    JOIN "Posting" p ON p.id = t."postingId"
    LEFT JOIN "Organization" o ON o.id = p."organizationId"
    WHERE p.kind = ${scope.kind}::"PostingKind" AND p.status = 'active' AND p."expiresAt" > ${scope.now} AND NOT p.confidential
      AND NOT (p."organizationId" IS NOT NULL AND p."organizationId" = ANY(${scope.excludeOrganizationIds}::uuid[]))
      ${visibility} ${owner} ${orgKind}
    GROUP BY p.id
    ORDER BY score DESC, p.ref NULLS LAST, p.id
    LIMIT ${limit}`;
  return rows;
}

/** Past projects, best BM25 score first: how relevant each shared project is to the query. */
export async function rankProjects(terms: QueryTerm[], limit = 400): Promise<ProjectHit[]> {
  if (terms.length === 0) return [];
  const avgdl = await avgLength("Project");
  return getPrisma().$queryRaw<ProjectHit[]>`
    SELECT p.id,
           ${bm25Sum(avgdl)} AS score,
           array_agg(t.term ORDER BY w.weight DESC) AS terms
    FROM "ProjectTerm" t
    JOIN unnest(${terms.map((t) => t.term)}::text[], ${terms.map((t) => t.weight)}::float8[]) AS w(term, weight) ON w.term = t.term
    JOIN "Project" p ON p.id = t."projectId"
    GROUP BY p.id
    ORDER BY score DESC, p.ref NULLS LAST, p.id
    LIMIT ${limit}`;
}

/**
 * The query's own words behind its stems, in the order written, so a reason can quote
 * "vibration analysis" rather than "vibrat analysi". Stems every word once (one query);
 * the returned function then quotes the phrases behind any set of matched stems.
 */
export async function phraseFinder(text: string | string[], max = 3): Promise<(stems: Set<string>) => string[]> {
  // A phrase never runs from one part into the next (the title into a keyword, one keyword into another).
  const parts = (Array.isArray(text) ? text : [text]).map((t) => t.match(/[\p{L}\p{N}][\p{L}\p{N}-]*/gu) ?? []);
  const words = parts.flatMap((w) => [...w, PART_BREAK]).slice(0, 3000);
  const distinct = [...new Set(parts.flat().map((w) => w.toLowerCase()))].slice(0, 3000);
  const rows = distinct.length
    ? await getPrisma().$queryRaw<{ word: string; stems: string[] }[]>`
        SELECT w AS word, ARRAY(SELECT term FROM samband_text_terms(samband_text_vector('en', w, '{}'::text[], ''))
                                UNION SELECT term FROM samband_text_terms(samband_text_vector('sv', w, '{}'::text[], ''))) AS stems
        FROM unnest(${distinct}::text[]) AS w`
    : [];
  const stemsOf = new Map(rows.map((r) => [r.word, r.stems]));
  return (stems) => groupPhrases(words, (w) => (stemsOf.get(w.toLowerCase()) ?? []).find((s) => stems.has(s)), max);
}

/** Not a word: ends a phrase. */
const PART_BREAK = "";

/**
 * The description's most telling words as short phrases (at most `n`), by the
 * marketplace's own term statistics: Meilisearch reads ten words a query, so a long text
 * reaches it as a few of its rarest, most repeated phrases rather than its first words.
 */
export async function salientPhrases(body: string, n = 6, terms?: QueryTerm[]): Promise<string[]> {
  if (!body.trim()) return [];
  const heaviest = (terms ?? (await queryTerms({ title: "", keywords: [], body }, "posting", n * 2))).slice(0, n * 2);
  if (heaviest.length === 0) return [];
  const find = await phraseFinder(body, n);
  return find(new Set(heaviest.map((t) => t.term)));
}
