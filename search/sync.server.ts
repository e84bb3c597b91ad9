// Keeping Meilisearch in step with PostgreSQL: batched upserts and deletes, every task
// awaited and checked; a full rebuild into a fresh index that is then swapped in.
import type { Index } from "meilisearch";
import { getPrisma } from "#app/lib/db.server.ts";
import { indexName, meili } from "#app/lib/meili.server.ts";
import { parentMap } from "#app/models/corporate-group.server.ts";
import { postingDocuments, type PostingDocument } from "#search/documents.server.ts";
import { POSTINGS_INDEX, postingsSettings } from "#search/settings.ts";
import { rebuildIndex, succeed } from "#search/tasks.server.ts";

const BATCH = 10_000;

export function postingsIndex(): Index<PostingDocument> {
  return meili().index<PostingDocument>(indexName(POSTINGS_INDEX));
}

/** Re-reads the postings and brings their documents up to date: one upsert and one delete task. */
export async function syncPostings(ids: string[]): Promise<{ upserted: number; deleted: number }> {
  const unique = [...new Set(ids)];
  const { upserts, deletes } = await postingDocuments(unique);
  const index = postingsIndex();
  for (let i = 0; i < upserts.length; i += BATCH) await succeed(index.addDocuments(upserts.slice(i, i + BATCH)), "upsert postings");
  if (deletes.length) await succeed(index.deleteDocuments(deletes), "delete postings");
  return { upserted: upserts.length, deleted: deletes.length };
}

/** Postings of these organizations (their name, group or region changed). */
export async function postingIdsOfOrganizations(orgIds: string[]): Promise<string[]> {
  const rows = await getPrisma().posting.findMany({ where: { organizationId: { in: orgIds } }, select: { id: true } });
  return rows.map((r) => r.id);
}

/** Rebuilds the postings index from PostgreSQL into a fresh index and swaps it in. */
export async function reindexPostings(onProgress?: (done: number, total: number) => void): Promise<number> {
  return rebuildIndex(POSTINGS_INDEX, postingsSettings, async (add) => {
    const prisma = getPrisma();
    const total = await prisma.posting.count({ where: { status: "active" } });
    const map = await parentMap();
    let done = 0;
    let cursor: string | undefined;
    for (;;) {
      const page = await prisma.posting.findMany({
        where: { status: "active" },
        select: { id: true },
        orderBy: { id: "asc" },
        take: BATCH,
        ...(cursor ? { cursor: { id: cursor }, skip: 1 } : {}),
      });
      if (page.length === 0) break;
      cursor = page[page.length - 1]!.id;
      await add(
        (
          await postingDocuments(
            page.map((p) => p.id),
            map,
          )
        ).upserts,
      );
      done += page.length;
      onProgress?.(done, total);
    }
    return done;
  });
}

export interface IndexCheck {
  missing: string[];
  stale: string[];
  extra: string[];
  indexed: number;
  expected: number;
}

/** Compares the index with PostgreSQL: active postings missing or out of date, and documents that should not be there. */
export async function checkPostingsIndex(): Promise<IndexCheck> {
  const rows = await getPrisma().posting.findMany({ where: { status: "active" }, select: { id: true, updatedAt: true } });
  const expected = new Map(rows.map((r) => [r.id, Math.floor(r.updatedAt.getTime() / 1000)]));
  const seen = new Map<string, number>();
  const index = postingsIndex();
  for (let offset = 0; ; offset += 1000) {
    const page = await index.getDocuments({ fields: ["id", "updatedAt"], limit: 1000, offset });
    for (const d of page.results) seen.set(d.id, d.updatedAt);
    if (page.results.length < 1000) break;
  }
  const missing = [...expected.keys()].filter((id) => !seen.has(id));
  const stale = [...expected].filter(([id, at]) => seen.has(id) && seen.get(id) !== at).map(([id]) => id);
  const extra = [...seen.keys()].filter((id) => !expected.has(id));
  return { missing, stale, extra, indexed: seen.size, expected: expected.size };
}
