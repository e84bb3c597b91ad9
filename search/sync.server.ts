// Keeping Meilisearch in step with PostgreSQL: batched upserts and deletes, every task
// awaited and checked; a full rebuild into a fresh index that is then swapped in.
import type { Index } from "meilisearch";
import { getPrisma } from "../app/lib/db.server.ts";
import { indexName, meili } from "./client.server.ts";
import { organizationParents, postingDocuments, type PostingDocument } from "./documents.server.ts";
import { POSTINGS_INDEX, postingsSettings } from "./settings.ts";

const BATCH = 10_000;

async function succeed(promise: { waitTask: (o?: { timeout?: number }) => Promise<{ status: string; error?: { message: string } | null; uid: number }> }, what: string) {
  const task = await promise.waitTask({ timeout: 120_000 });
  if (task.status !== "succeeded") throw new Error(`Meilisearch task ${task.uid} (${what}) ${task.status}: ${task.error?.message ?? "no reason given"}`);
}

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

/**
 * Builds a complete new index next to the live one and swaps it in: searches keep
 * being answered from the old index until the new one is whole.
 */
export async function reindexPostings(onProgress?: (done: number, total: number) => void): Promise<number> {
  const client = meili();
  const live = indexName(POSTINGS_INDEX);
  const fresh = `${live}_rebuild_${Date.now()}`;
  await succeed(client.createIndex(fresh, { primaryKey: "id" }), "create rebuild index");
  try {
    await succeed(client.index(fresh).updateSettings(postingsSettings), "settings of rebuild index");
    const prisma = getPrisma();
    const total = await prisma.posting.count({ where: { status: "active" } });
    const map = await organizationParents();
    let done = 0;
    let cursor: string | undefined;
    for (;;) {
      const page = await prisma.posting.findMany({ where: { status: "active" }, select: { id: true }, orderBy: { id: "asc" }, take: BATCH, ...(cursor ? { cursor: { id: cursor }, skip: 1 } : {}) });
      if (page.length === 0) break;
      cursor = page[page.length - 1]!.id;
      const { upserts } = await postingDocuments(page.map((p) => p.id), map);
      await succeed(client.index(fresh).addDocuments(upserts), "fill rebuild index");
      done += page.length;
      onProgress?.(done, total);
    }
    const exists = await client.getIndex(live).then(
      () => true,
      () => false,
    );
    await succeed(client.swapIndexes([{ indexes: [live, fresh], rename: !exists }]), "swap indexes");
    if (exists) await succeed(client.deleteIndex(fresh), "delete old index"); // after a swap, `fresh` holds the old documents
    return done;
  } catch (error) {
    await client.deleteIndex(fresh).waitTask().catch(() => {});
    throw error;
  }
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
