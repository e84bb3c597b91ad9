// The Meilisearch client and index names. It sits with the PostgreSQL and Redis clients
// so that every layer above can reach all three services the same way.
// Every index name carries the configured prefix so tests (and several deployments) can share one Meilisearch.
import { Meilisearch, MeilisearchApiError, MeilisearchRequestError, MeilisearchRequestTimeOutError } from "meilisearch";
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

/**
 * Meilisearch cannot answer: the connection is refused or drops, the request times out, it
 * or a proxy in front answers with a server error (5xx), or the index is not created yet (a web process
 * started before the first start-up or rebuild made it). Pages then show what they can
 * without it. Any other error (a query Meilisearch rejects, an index without its settings,
 * a bug of ours) is a fault and must surface.
 */
export function isSearchUnavailable(error: unknown): boolean {
  if (error instanceof MeilisearchRequestError || error instanceof MeilisearchRequestTimeOutError) return true;
  if (!(error instanceof MeilisearchApiError)) return false;
  return error.response.status >= 500 || error.cause?.code === "index_not_found";
}

/** One log line for an outage seen while serving `where` (an outage is not a bug: no stack). */
export function logSearchUnavailable(where: string, error: unknown): void {
  // The message, then its causes ("fetch failed", "connect ECONNREFUSED …"): the reason is at the bottom.
  const said: string[] = [];
  for (let e: unknown = error; e instanceof Error && said.length < 4; e = e.cause) said.push(e.message);
  if (said.length === 0) said.push(String(error));
  console.warn(`[search] unavailable while serving ${where}: ${said.join(": ")}`);
}

/**
 * The result of `work`, or null when Meilisearch does not answer (logged once, as one
 * line). Every other error propagates, so a bug is a 500 with its stack.
 */
export async function unlessSearchUnavailable<T>(where: string, work: Promise<T>): Promise<T | null> {
  try {
    return await work;
  } catch (error) {
    if (!isSearchUnavailable(error)) throw error;
    logSearchUnavailable(where, error);
    return null;
  }
}
