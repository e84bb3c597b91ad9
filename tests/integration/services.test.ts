// The service launcher on its own data directory: start, reuse, stop, fall back.
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, inject, it } from "vitest";
import { parseConfig } from "#app/lib/config.server.ts";
import { freePort } from "#scripts/lib/proc.ts";
import { ensureServices } from "#scripts/lib/services/index.ts";
import { meiliReachable } from "#scripts/lib/services/meili.ts";
import { pgReachable } from "#scripts/lib/services/postgres.ts";
import { redisReachable } from "#scripts/lib/services/redis.ts";

const dataDir = mkdtempSync(path.join(os.tmpdir(), "samband-services-"));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));
const quiet = () => {};

describe("ensureServices", () => {
  it("starts embedded Redis and Meilisearch under the data directory, reuses them, and stops only what it started", async () => {
    const config = parseConfig({ SAMBAND_DATA_DIR: dataDir, DATABASE_URL: inject("databaseUrl") });
    const first = await ensureServices(config, quiet, ["postgres", "redis", "meili"]);
    try {
      expect(first.summary.join("\n")).toMatch(/PostgreSQL .* \[environment\]/);
      expect(first.summary.join("\n")).toMatch(/Redis .* \[embedded \(started\)\]/);
      expect(first.summary.join("\n")).toMatch(/Meilisearch .* \[embedded \(started\)\]/);
      expect(first.redisUrl).not.toBe(inject("redisUrl"));
      expect(await redisReachable(first.redisUrl)).toBe(true);
      expect(await meiliReachable(first.meiliUrl)).toBe(true);
      expect(first.meiliKey).toMatch(/^[\w-]{20,}$/);

      // A second command (say, db:migrate while npm start runs) finds the same ones.
      const second = await ensureServices(config, quiet, ["redis", "meili"]);
      expect(second.redisUrl).toBe(first.redisUrl);
      expect(second.meiliUrl).toBe(first.meiliUrl);
      expect(second.meiliKey).toBe(first.meiliKey);
      expect(second.summary.join("\n")).toMatch(/Redis .* \[embedded \(reused\)\]/);
      await second.release();
      expect(await redisReachable(first.redisUrl)).toBe(true); // not its to stop
    } finally {
      await first.release();
    }
    expect(await redisReachable(first.redisUrl, 500)).toBe(false);
    expect(await meiliReachable(first.meiliUrl, 500)).toBe(false);
  });

  it("uses the services the environment names when they answer", async () => {
    const config = parseConfig({
      SAMBAND_DATA_DIR: dataDir,
      DATABASE_URL: inject("databaseUrl"),
      REDIS_URL: inject("redisUrl"),
      MEILI_URL: inject("meiliUrl"),
      MEILI_MASTER_KEY: inject("meiliKey"),
    });
    const s = await ensureServices(config, quiet);
    expect([s.databaseUrl, s.redisUrl, s.meiliUrl]).toEqual([inject("databaseUrl"), inject("redisUrl"), inject("meiliUrl")]);
    expect(s.summary.every((l) => l.endsWith("[environment]"))).toBe(true);
    await s.release();
    expect(await pgReachable(inject("databaseUrl"))).toBe(true);
  });

  it("falls back to the embedded service, saying so, when the named one does not answer", async () => {
    const deadPort = await freePort();
    const config = parseConfig({
      SAMBAND_DATA_DIR: dataDir,
      DATABASE_URL: inject("databaseUrl"),
      REDIS_URL: `redis://127.0.0.1:${deadPort}`,
    });
    const said: string[] = [];
    const s = await ensureServices(config, (m) => said.push(m), ["postgres", "redis"]);
    try {
      expect(said.join("\n")).toMatch(/REDIS_URL \(redis:\/\/127\.0\.0\.1:\d+\) does not answer; using the embedded one instead/);
      expect(s.redisUrl).not.toContain(String(deadPort));
      expect(await redisReachable(s.redisUrl)).toBe(true);
    } finally {
      await s.release();
    }
  });
});
