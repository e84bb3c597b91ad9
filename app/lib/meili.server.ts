// The Meilisearch client and index names. It sits with the PostgreSQL and Redis clients
// so that every layer above can reach all three services the same way.
// Every index name carries the configured prefix so tests (and several deployments) can share one Meilisearch.
import { Meilisearch } from "meilisearch";
import { loadConfig } from "#app/lib/config.server.ts";
import { requireUrl } from "#app/lib/db.server.ts";

let client: Meilisearch | undefined;

export function meili(): Meilisearch {
  if (!client) {
    const config = loadConfig();
    client = new Meilisearch({
      host: requireUrl("MEILI_URL", config.MEILI_URL),
      apiKey: config.MEILI_MASTER_KEY,
      timeout: 5000,
    });
  }
  return client;
}

export function indexName(base: string): string {
  return `${loadConfig().SAMBAND_INDEX_PREFIX}${base}`;
}
