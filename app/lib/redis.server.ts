// Redis connections. Producers (the web app) fail fast when Redis is down instead of
// queueing commands in memory; BullMQ workers must retry forever (maxRetriesPerRequest
// null), as BullMQ requires.
import { Redis, type RedisOptions } from "ioredis";
import { loadConfig } from "#app/lib/config.server.ts";
import { requireUrl } from "#app/lib/db.server.ts";

export function redisConnection(kind: "producer" | "worker", extra: RedisOptions = {}): Redis {
  const url = requireUrl("REDIS_URL", loadConfig().REDIS_URL);
  const options: RedisOptions =
    kind === "worker"
      ? { maxRetriesPerRequest: null }
      : { maxRetriesPerRequest: 1, enableOfflineQueue: false, connectTimeout: 2000, retryStrategy: (n) => Math.min(n * 200, 2000) };
  const client = new Redis(url, { ...options, ...extra });
  // Connection errors surface through health checks; an unhandled 'error' event would
  // crash the process instead.
  client.on("error", () => {});
  return client;
}

/** Key for our own (non-BullMQ) Redis data, under the configured prefix. */
export function redisKey(...parts: string[]): string {
  return [loadConfig().SAMBAND_QUEUE_PREFIX, ...parts].join(":");
}
