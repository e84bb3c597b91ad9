// Creates the indexes and applies their settings; safe to run on every start.
import { MeilisearchApiError } from "meilisearch";
import { meili, indexName } from "#app/lib/meili.server.ts";
import { INDEXES } from "#search/settings.ts";

export async function applySearchSettings(): Promise<void> {
  const client = meili();
  for (const [base, { primaryKey, settings }] of Object.entries(INDEXES)) {
    const uid = indexName(base);
    try {
      await client.getIndex(uid);
    } catch (error) {
      // Only a missing index is created; Meilisearch not answering fails the start-up.
      if (!(error instanceof MeilisearchApiError && error.cause?.code === "index_not_found")) throw error;
      const created = await client.createIndex(uid, { primaryKey }).waitTask({ timeout: 120_000 });
      // Another process may have created it first: that is fine.
      if (created.status === "failed" && created.error?.code !== "index_already_exists") {
        throw new Error(`Creating index ${uid} failed: ${created.error?.message}`);
      }
    }
    const task = await client.index(uid).updateSettings(settings).waitTask({ timeout: 120_000 });
    if (task.status !== "succeeded") throw new Error(`Settings for index ${uid} failed: ${task.error?.message}`);
  }
}
