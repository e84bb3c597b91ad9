// Partner suggestions: organizations (and people posting on their own) ranked by all of
// their evidence — every posting and past project that answers the query's whole text,
// through both retrievers (Meilisearch with the vocabulary, BM25 in PostgreSQL), and
// the projects they shared with the author's organization or the consortium's members.
// The arithmetic is in partners.ts; this file gathers the evidence and checks visibility.
import { groupOf as group } from "#app/domain/corporate-group.ts";
import type { Prisma } from "#app/generated/prisma/client.ts";
import { getPrisma } from "#app/lib/db.server.ts";
import { isSearchUnavailable } from "#app/lib/meili.server.ts";
import { parentMap } from "#app/models/corporate-group.server.ts";
import {
  meiliCandidates,
  MAX_LIMIT,
  NotFoundError,
  profileCandidates,
  type Exclusions,
  type ProfileSuggestion,
} from "#search/match.server.ts";
import type { MatchSource, Reason } from "#search/match.ts";
import {
  collaborationEvidence,
  combinedRelevance,
  CONSORTIUM_WEIGHTS,
  PARTNER_WEIGHTS,
  partnerScore,
  rankPartners,
  textEvidence,
  type Evidence,
  type SharedProject,
} from "#search/partners.ts";
import { phraseFinder, rankPostings, rankProjects, salientPhrases, stemText, weighTerms, type TextQuery } from "#search/retrieve.server.ts";

export interface PartnerPosting {
  id: string;
  ref: string | null;
  title: string;
  kind: "competence" | "need";
  language: string;
  /** The person who wrote it, for an organization's posting: whom to talk to. */
  owner: { id: string; name: string } | null;
}

export interface PartnerSuggestion {
  type: "organization" | "person";
  /** The organization's id, or the person's for a person posting on their own. */
  id: string;
  ref: string | null;
  name: string;
  /** Null for a person. */
  organizationKind: string | null;
  organizationRef: string | null;
  score: number;
  reasons: Reason[];
  /** The postings that make the match, best first (at most three). */
  postings: PartnerPosting[];
}

export interface PartnerQuery {
  /** The source as Meilisearch reads it (title, keywords, subjects; the text's salient phrases are added unless given). */
  source: MatchSource;
  /** The whole text, as the full-text retriever reads it. */
  text: TextQuery;
  /** Whose collaborations count: the author's organizations, or the consortium's members. */
  seeds: string[];
  /** Never suggested: these organizations, with their whole corporate groups, and this author. */
  exclusions: Omit<Exclusions, "groupIds">;
  signedIn: boolean;
  limit: number;
  perGroup: number;
  companiesOnly?: boolean;
  now?: Date;
  /** The arithmetic's constants: PARTNER_WEIGHTS unless the task has its own. */
  weights?: typeof PARTNER_WEIGHTS;
  /** For bench:match, which measures each signal alone: other weights, or no Meilisearch. */
  tuning?: Tuning;
}

export interface Tuning {
  /** Changes to the weights the query would otherwise use. */
  weights?: Partial<typeof PARTNER_WEIGHTS>;
  meili?: boolean;
  /** How many of the query's stems the full-text retriever reads. */
  terms?: number;
}

interface Candidate {
  key: string;
  organizationId: string | null;
  ownerId: string | null;
  evidence: (Evidence & { meiliReasons?: Reason[]; terms?: string[] })[];
  shared: SharedProject[];
}

const POSTINGS_PER_PARTNER = 3;
// Shown beside a partner: its best posting, and others at least this relevant (absolutely, and against its best).
const MIN_SHOWN_RELEVANCE = 0.15;
const SHOWN_SHARE_OF_BEST = 0.4;
const MIN_SCORE = 10;

export async function suggestPartners(q: PartnerQuery): Promise<PartnerSuggestion[]> {
  return (await suggestPartnersDetailed(q)).list;
}

/**
 * The list; the profiles that answer the query (the posting page shows them on their own
 * too); and, when Meilisearch did not answer, why (the list is then still useful, but
 * partial: worth showing with a notice, not worth keeping). Any other failure propagates.
 */
export interface DetailedPartners {
  list: PartnerSuggestion[];
  profiles: ProfileSuggestion[];
  /** Null when every retriever answered. */
  outage: unknown;
}

export async function suggestPartnersDetailed(q: PartnerQuery): Promise<DetailedPartners> {
  const prisma = getPrisma();
  const now = q.now ?? new Date();
  const weights = { ...(q.weights ?? PARTNER_WEIGHTS), ...q.tuning?.weights };
  const parents = await parentMap(); // candidates come from anywhere: every organization's group
  const groupOf = (orgId: string) => group(orgId, parents);
  const excludedOrgs = new Set(q.exclusions.organizationIds);
  const excludedGroups = new Set([...excludedOrgs].map(groupOf));
  const exclusions: Exclusions = { ...q.exclusions, groupIds: [...excludedGroups] };
  const seeds = new Set(q.seeds);
  const allowedOrg = (id: string) => !excludedOrgs.has(id) && !seeds.has(id) && !excludedGroups.has(groupOf(id));

  let outage: unknown = null;
  const withoutMeili = (error: unknown): [] => {
    if (!isSearchUnavailable(error)) throw error;
    outage ??= error;
    return [];
  };
  const stems = await stemText(q.text);
  const [postingTerms, projectTerms] = await Promise.all([
    weighTerms(stems, "posting", q.tuning?.terms),
    weighTerms(stems, "project", q.tuning?.terms),
  ]);
  // The description's salient phrases, for Meilisearch, from the stems already weighed.
  const source = { ...q.source, phrases: q.source.phrases ?? (await salientPhrases(q.text.body, 6, postingTerms)) };
  const [fullText, projects, meili, profiles] = await Promise.all([
    rankPostings(postingTerms, {
      kind: q.source.kind === "need" ? "competence" : "need",
      signedIn: q.signedIn,
      now,
      excludeOrganizationIds: [...excludedOrgs],
      excludeOwnerId: q.exclusions.ownerId,
      organizationKind: q.companiesOnly ? "company" : undefined,
    }),
    rankProjects(projectTerms),
    q.tuning?.meili === false
      ? []
      : meiliCandidates(source, exclusions, {
          signedIn: q.signedIn,
          now,
          extraFilter: q.companiesOnly ? ['organizationKind = "company"'] : [],
        }).catch(withoutMeili),
    q.tuning?.meili === false ? [] : profileCandidates(source, exclusions, { signedIn: q.signedIn }).catch(withoutMeili),
  ]);

  // 1. Postings, from either retriever, by the partner they speak for.
  const candidates = new Map<string, Candidate>();
  const candidate = (organizationId: string | null, ownerId: string | null) => {
    const key = organizationId ?? `person:${ownerId}`;
    let c = candidates.get(key);
    if (!c) candidates.set(key, (c = { key, organizationId, ownerId: organizationId ? null : ownerId, evidence: [], shared: [] }));
    return c;
  };
  const best = fullText[0]?.score ?? 1;
  const meiliById = new Map(meili.map((m) => [m.doc.id, m]));
  const seen = new Set<string>();
  for (const hit of fullText) {
    if (hit.organizationId && !allowedOrg(hit.organizationId)) continue;
    const m = meiliById.get(hit.id);
    seen.add(hit.id);
    candidate(hit.organizationId, hit.ownerId).evidence.push({
      id: hit.id,
      kind: "posting",
      relevance: combinedRelevance((m?.score ?? 0) / 100, hit.score / best),
      terms: hit.terms,
      meiliReasons: m?.reasons,
    });
  }
  // Meilisearch's hits are re-checked below (the index may lag); the full-text ones come from PostgreSQL itself.
  // A confidential posting is never a partner's evidence: the partner would be its organization, named.
  const meiliOnly = meili.filter((m) => !seen.has(m.doc.id));
  const visible = new Set(
    (
      await prisma.posting.findMany({
        where: {
          id: { in: meiliOnly.map((m) => m.doc.id) },
          status: "active",
          confidential: false,
          expiresAt: { gt: now },
          ...(q.signedIn ? {} : { visibility: "public" as const }),
        },
        select: { id: true },
      })
    ).map((r) => r.id),
  );
  for (const m of meiliOnly) {
    if (!visible.has(m.doc.id) || (m.doc.organizationId && !allowedOrg(m.doc.organizationId))) continue;
    candidate(m.doc.organizationId, m.doc.ownerId).evidence.push({
      id: m.doc.id,
      kind: "posting",
      relevance: m.score / 100,
      meiliReasons: m.reasons,
    });
  }

  // Profiles: an organization's own description, a researcher's competencies (as a person partner).
  for (const p of profiles) {
    if (p.type === "organization" && !allowedOrg(p.entityId)) continue;
    const c = p.type === "organization" ? candidate(p.entityId, null) : candidate(null, p.entityId);
    c.evidence.push({ id: `profile:${p.entityId}`, kind: "profile", relevance: p.score / 100, meiliReasons: p.reasons });
  }

  // 2. Past projects: evidence for each partner, and the graph of who worked with whom.
  const bestProject = projects[0]?.score ?? 1;
  const projectRelevance = new Map(projects.map((p) => [p.id, { relevance: p.score / bestProject, terms: p.terms }]));
  const partnerRows = await prisma.projectPartner.findMany({
    where: {
      OR: [{ projectId: { in: projects.map((p) => p.id) } }, { project: { partners: { some: { organizationId: { in: [...seeds] } } } } }],
    },
    select: { projectId: true, organizationId: true },
  });
  const partnersOf = new Map<string, string[]>();
  for (const r of partnerRows) partnersOf.set(r.projectId, [...(partnersOf.get(r.projectId) ?? []), r.organizationId]);
  for (const [projectId, orgs] of partnersOf) {
    const rel = projectRelevance.get(projectId);
    const withSeeds = orgs.filter((o) => seeds.has(o));
    for (const org of orgs) {
      if (!allowedOrg(org)) continue;
      const c = rel || withSeeds.length ? candidate(org, null) : null;
      if (!c) continue;
      if (rel) c.evidence.push({ id: projectId, kind: "project", relevance: rel.relevance, terms: rel.terms });
      for (const s of withSeeds) c.shared.push({ projectId, withId: s, relevance: rel?.relevance ?? 0 });
    }
  }

  // 3. Score, keep what the viewer may see and what was asked for, rank.
  const orgIds = [...candidates.values()].map((c) => c.organizationId).filter((id): id is string => !!id);
  const orgs = new Map(
    (await prisma.organization.findMany({ where: { id: { in: orgIds } }, select: { id: true, ref: true, name: true, kind: true } })).map(
      (o) => [o.id, o],
    ),
  );
  const scored = [...candidates.values()]
    .filter((c) =>
      c.organizationId
        ? orgs.has(c.organizationId) && (!q.companiesOnly || orgs.get(c.organizationId)!.kind === "company")
        : !q.companiesOnly,
    )
    .map((c) => {
      const text = textEvidence(c.evidence, weights);
      const together = collaborationEvidence(c.shared, weights);
      return {
        ...c,
        raw: text + together,
        score: partnerScore(text, together),
        group: c.organizationId ? groupOf(c.organizationId) : c.key,
      };
    })
    .filter((c) => c.score >= MIN_SCORE);
  const top = rankPartners(scored, q.perGroup, q.limit);
  return { list: await explain(top, q, orgs, projectRelevance), profiles, outage };
}

/** Names, postings and reasons for the partners that made the list (only those: this reads rows). */
async function explain(
  top: (Candidate & { score: number })[],
  q: PartnerQuery,
  orgs: Map<string, { id: string; ref: string | null; name: string; kind: string }>,
  projectRelevance: Map<string, { relevance: number; terms: string[] }>,
): Promise<PartnerSuggestion[]> {
  const prisma = getPrisma();
  const postingIds = top.flatMap((c) => topEvidence(c, "posting", POSTINGS_PER_PARTNER).map((e) => e.id));
  const projectIds = [
    ...new Set(top.flatMap((c) => [...topEvidence(c, "project", 1).map((e) => e.id), ...c.shared.map((s) => s.projectId)])),
  ];
  const [postings, projects, people, seedNames, where] = await Promise.all([
    prisma.posting.findMany({
      where: { id: { in: postingIds } },
      select: { id: true, ref: true, title: true, kind: true, language: true, owner: { select: { id: true, name: true } } },
    }),
    prisma.project.findMany({ where: { id: { in: projectIds } }, select: { id: true, title: true, year: true } }),
    prisma.user.findMany({
      where: { id: { in: top.map((c) => c.ownerId).filter((id): id is string => !!id) } },
      select: { id: true, ref: true, name: true },
    }),
    prisma.organization.findMany({ where: { id: { in: q.seeds } }, select: { id: true, name: true } }),
    titleAndKeywordStems(postingIds),
  ]);
  const postingById = new Map(postings.map((p) => [p.id, p]));
  const projectById = new Map(projects.map((p) => [p.id, p]));
  const personById = new Map(people.map((p) => [p.id, p]));
  const seedName = new Map(seedNames.map((s) => [s.id, s.name]));
  const phrases = await phraseFinder([q.text.title, ...q.text.keywords, q.text.body]);

  return top.map((c) => {
    const reasons: Reason[] = [];
    const posts = topEvidence(c, "posting", POSTINGS_PER_PARTNER);
    const lead = posts[0];
    if (lead?.terms?.length) {
      const stems = new Set(lead.terms.slice(0, 6));
      const said = phrases(stems);
      const w = where.get(lead.id);
      const place =
        said.length && w
          ? lead.terms.slice(0, 3).some((t) => w.title.has(t))
            ? "title"
            : lead.terms.slice(0, 3).some((t) => w.keywords.has(t))
              ? "keywords"
              : "description"
          : "description";
      if (said.length) reasons.push({ type: "text", phrases: said, where: place });
    }
    // Meilisearch's reasons name translations and subjects; a term the text reason already quotes is left out.
    const quotedAlready = new Set((reasons[0]?.type === "text" ? reasons[0].phrases : []).map((p) => p.toLowerCase()));
    if (lead?.meiliReasons)
      reasons.push(
        ...lead.meiliReasons
          .filter((r) => !(r.type === "term" && r.matched.length === 0 && quotedAlready.has(r.term.toLowerCase())))
          .slice(0, 4),
      );
    const profile = c.evidence.find((e) => e.kind === "profile");
    if (!lead && profile?.meiliReasons) reasons.push(...profile.meiliReasons.slice(0, 4)); // what their profile says
    const shared = [...c.shared].sort(
      (a, b) => b.relevance - a.relevance || (projectById.get(b.projectId)?.year ?? 0) - (projectById.get(a.projectId)?.year ?? 0),
    );
    const namedWith = new Set<string>();
    for (const s of shared) {
      if (namedWith.has(s.withId) || namedWith.size >= 2) continue;
      const p = projectById.get(s.projectId);
      if (!p) continue;
      namedWith.add(s.withId);
      reasons.push({ type: "collaboration", partner: seedName.get(s.withId) ?? "", project: p.title, year: p.year });
    }
    const proj = topEvidence(c, "project", 1)[0];
    if (!lead && proj) {
      const said = phrases(new Set((projectRelevance.get(proj.id)?.terms ?? []).slice(0, 6)));
      const p = projectById.get(proj.id);
      if (said.length && p) reasons.push({ type: "text", phrases: said, where: "project", title: p.title });
    }
    const org = c.organizationId ? orgs.get(c.organizationId)! : null;
    const person = c.ownerId ? personById.get(c.ownerId) : undefined;
    return {
      type: org ? "organization" : "person",
      id: org?.id ?? c.ownerId!,
      ref: org?.ref ?? person?.ref ?? null,
      name: org?.name ?? person?.name ?? "",
      organizationKind: org?.kind ?? null,
      organizationRef: org?.ref ?? null,
      score: c.score,
      reasons,
      postings: posts.map((e) => postingById.get(e.id)).filter((p): p is PartnerPosting => !!p),
    } satisfies PartnerSuggestion;
  });
}

/** A partner's best evidence of one kind; a posting far weaker than its best is not worth showing as "why". */
function topEvidence(c: Candidate, kind: Evidence["kind"], n: number) {
  const sorted = c.evidence.filter((e) => e.kind === kind).sort((a, b) => b.relevance - a.relevance);
  const floor = Math.max(MIN_SHOWN_RELEVANCE, (sorted[0]?.relevance ?? 0) * SHOWN_SHARE_OF_BEST);
  return sorted.filter((e, i) => i === 0 || e.relevance >= floor).slice(0, n);
}

/** The stems of each posting's title and keywords, to say where a match was found. */
async function titleAndKeywordStems(ids: string[]): Promise<Map<string, { title: Set<string>; keywords: Set<string> }>> {
  if (ids.length === 0) return new Map();
  const rows = await getPrisma().$queryRaw<{ id: string; title: string[]; keywords: string[] }[]>`
    SELECT id,
      ARRAY(SELECT term FROM samband_text_terms(samband_text_vector(language, title, '{}'::text[], ''))) AS title,
      ARRAY(SELECT term FROM samband_text_terms(samband_text_vector(language, '', keywords, ''))) AS keywords
    FROM "Posting" WHERE id = ANY(${ids}::uuid[])`;
  return new Map(rows.map((r) => [r.id, { title: new Set(r.title), keywords: new Set(r.keywords) }]));
}

/** What the partners for a posting are computed from: the posting's own row. */
export type PostingSource = Pick<
  Prisma.PostingGetPayload<object>,
  "id" | "kind" | "title" | "description" | "keywords" | "subjects" | "ownerId" | "organizationId"
>;

export interface PostingMatchOptions {
  signedIn: boolean;
  limit?: number;
  now?: Date;
  tuning?: Tuning;
}

/** The best partners for the posting with this import ref (the command line and benches). */
export async function partnersForPosting(where: { ref: string }, o: PostingMatchOptions): Promise<PartnerSuggestion[]> {
  const p = await getPrisma().posting.findFirst({
    where,
    select: { id: true, kind: true, title: true, description: true, keywords: true, subjects: true, ownerId: true, organizationId: true },
  });
  if (!p) throw new NotFoundError(`No posting has the ref "${where.ref}".`);
  return (await partnersForPostingDetailed(p, o)).list;
}

/** The best partners for a posting: who answers it, from the other side (needs are answered by competencies and back). */
export async function partnersForPostingDetailed(p: PostingSource, o: PostingMatchOptions): Promise<DetailedPartners> {
  // The author's track record: the posting's organization, or the author's own organizations.
  const seeds = p.organizationId
    ? [p.organizationId]
    : p.ownerId
      ? (await getPrisma().membership.findMany({ where: { userId: p.ownerId }, select: { organizationId: true } })).map(
          (m) => m.organizationId,
        )
      : [];
  return suggestPartnersDetailed({
    source: { kind: p.kind, title: p.title, keywords: p.keywords, subjects: p.subjects },
    text: { title: p.title, keywords: p.keywords, body: p.description },
    seeds,
    exclusions: { organizationIds: p.organizationId ? [p.organizationId] : [], ownerId: p.ownerId },
    signedIn: o.signedIn,
    limit: Math.max(1, Math.min(MAX_LIMIT, o.limit ?? 10)),
    perGroup: 2,
    now: o.now,
    tuning: o.tuning,
  });
}

/** What the partners for a consortium are computed from: its row and its members' organizations and statuses. */
export interface ConsortiumSource {
  title: string;
  summary: string;
  keywords: string[];
  subjects: string[];
  leadOrganizationId: string | null;
  members: { organizationId: string; status: string }[];
}

/** The consortium with this import ref, as partnersForConsortium reads it (the command line and benches). */
export async function consortiumSource(where: { ref: string }): Promise<ConsortiumSource> {
  const c = await getPrisma().consortium.findUnique({
    where,
    select: {
      title: true,
      summary: true,
      keywords: true,
      subjects: true,
      leadOrganizationId: true,
      members: { select: { organizationId: true, status: true } },
    },
  });
  if (!c) throw new NotFoundError(`No consortium has the ref "${where.ref}".`);
  return c;
}

/**
 * Companies that would complete a consortium: outside every corporate group already in it
 * (invited or accepted), so that accepting one would raise the independent count; one per
 * group. Their postings answer its title, keywords, subjects and summary; having worked
 * with its members counts too.
 */
export async function partnersForConsortium(
  c: ConsortiumSource,
  o: { limit?: number; now?: Date; tuning?: Tuning },
): Promise<DetailedPartners> {
  // The lead organization is part of the consortium even before it has a member row.
  const seated = c.members.filter((m) => m.status === "invited" || m.status === "accepted").map((m) => m.organizationId);
  const orgIds = [...new Set([...(c.leadOrganizationId ? [c.leadOrganizationId] : []), ...seated])];
  return suggestPartnersDetailed({
    source: { kind: "need", title: c.title, keywords: c.keywords, subjects: c.subjects },
    text: { title: c.title, keywords: c.keywords, body: c.summary },
    seeds: orgIds,
    exclusions: { organizationIds: orgIds },
    signedIn: true,
    limit: Math.max(1, Math.min(MAX_LIMIT, o.limit ?? 10)),
    perGroup: 1,
    companiesOnly: true,
    weights: CONSORTIUM_WEIGHTS,
    now: o.now,
    tuning: o.tuning,
  });
}
