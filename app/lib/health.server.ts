// The state of every part the product depends on, for GET /healthz.
import type { Redis } from "ioredis";
import { meili } from "../../search/client.server.ts";
import { loadConfig } from "./config.server.ts";
import { getPrisma } from "./db.server.ts";
import { redisConnection } from "./redis.server.ts";

export interface PartHealth {
  ok: boolean;
  error?: string;
  [detail: string]: unknown;
}

export interface Health {
  ok: boolean;
  failing: string[];
  checks: { database: PartHealth; redis: PartHealth; meilisearch: PartHealth; workers: PartHealth };
}

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  return Promise.race([
    promise,
    new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`${what} did not answer within ${ms} ms`)), ms).unref()),
  ]);
}

async function part(fn: () => Promise<Record<string, unknown> | void>, what: string): Promise<PartHealth> {
  try {
    return { ok: true, ...(await withTimeout(fn(), loadConfig().SAMBAND_HEALTH_TIMEOUT_MS, what)) };
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error.message : String(error) };
  }
}

let redis: Redis | undefined;

export async function checkHealth(now = new Date()): Promise<Health> {
  const config = loadConfig();
  // A worker is alive when it wrote a heartbeat within three intervals.
  const staleBefore = new Date(now.getTime() - 3 * config.SAMBAND_HEARTBEAT_MS);
  const [database, redisPart, meilisearch, workers] = await Promise.all([
    part(async () => {
      await getPrisma().$queryRaw`SELECT 1`;
    }, "PostgreSQL"),
    part(async () => {
      redis ??= redisConnection("producer");
      await redis.ping();
    }, "Redis"),
    part(async () => {
      const h = await meili().health();
      if (h.status !== "available") throw new Error(`status ${h.status}`);
    }, "Meilisearch"),
    part(async () => {
      const beats = await getPrisma().workerHeartbeat.findMany({ orderBy: { lastSeenAt: "desc" }, take: 50 });
      const alive = beats.filter((b) => b.lastSeenAt >= staleBefore);
      const lastHeartbeat = beats[0]?.lastSeenAt.toISOString() ?? null;
      if (alive.length === 0) {
        throw new Error(lastHeartbeat ? `no worker heartbeat since ${lastHeartbeat}` : "no worker has ever reported");
      }
      return { alive: alive.length, lastHeartbeat };
    }, "Worker heartbeat"),
  ]);
  const checks = { database, redis: redisPart, meilisearch, workers };
  const failing = Object.entries(checks)
    .filter(([, v]) => !v.ok)
    .map(([k]) => k);
  return { ok: failing.length === 0, failing, checks };
}
