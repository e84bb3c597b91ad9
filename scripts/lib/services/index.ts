// Finds or starts the three services every command needs. A URL from the environment
// wins when it answers; otherwise the embedded service under the data directory is
// reused if running, or started. Whoever starts a service stops it (see `release`).
import path from "node:path";
import type { Config } from "#app/lib/config.server.ts";
import { acquireLock } from "#scripts/lib/proc.ts";
import { ensureEmbeddedMeili, meiliReachable } from "#scripts/lib/services/meili.ts";
import { ensureEmbeddedPostgres, pgReachable } from "#scripts/lib/services/postgres.ts";
import { ensureEmbeddedRedis, redisReachable } from "#scripts/lib/services/redis.ts";
import type { Log, ServiceHandle } from "#scripts/lib/services/types.ts";

export type ServiceName = "postgres" | "redis" | "meili";
const ALL: ServiceName[] = ["postgres", "redis", "meili"];

export interface Services {
  databaseUrl: string;
  /** Empty when the caller did not ask for the service. */
  redisUrl: string;
  meiliUrl: string;
  meiliKey: string | undefined;
  summary: string[];
  /** Stops, in reverse order, the services this process started. */
  release(): Promise<void>;
}

function redact(url: string): string {
  const u = new URL(url);
  if (u.password) u.password = "***";
  return u.toString();
}

export async function ensureServices(config: Config, log: Log = console.log, needs: ServiceName[] = ALL): Promise<Services> {
  // One process at a time starts services in a data directory; the others then reuse.
  const lock = await acquireLock(path.join(config.dataDir, "services.lock"));
  const started: ServiceHandle[] = [];
  const summary: string[] = [];
  const note = (name: string, h: ServiceHandle) => {
    summary.push(`${name.padEnd(12)} ${redact(h.url)}  [${h.origin}]`);
    if (h.stop) started.push(h);
  };
  const release = async () => {
    for (const h of started.reverse()) await h.stop!();
    started.length = 0;
  };
  try {
    const external = async (name: string, url: string | undefined, reachable: (u: string) => Promise<boolean>) => {
      if (!url) return undefined;
      if (await reachable(url)) return { url, origin: "environment" } as const;
      log(`${name} (${redact(url)}) does not answer; using the embedded one instead.`);
      return undefined;
    };

    const db = (await external("DATABASE_URL", config.DATABASE_URL, pgReachable)) ?? (await ensureEmbeddedPostgres(config.dataDir, log));
    note("PostgreSQL", db);
    let redisUrl = "";
    if (needs.includes("redis")) {
      const redis = (await external("REDIS_URL", config.REDIS_URL, redisReachable)) ?? (await ensureEmbeddedRedis(config.dataDir, log));
      note("Redis", redis);
      redisUrl = redis.url;
    }
    let meiliUrl = "";
    let meiliKey: string | undefined;
    if (needs.includes("meili")) {
      const meiliExternal = await external("MEILI_URL", config.MEILI_URL, meiliReachable);
      const meili = meiliExternal ? { ...meiliExternal, key: config.MEILI_MASTER_KEY } : await ensureEmbeddedMeili(config.dataDir, log);
      note("Meilisearch", meili);
      meiliUrl = meili.url;
      meiliKey = meili.key;
    }
    return { databaseUrl: db.url, redisUrl, meiliUrl, meiliKey, summary, release };
  } catch (error) {
    await release();
    throw error;
  } finally {
    lock.release!();
  }
}

/** The environment a child process (web, worker) needs to reach the same services. */
export function serviceEnv(s: Services): Record<string, string> {
  return {
    DATABASE_URL: s.databaseUrl,
    ...(s.redisUrl ? { REDIS_URL: s.redisUrl } : {}),
    ...(s.meiliUrl ? { MEILI_URL: s.meiliUrl } : {}),
    ...(s.meiliKey ? { MEILI_MASTER_KEY: s.meiliKey } : {}),
  };
}
