// Saved searches and the in-app notifications their alerts leave. Every query is
// scoped to its user: another user's saved search or notification matches no row.
import { z } from "zod";
import { getPrisma } from "#app/lib/db.server.ts";
import { isId } from "#app/lib/form-fields.ts";
import { FACETS, type FacetSelection } from "#app/domain/facets.ts";
import { msg } from "#app/i18n/index.ts";

export const MAX_SAVED_SEARCHES = 50;

const facetValues = z.array(z.string().trim().min(1).max(200)).max(20);

export const savedSearchSchema = z
  .object({
    name: z.string().trim().max(200, msg("validation.tooLong")).optional(),
    q: z.string().trim().max(200, msg("validation.tooLong")).default(""),
    facets: z.object(Object.fromEntries(FACETS.map((f) => [f, facetValues.optional()]))).strict(),
  })
  .refine((s) => s.q !== "" || Object.values(s.facets).some((v) => v && v.length > 0), { message: msg("search.saveEmpty"), path: ["q"] });
export type SavedSearchInput = z.output<typeof savedSearchSchema>;

/** The browse page's state (its URL) as a saved-search input. */
export function fromSearchParams(params: URLSearchParams, name?: string): unknown {
  return {
    name,
    q: params.get("q") ?? "",
    facets: Object.fromEntries(FACETS.map((f) => [f, params.getAll(f)]).filter(([, v]) => v.length > 0)),
  };
}

/** The browse page's URL for a saved search. */
export function searchUrl(s: { query: string; facets: unknown }): string {
  const params = new URLSearchParams();
  if (s.query) params.set("q", s.query);
  for (const [facet, values] of Object.entries((s.facets ?? {}) as FacetSelection)) for (const v of values ?? []) params.append(facet, v);
  return `/postings?${params}`;
}

export type SaveSearchResult = { ok: true; id: string } | { ok: false; error: "search.saveEmpty" | "search.tooMany" };

export async function saveSearch(userId: string, input: SavedSearchInput): Promise<SaveSearchResult> {
  const prisma = getPrisma();
  return prisma.$transaction(async (tx) => {
    // One user saving from two tabs at once cannot pass the limit: their row is the lock.
    await tx.$queryRaw`SELECT id FROM "User" WHERE id = ${userId}::uuid FOR UPDATE`;
    if ((await tx.savedSearch.count({ where: { userId } })) >= MAX_SAVED_SEARCHES)
      return { ok: false as const, error: "search.tooMany" as const };
    const name = input.name || input.q || Object.values(input.facets).flat().join(", ").slice(0, 200);
    const row = await tx.savedSearch.create({ data: { userId, name, query: input.q, facets: input.facets } });
    return { ok: true as const, id: row.id };
  });
}

export async function listSavedSearches(userId: string) {
  return getPrisma().savedSearch.findMany({
    where: { userId },
    orderBy: { createdAt: "desc" },
    select: { id: true, name: true, query: true, facets: true, createdAt: true, lastAlertAt: true },
  });
}

export async function deleteSavedSearch(id: string, userId: string): Promise<boolean> {
  if (!isId(id)) return false;
  return (await getPrisma().savedSearch.deleteMany({ where: { id, userId } })).count === 1;
}

export async function listNotifications(userId: string, take = 50) {
  return getPrisma().notification.findMany({
    where: { userId },
    orderBy: { createdAt: "desc" },
    take,
    select: {
      id: true,
      kind: true,
      title: true,
      body: true,
      titleKey: true,
      bodyKey: true,
      params: true,
      link: true,
      readAt: true,
      createdAt: true,
    },
  });
}

export async function unreadCount(userId: string): Promise<number> {
  return getPrisma().notification.count({ where: { userId, readAt: null } });
}

export async function markAllRead(userId: string, now = new Date()): Promise<number> {
  return (await getPrisma().notification.updateMany({ where: { userId, readAt: null }, data: { readAt: now } })).count;
}
