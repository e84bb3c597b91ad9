// Match suggestions: one Meilisearch multi-search (the title, each keyword, and the
// subject neighbourhood as separate queries), combined and explained by match.ts, then
// checked against PostgreSQL so nothing archived, expired or hidden slips through.
import type { Hit } from "meilisearch";
import { getPrisma } from "#app/lib/db.server.ts";
import { ultimateParent } from "#app/domain/corporate-group.ts";
import { parentsAbove } from "#app/models/organization.server.ts";
import type { PostingDocument } from "#search/documents.server.ts";
import { quote } from "#app/domain/facets.ts";
import { capPerGroup, counterpart, textAsKeywords, matchScore, planQueries, reasonsFor, subjectGroups, subjectSimilarity, type MatchSource, type PostingKind, type Reason, type TermHit } from "#search/match.ts";
import { profilesIndex, type ProfileDocument } from "#search/profiles.server.ts";
import { salientPhrases } from "#search/retrieve.server.ts";
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

interface Candidate {
  doc: PostingDocument;
  hits: TermHit[];
}

export interface ScoredPosting {
  doc: Pick<PostingDocument, "id" | "groupId" | "organizationId" | "ownerId">;
  score: number;
  reasons: Reason[];
}

/** Meilisearch's side: postings that answer the source's title, keywords and subjects (through the vocabulary), scored, best first. Not yet re-checked against PostgreSQL. */
export async function meiliCandidates(given: MatchSource, ex: Exclusions, o: MatchOptions): Promise<ScoredPosting[]> {
  const source = o.ignoreSubjects ? { ...given, subjects: [] } : given;
  const index = postingsIndex();
  const filter = [...baseFilter(source.kind, ex, o), ...(o.extraFilter ?? [])];
  const plans = planQueries(source);
  const groups = subjectGroups(source.subjects);
  const attributesToRetrieve = ["id", "title", "keywords", "subjects", "subjectLabels", "groupId", "organizationId", "ownerId"];
  // Separate requests in parallel rather than one multi-search, which Meilisearch answers
  // one query after another: bench:search measured this as the faster of the two.
  const searches = plans.map((p) =>
    index.search(p.q, { filter, limit: PER_QUERY, matchingStrategy: p.strategy, showRankingScore: true, showMatchesPosition: true, attributesToRetrieve }),
  );
  if (groups.length) searches.push(index.search("", { filter: [...filter, `subjects IN [${groups.map(quote).join(", ")}]`], limit: PER_QUERY, attributesToRetrieve }));
  if (searches.length === 0) return [];
  const results = await Promise.all(searches);

  const candidates = new Map<string, Candidate>();
  results.forEach((res, i) => {
    const plan = plans[i];
    for (const hit of res.hits) {
      const c = candidates.get(hit.id) ?? { doc: hit, hits: [] };
      candidates.set(hit.id, c);
      if (plan) c.hits.push({ term: plan.term, weight: plan.weight, relevance: hit._rankingScore ?? 0, matched: matchedWords(hit, ["title", "keywords", "subjectLabels"]) });
    }
  });

  const hasSubjects = source.subjects.length > 0;
  return [...candidates.values()]
    .map((c) => {
      const subjects = subjectSimilarity(source.subjects, c.doc.subjects);
      return { c, score: matchScore(c.hits, hasSubjects ? subjects : null), reasons: reasonsFor(c.hits, subjects.shared) };
    })
    .filter((r) => r.score >= MIN_SCORE && r.reasons.length > 0)
    .sort((a, b) => b.score - a.score || a.c.doc.id.localeCompare(b.c.doc.id))
    .map(({ c, score, reasons }) => ({ doc: c.doc, score, reasons }));
}

export async function suggest(given: MatchSource, ex: Exclusions, o: MatchOptions): Promise<Suggestion[]> {
  const limit = Math.max(1, Math.min(MAX_LIMIT, o.limit ?? 10));
  const ranked = await meiliCandidates(given, ex, o);
  const capped = capPerGroup(ranked, (r) => r.doc.groupId ?? r.doc.ownerId ?? r.doc.id, o.perGroup ?? 2).slice(0, limit * 2);

  // The index may lag the database by a moment: re-check every candidate there.
  const rows = await getPrisma().posting.findMany({
    where: { id: { in: capped.map((r) => r.doc.id) }, status: "active", expiresAt: { gt: o.now ?? new Date() }, ...(o.signedIn ? {} : { visibility: "public" as const }) },
    select: { id: true, ref: true, kind: true, title: true, language: true, organization: { select: { id: true, ref: true, name: true } }, owner: { select: { id: true, ref: true, name: true } } },
  });
  const byId = new Map(rows.map((r) => [r.id, r]));
  return capped
    .filter((r) => byId.has(r.doc.id))
    .slice(0, limit)
    .map(({ doc, score, reasons }) => {
      const row = byId.get(doc.id)!;
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
async function postingSource(where: { id: string } | { ref: string }) {
  const prisma = getPrisma();
  const p = await prisma.posting.findFirst({ where, select: { id: true, kind: true, title: true, description: true, keywords: true, subjects: true, visibility: true, status: true, ownerId: true, organizationId: true } });
  if (!p) return null;
  const [groupIds, phrases] = await Promise.all([p.organizationId ? groupsOf([p.organizationId]) : [], salientPhrases(p.description)]);
  return { posting: p, source: { kind: p.kind, title: p.title, keywords: p.keywords, subjects: p.subjects, phrases } satisfies MatchSource, exclusions: { organizationIds: p.organizationId ? [p.organizationId] : [], groupIds, ownerId: p.ownerId } satisfies Exclusions };
}

/** Suggestions for the posting with this import ref (the command line). */
export async function suggestForRef(ref: string, o: Omit<MatchOptions, "signedIn">): Promise<Suggestion[]> {
  const found = await postingSource({ ref });
  if (!found) throw new NotFoundError(`No posting has the ref "${ref}".`);
  return suggest(found.source, found.exclusions, { ...o, signedIn: true });
}

/** Suggestions for a posting the viewer is looking at (they may already see it: the caller checked). */
export async function suggestForPosting(id: string, o: MatchOptions): Promise<Suggestion[]> {
  const found = await postingSource({ id });
  if (!found) throw new NotFoundError(`No posting has the id "${id}".`);
  return suggest(found.source, found.exclusions, o);
}

async function groupsOf(orgIds: string[]): Promise<string[]> {
  const out = new Set<string>();
  for (const id of orgIds) {
    try {
      out.add(ultimateParent(id, await parentsAbove(id)));
    } catch {
      out.add(id);
    }
  }
  return [...out];
}

/** A researcher's profile read as a competence: the needs it answers, from anyone but their own organizations' groups. */
export async function suggestForPerson(userId: string, o: MatchOptions): Promise<Suggestion[]> {
  const u = await getPrisma().user.findUnique({ where: { id: userId }, select: { competencies: true, researchInterests: true, keywords: true, subjects: true, memberships: { select: { organizationId: true } } } });
  if (!u) throw new NotFoundError(`No person has the id "${userId}".`);
  const text = `${u.competencies ?? ""} ${u.researchInterests ?? ""}`;
  // Salient phrases find what the marketplace says in the same language; the first content
  // words still go to the vocabulary, which knows words no posting uses yet (the other language).
  const keywords = [...u.keywords, ...textAsKeywords(text)];
  const phrases = await salientPhrases(text);
  if (keywords.length === 0 && phrases.length === 0 && u.subjects.length === 0) return [];
  const orgs = u.memberships.map((m) => m.organizationId);
  return suggest({ kind: "competence", title: "", keywords, subjects: u.subjects, phrases }, { organizationIds: orgs, groupIds: await groupsOf(orgs), ownerId: userId }, o);
}

/**
 * An organization's profile: its stated needs read as a need (the competencies that answer
 * them), or, when it states none, its competencies read as a competence.
 */
export async function suggestForOrganization(orgId: string, o: MatchOptions): Promise<{ kind: PostingKind; list: Suggestion[] }> {
  const org = await getPrisma().organization.findUnique({ where: { id: orgId }, select: { needs: true, competencies: true, description: true } });
  if (!org) throw new NotFoundError(`No organization has the id "${orgId}".`);
  const kind: PostingKind = org.needs?.trim() ? "need" : "competence";
  const text = kind === "need" ? org.needs! : `${org.competencies ?? ""} ${org.description ?? ""}`;
  const keywords = textAsKeywords(text);
  const phrases = await salientPhrases(text);
  if (keywords.length === 0 && phrases.length === 0) return { kind, list: [] };
  return { kind, list: await suggest({ kind, title: "", keywords, subjects: [], phrases }, { organizationIds: [orgId], groupIds: await groupsOf([orgId]) }, o) };
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
export async function profileCandidates(source: MatchSource, ex: Exclusions, o: Pick<MatchOptions, "signedIn">): Promise<ProfileSuggestion[]> {
  const index = profilesIndex();
  const filter = [...(o.signedIn ? [] : ['visibility = "public"']), ...(source.kind === "competence" ? ['type = "organization"'] : [])];
  for (const id of ex.organizationIds) filter.push(`NOT entityId = ${quote(id)}`);
  for (const id of ex.groupIds) filter.push(`NOT groupId = ${quote(id)}`);
  if (ex.ownerId) filter.push(`NOT entityId = ${quote(ex.ownerId)}`);
  const attributesToSearchOn = source.kind === "need" ? ["keywords", "competencies", "subjectLabels"] : ["needs"];
  const plans = planQueries(source);
  const groups = source.kind === "need" ? subjectGroups(source.subjects) : [];
  const searches = plans.map((p) =>
    index.search(p.q, { filter, limit: PER_QUERY, matchingStrategy: p.strategy, attributesToSearchOn, showRankingScore: true, showMatchesPosition: true }),
  );
  if (groups.length) searches.push(index.search("", { filter: [...filter, `subjects IN [${groups.map(quote).join(", ")}]`], limit: PER_QUERY }));
  const results = await Promise.all(searches);
  const candidates = new Map<string, { doc: ProfileDocument; hits: TermHit[] }>();
  results.forEach((res, i) => {
    const plan = plans[i];
    for (const hit of res.hits) {
      const c = candidates.get(hit.id) ?? { doc: hit, hits: [] };
      candidates.set(hit.id, c);
      if (plan) c.hits.push({ term: plan.term, weight: plan.weight, relevance: hit._rankingScore ?? 0, matched: matchedWords(hit, ["keywords", "subjectLabels", "competencies", "needs"]) });
    }
  });
  return [...candidates.values()]
    .map(({ doc, hits }) => {
      const subjects = subjectSimilarity(source.subjects, doc.subjects);
      const useSubjects = source.subjects.length > 0 && doc.type === "researcher";
      return { doc, score: matchScore(hits, useSubjects ? subjects : null), reasons: reasonsFor(hits, subjects.shared) };
    })
    .filter((r) => r.score >= MIN_SCORE && r.reasons.length > 0)
    .sort((a, b) => b.score - a.score || a.doc.id.localeCompare(b.doc.id))
    .map(({ doc, score, reasons }) => ({ type: doc.type, entityId: doc.entityId, name: doc.name, affiliation: doc.affiliation, score, reasons }));
}
