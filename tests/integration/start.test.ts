// `npm start` end to end: services from the environment, migrations, first-run seed,
// web and worker, the single-instance guard and an orderly Ctrl-C.
import { chmodSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, inject, it } from "vitest";
import pg from "pg";
import { isAlive, readJson, waitFor } from "#scripts/lib/proc.ts";
import { createEmptyDatabase, dropDatabase, withDatabase } from "#tests/helpers/databases.ts";
import { runTs, testEnv, waitForOutput, type Proc } from "#tests/helpers/processes.ts";

const dataDir = mkdtempSync(path.join(os.tmpdir(), "samband-start-"));
const base = inject("databaseUrl");
const running: Proc[] = [];
let dbName = "";
afterAll(async () => {
  await Promise.all(running.map((p) => p.stop("SIGKILL")));
  if (dbName) await dropDatabase(base, dbName);
  rmSync(dataDir, { recursive: true, force: true });
});

describe("npm start", () => {
  it("migrates and seeds an empty database, serves the site, refuses a second instance and stops in order on Ctrl-C", async () => {
    dbName = await createEmptyDatabase(base, inject("runId"));
    const env = testEnv({ SAMBAND_DATA_DIR: dataDir, DATABASE_URL: withDatabase(base, dbName) });
    const start = runTs("scripts/start.ts", env);
    running.push(start);
    const [, url] = await waitForOutput(start, /Samband is running at (http:\/\/\S+)/, 120_000);
    expect(start.output()).toContain("Seeded the demo data (first run).");

    const healthy = await waitFor("/healthz to report every part up", async () => {
      const res = await fetch(`${url}/healthz`);
      return res.status === 200 ? ((await res.json()) as { ok: boolean }) : undefined;
    });
    expect(healthy.ok).toBe(true);
    const home = await (await fetch(url!)).text();
    expect(home).toContain("Find the partners for your co-produced project");
    expect(home).toContain("Maskininlärning för tillståndsövervakning");

    const client = new pg.Client({ connectionString: withDatabase(base, dbName) });
    await client.connect();
    const { rows } = await client.query(`SELECT count(*)::int AS n FROM "_prisma_migrations" WHERE finished_at IS NOT NULL`);
    await client.end();
    expect(rows[0].n).toBeGreaterThan(0);

    const second = runTs("scripts/start.ts", env);
    running.push(second);
    expect(await second.exited).toBe(1);
    expect(second.output()).toMatch(/Samband is already running from .* \(pid \d+\)/);

    start.child.kill("SIGINT");
    expect(await start.exited).toBe(0);
    const out = start.output();
    const order = ["[web] stopped", "[worker] stopped", "Stopped."].map((s) => out.indexOf(s));
    expect(order.every((i) => i >= 0)).toBe(true);
    expect(order).toEqual([...order].sort((a, b) => a - b));
    await expect(fetch(url!)).rejects.toThrow();

    // The lock went with it: the next start is allowed.
    const again = runTs("scripts/start.ts", env);
    running.push(again);
    await waitForOutput(again, /Samband is running at/, 120_000);
    expect(again.output()).not.toContain("Seeded the demo data");
    again.child.kill("SIGTERM");
    expect(await again.exited).toBe(0);
  }, 240_000); // two starts, a migration and the demo seed: over a minute on a loaded machine

  it("with its own embedded services from scratch, stops them all on Ctrl-C", async () => {
    const own = mkdtempSync(path.join(os.tmpdir(), "samband-embedded-"));
    chmodSync(own, 0o755); // PostgreSQL runs as the OS user postgres when we are root
    try {
      const start = runTs(
        "scripts/start.ts",
        testEnv({ SAMBAND_DATA_DIR: own, DATABASE_URL: "", REDIS_URL: "", MEILI_URL: "", MEILI_MASTER_KEY: "" }),
      );
      running.push(start);
      // The services' summary comes after "running at": wait for the line asserted, not an earlier one.
      await waitForOutput(start, /PostgreSQL .*\[embedded \(started\)\]/, 180_000);
      expect(start.output()).toContain("Initialising embedded PostgreSQL");
      const pids = ["postgres", "redis", "meili"].map((s) => readJson<{ pid: number }>(path.join(own, s, "state.json"))!.pid);
      expect(pids.every(isAlive)).toBe(true);

      start.child.kill("SIGINT");
      expect(await start.exited).toBe(0);
      expect(start.output()).toContain("Stopped.");
      await waitFor("the embedded services to exit", async () => pids.every((pid) => !isAlive(pid)), { timeoutMs: 30_000 });
    } finally {
      rmSync(own, { recursive: true, force: true });
    }
  }, 240_000);

  it("fails fast on bad configuration, naming the variable", async () => {
    const proc = runTs("scripts/start.ts", testEnv({ SAMBAND_DATA_DIR: dataDir, DATABASE_URL: "nonsense" }));
    expect(await proc.exited).toBe(2);
    expect(proc.output()).toContain('DATABASE_URL="nonsense": must be a URL starting with postgres://');
  });
});
