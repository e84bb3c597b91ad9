// What every index write shares: a task is awaited and checked, and a full rebuild goes
// into a fresh index that is swapped in whole, so searches are answered from the old
// index until the new one is complete.
import { MeilisearchApiError, type Settings } from "meilisearch";
import { indexName, meili } from "#app/lib/meili.server.ts";

interface Enqueued {
  waitTask: (o?: { timeout?: number }) => Promise<{ status: string; uid: number; error?: { message: string } | null }>;
}

/** Waits for a Meilisearch task and throws unless it succeeded (so a job retries). */
export async function succeed(task: Enqueued, what: string): Promise<void> {
  const done = await task.waitTask({ timeout: 120_000 });
  if (done.status !== "succeeded")
    throw new Error(`Meilisearch task ${done.uid} (${what}) ${done.status}: ${done.error?.message ?? "no reason given"}`);
}

/** Builds index `base` anew: `fill` adds every document through `add` and returns how many rows it read. */
export async function rebuildIndex(
  base: string,
  settings: Settings,
  fill: (add: (docs: object[]) => Promise<void>) => Promise<number>,
): Promise<number> {
  const client = meili();
  const live = indexName(base);
  const fresh = `${live}_rebuild_${Date.now()}`;
  await succeed(client.createIndex(fresh, { primaryKey: "id" }), "create rebuild index");
  try {
    await succeed(client.index(fresh).updateSettings(settings), "settings of rebuild index");
    const n = await fill(async (docs) => {
      if (docs.length) await succeed(client.index(fresh).addDocuments(docs), "fill rebuild index");
    });
    const exists = await client.getIndex(live).then(
      () => true,
      (error: unknown) => {
        if (error instanceof MeilisearchApiError && error.cause?.code === "index_not_found") return false;
        throw error;
      },
    );
    await succeed(client.swapIndexes([{ indexes: [live, fresh], rename: !exists }]), "swap indexes");
    if (exists) await succeed(client.deleteIndex(fresh), "delete old index"); // after a swap, `fresh` holds the old documents
    return n;
  } catch (error) {
    await client
      .deleteIndex(fresh)
      .waitTask({ timeout: 120_000 })
      .catch(() => {});
    throw error;
  }
}
