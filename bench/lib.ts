// Shared by the benchmarks: a fresh migrated database per measurement, a stopwatch,
// and percentiles. Benchmarks print figures and ratios; they assert nothing.
import { reloadConfig } from "#app/lib/config.server.ts";
import { disconnectPrisma } from "#app/lib/db.server.ts";
import { migrate } from "#scripts/lib/migrate.ts";
import { admin, withDatabase } from "#tests/helpers/databases.ts";

/** Creates (or recreates) database `name` next to `base`, migrates it and points this process at it. */
export async function freshDb(base: string, name: string): Promise<string> {
  await admin(base, async (c) => {
    await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await c.query(`CREATE DATABASE ${name}`);
  });
  const url = withDatabase(base, name);
  await migrate(url);
  await disconnectPrisma();
  process.env.DATABASE_URL = url;
  reloadConfig();
  return url;
}

export async function dropDbs(base: string, names: string[]): Promise<void> {
  await disconnectPrisma();
  await admin(base, async (c) => {
    for (const name of names) await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  });
}

export async function seconds(fn: () => Promise<unknown>): Promise<number> {
  const t = performance.now();
  await fn();
  return (performance.now() - t) / 1000;
}

/** The p-th percentile (0–100) of the samples, nearest rank. */
export function percentile(samples: number[], p: number): number {
  if (samples.length === 0) return NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

/** The environment of a web or worker process the benchmarks start: production mode, this process's database, index and queue prefixes. */
export function productionEnv(services: { redisUrl: string; meiliUrl: string; meiliKey?: string }): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    NODE_ENV: "production",
    PORT: "0",
    SAMBAND_BUILD_DIR: "build",
    DATABASE_URL: process.env.DATABASE_URL,
    REDIS_URL: services.redisUrl,
    MEILI_URL: services.meiliUrl,
    ...(services.meiliKey ? { MEILI_MASTER_KEY: services.meiliKey } : {}),
    SAMBAND_INDEX_PREFIX: process.env.SAMBAND_INDEX_PREFIX,
    SAMBAND_QUEUE_PREFIX: process.env.SAMBAND_QUEUE_PREFIX,
  };
}
