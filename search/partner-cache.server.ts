// A posting page must not recompute suggestions nothing has changed for: its lists (the
// partners, and the people and organizations whose profiles answer it) are kept per
// posting and audience, stamped with the match epoch (a sequence every change to
// postings, projects, organizations, memberships or people's names advances at commit).
// A page view reuses the kept list while the epoch stands and it is younger than MAX_AGE;
// otherwise it computes and keeps a new one. Visibility is re-checked in PostgreSQL at
// every read, so a posting archived or hidden a moment ago is never shown.
import { matchEpoch } from "#app/lib/kept.server.ts";
import { Prisma } from "#app/generated/prisma/client.ts";
import { getPrisma } from "#app/lib/db.server.ts";
import type { ProfileSuggestion } from "#search/match.server.ts";
import { partnersForPostingDetailed, type PartnerSuggestion, type PostingSource } from "#search/partners.server.ts";

/** How many partners a kept list holds: a page shows ten, the API may ask for up to fifty (those beyond are computed). */
export const KEPT = 20;
/**
 * A safety net, not the mechanism: the epoch invalidates on every change; this bounds the
 * life of a list computed while Meilisearch's index was still catching up with a change.
 */
const MAX_AGE_MS = 10 * 60_000;

type Audience = "public" | "members";

/**
 * Lists kept by another version of the matcher are not reused: change this whenever the
 * ranking, the reasons or the shape of a suggestion change (a deploy otherwise serves the
 * old lists until the data next changes).
 */
const MATCHER_VERSION = "partners-2";

export interface PostingSuggestions {
  partners: PartnerSuggestion[];
  profiles: ProfileSuggestion[];
}

type Kept = PostingSuggestions & { version?: string };

/** How many profiles the posting page shows. */
const PROFILES = 6;

/**
 * The posting page's lists: kept ones while they stand, otherwise computed (and kept).
 * `outage` says why lists computed without Meilisearch are partial (those are not kept).
 */
export async function cachedSuggestionsForPosting(
  posting: PostingSource,
  o: { signedIn: boolean; now?: Date },
): Promise<PostingSuggestions & { outage: unknown }> {
  const prisma = getPrisma();
  const postingId = posting.id;
  const audience: Audience = o.signedIn ? "members" : "public";
  const now = o.now ?? new Date();
  // Read before computing: a change committing meanwhile advances the epoch past this
  // value, so the lists kept below are already stale for the next reader, never wrongly fresh.
  const epoch = await matchEpoch();
  const kept = await prisma.partnerSuggestionCache.findUnique({ where: { postingId_audience: { postingId, audience } } });
  const lists = kept?.lists as unknown as Kept | undefined;
  if (kept && lists?.version === MATCHER_VERSION && kept.epoch === epoch && now.getTime() - kept.computedAt.getTime() < MAX_AGE_MS) {
    return { partners: await stillVisible(lists.partners, audience, now), profiles: lists.profiles, outage: null };
  }
  const found = await partnersForPostingDetailed(posting, { signedIn: o.signedIn, limit: KEPT, now: o.now });
  const fresh: PostingSuggestions = { partners: found.list, profiles: found.profiles.slice(0, PROFILES) };
  if (!found.outage) {
    const data = { epoch, lists: { ...fresh, version: MATCHER_VERSION } as unknown as Prisma.InputJsonValue, computedAt: now };
    await prisma.partnerSuggestionCache
      .upsert({ where: { postingId_audience: { postingId, audience } }, create: { postingId, audience, ...data }, update: data })
      .catch((error: unknown) => {
        // The posting was deleted meanwhile (its foreign key fails): nothing to keep.
        if (!(error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2003")) throw error;
      });
  }
  return { ...fresh, outage: found.outage };
}

/** The partners alone (the JSON endpoint): up to KEPT from the kept list, more computed afresh; `outage` as above. */
export async function cachedPartnersForPosting(
  posting: PostingSource,
  o: { signedIn: boolean; limit?: number; now?: Date },
): Promise<{ partners: PartnerSuggestion[]; outage: unknown }> {
  const limit = o.limit ?? 10;
  if (limit > KEPT) {
    const found = await partnersForPostingDetailed(posting, o);
    return { partners: found.list, outage: found.outage };
  }
  const found = await cachedSuggestionsForPosting(posting, o);
  return { partners: found.partners.slice(0, limit), outage: found.outage };
}

/**
 * Drops postings that are no longer active, unexpired and visible to this audience, or that
 * became confidential since the list was kept; and partners left with none of their postings.
 */
async function stillVisible(list: PartnerSuggestion[], audience: Audience, now: Date): Promise<PartnerSuggestion[]> {
  const ids = list.flatMap((p) => p.postings.map((x) => x.id));
  if (ids.length === 0) return list;
  const visible = new Set(
    (
      await getPrisma().posting.findMany({
        where: {
          id: { in: ids },
          status: "active",
          confidential: false,
          expiresAt: { gt: now },
          ...(audience === "public" ? { visibility: "public" as const } : {}),
        },
        select: { id: true },
      })
    ).map((r) => r.id),
  );
  return list
    .map((p) => ({ ...p, postings: p.postings.filter((x) => visible.has(x.id)), hadPostings: p.postings.length > 0 }))
    .filter((p) => p.postings.length > 0 || !p.hadPostings)
    .map(({ hadPostings: _, ...p }) => p);
}
