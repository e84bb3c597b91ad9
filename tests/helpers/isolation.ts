import { Redis } from "ioredis";
import { Meilisearch } from "meilisearch";

export async function dropIndexPrefix(url: string, key: string, prefix: string): Promise<void> {
  const client = new Meilisearch({ host: url, apiKey: key || undefined });
  const { results } = await client.getIndexes({ limit: 1000 });
  for (const index of results.filter((i) => i.uid.startsWith(prefix))) {
    await client.deleteIndex(index.uid).waitTask({ timeout: 120_000 });
  }
}

export async function dropRedisPrefix(url: string, prefix: string): Promise<void> {
  const redis = new Redis(url, { maxRetriesPerRequest: 1 });
  try {
    let cursor = "0";
    do {
      const [next, keys] = await redis.scan(cursor, "MATCH", `${prefix}:*`, "COUNT", 500);
      cursor = next;
      if (keys.length) await redis.del(...keys);
    } while (cursor !== "0");
  } finally {
    redis.disconnect();
  }
}
