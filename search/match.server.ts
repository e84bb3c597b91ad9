// Match suggestions: parallel Meilisearch searches (the title, each keyword, each salient
// phrase, and the subject neighbourhood as separate queries), combined and explained by
// match.ts, then checked against PostgreSQL so nothing archived, expired or hidden slips
// through. Postings and profiles go through the same fan-out (fanOut below).
import { MeilisearchApiError, type Hit, type Index, type SearchParams } from "meilisearch";
import { getPrisma } from "#app/lib/db.server.ts";
import { groupsOfOrganizations } from "#app/models/corporate-group.server.ts";
import type { PostingDocument } from "#search/documents.server.ts";
import { quote } from "#app/domain/facets.ts";
import {
  capPerGroup,
  counterpart,
  textAsKeywords,
  matchScore,
  planQueries,
  reasonsFor,
  subjectGroups,
  subjectSimilarity,
  type MatchSource,
  type PostingKind,
  type Reason,
  type TermHit,
} from "#search/match.ts";
import { profilesIndex, type ProfileDocument } from "#search/profiles.server.ts";
import { salientPhrases } from "#search/retrieve.server.ts";
import { teaserOf } from "#app/domain/reveal.ts";
import { postingsIndex } from "#search/sync.server.ts";

export interface Suggestion {
  id: string;
  ref: string | null;
  kind: PostingKind;
  title: string;
  language: string;
  organizationId: string | null;
  organizationName: string | null;
  organizationRef: string | null;
  /** Shown in place of the organization and author for a confidential posting. */
  organizationKind?: string | null;
  confidential?: boolean;
  ownerId: string | null;
  ownerName: string | null;
  ownerRef: string | null;
  score: number;
  reasons: Reason[];
}

export interface MatchOptions {
  /** Signed-in viewers also see members-only postings. */
  signedIn: boolean;
  limit?: number;
  perGroup?: number;
  now?: Date;
  /** Leave research subjects out of the query and the score (bench:match measures what they add). */
  ignoreSubjects?: boolean;
  /** More conditions, built with quote() (e.g. companies only). */
  extraFilter?: string[];
}

/** Whose suggestions these are: never suggested to themselves. */
// (The posting itself needs no exclusion: it is of the other kind.)
export interface Exclusions {
  organizationIds: string[];
  groupIds: string[];
  ownerId?: string | null;
}

const PER_QUERY = 30;
export const MAX_LIMIT = 50;
// Below this a suggestion is noise rather than a lead (a lone weak word, a broad area).
const MIN_SCORE = 15;

export class NotFoundError extends Error {}

function baseFilter(kind: PostingKind, ex: Exclusions, o: MatchOptions): string[] {
  const now = Math.floor((o.now ?? new Date()).getTime() / 1000);
  const f = [`kind = ${quote(counterpart(kind))}`, `expiresAt > ${now}`];
  if (!o.signedIn) f.push('visibility = "public"');
  for (const id of ex.organizationIds) f.push(`organizationId != ${quote(id)}`);
  for (const id of ex.groupIds) f.push(`groupId != ${quote(id)}`);
  if (ex.ownerId) f.push(`ownerId != ${quote(ex.ownerId)}`);
  return f;
}

/** The candidate's own words behind a match (Meilisearch gives byte offsets), as whole words. */
function matchedWords<T extends object>(hit: Hit<T>, attrs: (keyof T & string)[]): string[] {
  const out = new Set<string>();
  const positions = (hit._matchesPosition ?? {}) as Record<string, { start: number; length: number; indices?: number[] }[]>;
  for (const attr of attrs) {
    for (const p of positions[attr] ?? []) {
      const value = hit[attr] as unknown;
      const text = Array.isArray(value) ? value[p.indices?.[0] ?? 0] : value;
      if (typeof text !== "string") continue;
      const bytes = Buffer.from(text);
      const before = bytes.subarray(0, p.start).toString();
      const word = bytes.subarray(p.start, p.start + p.length).toString();
      // Widen a prefix match ("signalbehandl") to the word it is part of.
      const head = /[\p{L}\p{N}-]*$/u.exec(before)?.[0] ?? "";
      const tail = /^[\p{L}\p{N}-]*/u.exec(text.slice(before.length + word.length))?.[0] ?? "";
      out.add(`${head}${word}${tail}`.toLowerCase());
    }
  }
  return [...out].slice(0, 3);
}

interface Candidate<T> {
  doc: T;
  hits: TermHit[];
}

export interface ScoredPosting {
  doc: Pick<PostingDocument, "id" | "groupId" | "organizationId" | "ownerId">;
  score: number;
  reasons: Reason[];
}

interface FanOut<T extends { id: string; subjects: string[] }> {
  index: Index<T>;
  source: MatchSource;
  filter: string[];
  /** Subject groups for the one extra query that matches by research area alone. */
  groups: string[];
  /** Options every query shares (which attributes to search or return). */
  options: Pick<SearchParams, "attributesToRetrieve" | "attributesToSearchOn">;
  /** The attributes whose matched words a reason quotes. */
  quoted: (keyof T & string)[];
  /** Whether the subjects shared with this document count in its score. */
  scoreSubjects: (doc: T) => boolean;
}

/**
 * One search per query plan (and one by subject), in parallel rather than as one
 * multi-search, which Meilisearch answers one query after another: bench:search measured
 * this as the faster of the two. The hits are gathered per document, scored and explained
 * by match.ts; the noise below MIN_SCORE is dropped; best first.
 */
async function fanOut<T extends { id: string; subjects: string[] }>(f: FanOut<T>): Promise<{ doc: T; score: number; reasons: Reason[] }[]> {
  const plans = planQueries(f.source);
  const searches = plans.map((p) =>
    f.index.search(p.q, {
      ...f.options,
      filter: f.filter,
      limit: PER_QUERY,
      matchingStrategy: p.strategy,
      showRankingScore: true,
      showMatchesPosition: true,
    }),
  );
  if (f.groups.length)
    searches.push(
      f.index.search("", {
        attributesToRetrieve: f.options.attributesToRetrieve,
        filter: [...f.filter, `subjects IN [${f.groups.map(quote).join(", ")}]`],
        limit: PER_QUERY,
      }),
    );
  const results = await Promise.all(searches);

  const candidates = new Map<string, Candidate<T>>();
  results.forEach((res, i) => {
    const plan = plans[i];
    for (const hit of res.hits) {
      const c = candidates.get(hit.id) ?? { doc: hit, hits: [] };
      candidates.set(hit.id, c);
      if (plan)
        c.hits.push({ term: plan.term, weight: plan.weight, relevance: hit._rankingScore ?? 0, matched: matchedWords(hit, f.quoted) });
    }
  });
  return [...candidates.values()]
    .map(({ doc, hits }) => {
      const subjects = subjectSimilarity(f.source.subjects, doc.subjects);
      return { doc, score: matchScore(hits, f.scoreSubjects(doc) ? subjects : null), reasons: reasonsFor(hits, subjects.shared) };
    })
    .filter((r) => r.score >= MIN_SCORE && r.reasons.length > 0)
    .sort((a, b) => b.score - a.score || a.doc.id.localeCompare(b.doc.id));
}

/** Meilisearch's side: postings that answer the source's title, keywords and subjects (through the vocabulary), scored, best first. Not yet re-checked against PostgreSQL. */
export async function meiliCandidates(given: MatchSource, ex: Exclusions, o: MatchOptions): Promise<ScoredPosting[]> {
  const source = o.ignoreSubjects ? { ...given, subjects: [] } : given;
  return fanOut<PostingDocument>({
    index: postingsIndex(),
    source,
    filter: [...baseFilter(source.kind, ex, o), ...(o.extraFilter ?? [])],
    groups: subjectGroups(source.subjects),
    options: { attributesToRetrieve: ["id", "title", "keywords", "subjects", "subjectLabels", "groupId", "organizationId", "ownerId"] },
    quoted: ["title", "keywords", "subjectLabels"],
    scoreSubjects: () => source.subjects.length > 0,
  });
}

export async function suggest(given: MatchSource, ex: Exclusions, o: MatchOptions): Promise<Suggestion[]> {
  const limit = Math.max(1, Math.min(MAX_LIMIT, o.limit ?? 10));
  const ranked = await meiliCandidates(given, ex, o);
  const capped = capPerGroup(ranked, (r) => r.doc.groupId ?? r.doc.ownerId ?? r.doc.id, o.perGroup ?? 2).slice(0, limit * 2);

  // The index may lag the database by a moment: re-check every candidate there.
  const rows = await getPrisma().posting.findMany({
    where: {
      id: { in: capped.map((r) => r.doc.id) },
      status: "active",
      expiresAt: { gt: o.now ?? new Date() },
      ...(o.signedIn ? {} : { visibility: "public" as const }),
    },
    select: {
      id: true,
      ref: true,
      kind: true,
      title: true,
      language: true,
      confidential: true,
      teaser: true,
      organization: { select: { id: true, ref: true, name: true, kind: true } },
      owner: { select: { id: true, ref: true, name: true } },
    },
  });
  const byId = new Map(rows.map((r) => [r.id, r]));
  return capped
    .filter((r) => byId.has(r.doc.id))
    .slice(0, limit)
    .map(({ doc, score, reasons }) => {
      const row = byId.get(doc.id)!;
      // A confidential posting as anyone may see it: its teaser, its organization's kind, no names, no ref.
      if (row.confidential)
        return {
          id: row.id,
          ref: null,
          kind: row.kind,
          title: teaserOf({ ...row, description: "", keywords: [] }).title,
          language: row.language,
          organizationId: null,
          organizationName: null,
          organizationRef: null,
          organizationKind: row.organization?.kind ?? null,
          confidential: true,
          ownerId: null,
          ownerName: null,
          ownerRef: null,
          score,
          reasons,
        };
      return {
        id: row.id,
        ref: row.ref,
        kind: row.kind,
        title: row.title,
        language: row.language,
        organizationId: row.organization?.id ?? null,
        organizationName: row.organization?.name ?? null,
        organizationRef: row.organization?.ref ?? null,
        ownerId: row.owner?.id ?? null,
        ownerName: row.owner?.name ?? null,
        ownerRef: row.owner?.ref ?? null,
        score,
        reasons,
      };
    });
}

/** The exclusions for a posting: itself, its organization, that organization's whole corporate group, its author. */
async function postingSource(where: { ref: string }) {
  const prisma = getPrisma();
  const p = await prisma.posting.findFirst({
    where,
    select: {
      id: true,
      kind: true,
      title: true,
      description: true,
      keywords: true,
      subjects: true,
      visibility: true,
      status: true,
      ownerId: true,
      organizationId: true,
    },
  });
  if (!p) return null;
  const [groupIds, phrases] = await Promise.all([
    p.organizationId ? groupsOfOrganizations([p.organizationId]) : [],
    salientPhrases(p.description),
  ]);
  return {
    posting: p,
    source: { kind: p.kind, title: p.title, keywords: p.keywords, subjects: p.subjects, phrases } satisfies MatchSource,
    exclusions: { organizationIds: p.organizationId ? [p.organizationId] : [], groupIds, ownerId: p.ownerId } satisfies Exclusions,
  };
}

/** Suggestions for the posting with this import ref (the command line). */
export async function suggestForRef(ref: string, o: Omit<MatchOptions, "signedIn">): Promise<Suggestion[]> {
  const found = await postingSource({ ref });
  if (!found) throw new NotFoundError(`No posting has the ref "${ref}".`);
  return suggest(found.source, found.exclusions, { ...o, signedIn: true });
}

/** What a person's suggestions are computed from: their profile as the page has it loaded. */
export interface PersonSource {
  id: string;
  competencies: string | null;
  researchInterests: string | null;
  keywords: string[];
  subjects: string[];
  memberships: { organization: { id: string } }[];
}

/** A researcher's profile read as a competence: the needs it answers, from anyone but their own organizations' groups. */
export async function suggestForPerson(u: PersonSource, o: MatchOptions): Promise<Suggestion[]> {
  const text = `${u.competencies ?? ""} ${u.researchInterests ?? ""}`;
  // Salient phrases find what the marketplace says in the same language; the first content
  // words still go to the vocabulary, which knows words no posting uses yet (the other language).
  const keywords = [...u.keywords, ...textAsKeywords(text)];
  const phrases = await salientPhrases(text);
  if (keywords.length === 0 && phrases.length === 0 && u.subjects.length === 0) return [];
  const orgs = u.memberships.map((m) => m.organization.id);
  return suggest(
    { kind: "competence", title: "", keywords, subjects: u.subjects, phrases },
    { organizationIds: orgs, groupIds: await groupsOfOrganizations(orgs), ownerId: u.id },
    o,
  );
}

/**
 * An organization's profile: its stated needs read as a need (the competencies that answer
 * them), or, when it states none, its competencies read as a competence.
 */
export async function suggestForOrganization(
  org: { id: string; needs: string | null; competencies: string | null; description: string | null },
  o: MatchOptions,
): Promise<{ kind: PostingKind; list: Suggestion[] }> {
  const kind: PostingKind = org.needs?.trim() ? "need" : "competence";
  const text = kind === "need" ? org.needs! : `${org.competencies ?? ""} ${org.description ?? ""}`;
  const keywords = textAsKeywords(text);
  const phrases = await salientPhrases(text);
  if (keywords.length === 0 && phrases.length === 0) return { kind, list: [] };
  return {
    kind,
    list: await suggest(
      { kind, title: "", keywords, subjects: [], phrases },
      { organizationIds: [org.id], groupIds: await groupsOfOrganizations([org.id]) },
      o,
    ),
  };
}

export interface ProfileSuggestion {
  type: "researcher" | "organization";
  entityId: string;
  name: string;
  affiliation: string[];
  score: number;
  reasons: Reason[];
}

/**
 * The people and organizations whose profiles answer a source, best first: for a need,
 * researchers' and organizations' competencies; for a competence, organizations' stated
 * needs. Researchers only for signed-in viewers; never the source's own people or group.
 */
export async function profileCandidates(
  source: MatchSource,
  ex: Exclusions,
  o: Pick<MatchOptions, "signedIn">,
): Promise<ProfileSuggestion[]> {
  const filter = [...(o.signedIn ? [] : ['visibility = "public"']), ...(source.kind === "competence" ? ['type = "organization"'] : [])];
  for (const id of ex.organizationIds) filter.push(`NOT entityId = ${quote(id)}`);
  for (const id of ex.groupIds) filter.push(`NOT groupId = ${quote(id)}`);
  if (ex.ownerId) filter.push(`NOT entityId = ${quote(ex.ownerId)}`);
  const ranked = await fanOut<ProfileDocument>({
    index: profilesIndex(),
    source,
    filter,
    groups: source.kind === "need" ? subjectGroups(source.subjects) : [],
    options: { attributesToSearchOn: source.kind === "need" ? ["keywords", "competencies", "subjectLabels"] : ["needs"] },
    quoted: ["keywords", "subjectLabels", "competencies", "needs"],
    // Subjects count in the score for researchers only.
    scoreSubjects: (doc) => source.subjects.length > 0 && doc.type === "researcher",
  }).catch((error: unknown) => {
    // Meilisearch refuses to search on an attribute that no document has yet (no profile
    // indexed, or no organization stating needs): then no profile answers.
    if (error instanceof MeilisearchApiError && error.cause?.code === "invalid_search_attributes_to_search_on") return [];
    throw error;
  });
  return ranked.map(({ doc, score, reasons }) => ({
    type: doc.type,
    entityId: doc.entityId,
    name: doc.name,
    affiliation: doc.affiliation,
    score,
    reasons,
  }));
}
