// Saved-search alerts: a scheduled job tells each user about postings published since
// they saved a search that match it, in the app and by email, at most once a day per
// search and never about the same posting twice. Each alert is claimed (hits inserted,
// lastAlertAt set) in the transaction that writes the notification and the email to the
// outbox, so a job run twice, or in two workers at once, alerts once.
import { teaserOf } from "#app/domain/reveal.ts";
import { localeOf, translate } from "#app/i18n/index.ts";
import { publicUrl } from "#app/lib/config.server.ts";
import { getPrisma } from "#app/lib/db.server.ts";
import { writeEvent } from "#app/lib/outbox.server.ts";
import { searchUrl } from "#app/models/saved-search.server.ts";
import { buildFilter, type FacetSelection } from "#app/domain/facets.ts";
import { postingsIndex } from "#search/sync.server.ts";

const DAY_MS = 24 * 3600 * 1000;
// How many new matches one alert looks at; a search that broad is better refined than mailed in full.
const CANDIDATES = 100;
const LISTED = 10;

export async function sendSavedSearchAlerts(now = new Date(), batch = 500): Promise<number> {
  const prisma = getPrisma();
  const due = await prisma.savedSearch.findMany({
    where: { OR: [{ lastAlertAt: null }, { lastAlertAt: { lte: new Date(now.getTime() - DAY_MS) } }] },
    select: {
      id: true,
      userId: true,
      name: true,
      query: true,
      facets: true,
      createdAt: true,
      user: { select: { email: true, name: true, locale: true } },
    },
    orderBy: { createdAt: "asc" },
    take: batch,
  });
  const baseUrl = publicUrl();
  let alerts = 0;
  for (const s of due) {
    // Newest first among what the index says matches and changed since the search was saved.
    const since = Math.floor(s.createdAt.getTime() / 1000);
    const res = await postingsIndex().search(s.query, {
      filter: buildFilter(s.facets as FacetSelection, [`expiresAt > ${Math.floor(now.getTime() / 1000)}`, `updatedAt >= ${since}`]),
      sort: ["updatedAt:desc"],
      limit: CANDIDATES,
      attributesToRetrieve: ["id"],
    });
    if (res.hits.length === 0) continue;
    // PostgreSQL decides: published after the search was saved, still active, not the user's own.
    const fresh = await prisma.posting.findMany({
      where: {
        id: { in: res.hits.map((h) => h.id) },
        status: "active",
        expiresAt: { gt: now },
        createdAt: { gt: s.createdAt },
        NOT: { ownerId: s.userId },
        alertedIn: { none: { savedSearchId: s.id } },
      },
      select: {
        id: true,
        title: true,
        confidential: true,
        teaser: true,
        organization: { select: { memberships: { where: { userId: s.userId }, select: { userId: true } } } },
      },
    });
    // A confidential posting is named by its teaser: the reader is not its author's side.
    const news = fresh
      .filter((p) => !p.organization?.memberships.length)
      .map((p) => ({ id: p.id, title: teaserOf({ ...p, description: "", keywords: [] }).title }));
    if (news.length === 0) continue;
    const sent = await prisma
      .$transaction(async (tx) => {
        const claimed = await tx.$executeRaw`
        UPDATE "SavedSearch" SET "lastAlertAt" = ${now}
        WHERE id = ${s.id}::uuid AND ("lastAlertAt" IS NULL OR "lastAlertAt" <= ${new Date(now.getTime() - DAY_MS)})`;
        if (claimed !== 1) return false;
        const ids = news.map((p) => p.id);
        const inserted = await tx.$queryRaw<{ postingId: string }[]>`
        INSERT INTO "SavedSearchHit" ("savedSearchId", "postingId")
        SELECT ${s.id}::uuid, unnest(${ids}::uuid[])
        ON CONFLICT DO NOTHING RETURNING "postingId"`;
        const newIds = new Set(inserted.map((r) => r.postingId));
        const list = news.filter((p) => newIds.has(p.id));
        if (list.length === 0) throw new Rollback(); // every one already told: leave lastAlertAt as it was
        const locale = localeOf(s.user.locale);
        const vars = { name: s.user.name, search: s.name, count: String(list.length), link: `${baseUrl}${searchUrl(s)}` };
        const lines = list.slice(0, LISTED).map((p) => `- ${p.title}: ${baseUrl}/postings/${p.id}`);
        await tx.notification.create({
          data: {
            userId: s.userId,
            kind: "saved-search",
            title: translate(locale, "alert.title", vars),
            // The title again by key, for readers who switch language; the body is the postings' own titles.
            titleKey: "alert.title",
            params: { search: s.name, count: list.length },
            body: list
              .slice(0, LISTED)
              .map((p) => p.title)
              .join("\n"),
            link: searchUrl(s),
          },
        });
        await writeEvent(tx, "email.send", {
          to: s.user.email,
          subject: translate(locale, "alert.subject", vars),
          text: `${translate(locale, "alert.body", vars)}\n\n${lines.join("\n")}\n`,
        });
        return true;
      })
      .catch((error: unknown) => {
        if (error instanceof Rollback) return false;
        throw error;
      });
    if (sent) alerts++;
  }
  return alerts;
}

class Rollback extends Error {}
