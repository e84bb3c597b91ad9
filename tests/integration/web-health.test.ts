// The web and worker processes as they run in production, against real services.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getPrisma } from "#app/lib/db.server.ts";
import { seedDemo } from "#prisma/seed.ts";
import { freePort } from "#scripts/lib/proc.ts";
import { startWeb, startWorker, testEnv, waitForOutput, type Proc } from "#tests/helpers/processes.ts";
import { waitFor } from "#scripts/lib/proc.ts";

const running: Proc[] = [];
afterAll(async () => {
  await Promise.all(running.map((p) => p.stop()));
});

type Body = { ok: boolean; failing: string[]; checks: Record<string, { ok: boolean; status: string; error?: string; alive?: number }> };

async function health(url: string) {
  const res = await fetch(`${url}/healthz`);
  const text = await res.text();
  return { status: res.status, text, body: JSON.parse(text) as Body };
}

/** Polls until /healthz says `failing` (a result is reused for a second, so not at once). */
async function healthFailing(url: string, parts: string[]) {
  return waitFor(`/healthz to report ${parts.join(", ")} failing`, async () => {
    const h = await health(url);
    return h.status === 503 && parts.every((p) => h.body.failing.includes(p)) ? h : undefined;
  });
}

describe("GET /healthz", () => {
  let web: Proc & { url: string };
  let worker: Proc;

  beforeAll(async () => {
    await seedDemo(getPrisma());
    worker = await startWorker(testEnv());
    web = await startWeb(testEnv());
    running.push(worker, web);
  });

  it("answers 200 with every part up while a worker is alive", async () => {
    const { status, body } = await waitFor("healthy", async () => {
      const h = await health(web.url);
      return h.status === 200 ? h : undefined;
    });
    expect(status).toBe(200);
    expect(body.failing).toEqual([]);
    expect(Object.keys(body.checks).sort()).toEqual(["database", "meilisearch", "redis", "workers"]);
    expect(body.checks.workers).toMatchObject({ ok: true, status: "up", alive: 1 });
  });

  it("answers 200 to 200 requests at once while every part is up (checks are shared, not queued behind each other)", async () => {
    // The product's default time limit for each part, not the tests' generous one.
    const fresh = await startWeb(testEnv({ SAMBAND_HEALTH_TIMEOUT_MS: "2000" }));
    running.push(fresh);
    await waitFor("healthy", async () => (await health(fresh.url)).status === 200);
    for (let round = 0; round < 2; round++) {
      const answers = await Promise.all(Array.from({ length: 200 }, () => health(fresh.url)));
      const statuses = answers.map((a) => a.status);
      expect(
        statuses.filter((s) => s !== 200),
        JSON.stringify(answers.find((a) => a.status !== 200)?.body),
      ).toEqual([]);
      // Wait past the reuse window, so the second burst meets a new check.
      if (round === 0) await new Promise((r) => setTimeout(r, 1100));
    }
  });

  it("answers 503 naming the workers as stale once a killed worker's heartbeat is three intervals old", async () => {
    const doomed = await startWorker(testEnv());
    running.push(doomed);
    await waitFor("two live workers", async () => (await health(web.url)).body.checks.workers?.alive === 2);
    doomed.child.kill("SIGKILL"); // no chance to remove its heartbeat
    await doomed.exited;
    expect(await worker.stop()).toBe(0); // an orderly stop removes its heartbeat
    const { body } = await healthFailing(web.url, ["workers"]);
    expect(body.failing).toEqual(["workers"]);
    expect(body.checks.workers).toMatchObject({ ok: false, status: "stale", alive: 0 });
    expect(body.checks.workers!.error).toMatch(/^no worker heartbeat since \d{4}-\d\d-\d\dT/);
  });

  it("answers 503 naming the workers as down once no worker ever reported", async () => {
    await getPrisma().workerHeartbeat.deleteMany();
    // The stale answer may be reused for up to a second; then the new one.
    const { status, body } = await waitFor("/healthz to report no worker", async () => {
      const h = await health(web.url);
      return h.body.checks.workers?.status !== "stale" ? h : undefined;
    });
    expect(status).toBe(503);
    expect(body.failing).toEqual(["workers"]);
    expect(body.checks.workers).toMatchObject({ ok: false, status: "down", error: "no worker is running" });
  });

  it("answers 503 naming Redis and Meilisearch when they are down, and still serves the home page", async () => {
    const dead = await freePort();
    const broken = await startWeb(testEnv({ REDIS_URL: `redis://127.0.0.1:${dead}`, MEILI_URL: `http://127.0.0.1:${dead}` }));
    running.push(broken);
    const { status, body, text } = await health(broken.url);
    expect(status).toBe(503);
    expect(body.failing).toEqual(expect.arrayContaining(["redis", "meilisearch"]));
    expect(body.checks.database!.ok).toBe(true);
    expect(body.checks.redis).toMatchObject({ ok: false, status: "down" });
    expect(body.checks.meilisearch).toMatchObject({ ok: false, status: "down" });
    // Where the services live is nobody's business but the server log's.
    expect(text).not.toContain("127.0.0.1");
    expect(text).not.toContain(String(dead));
    expect(text).not.toMatch(/ECONNREFUSED|connect/i);

    const home = await fetch(broken.url + "/");
    expect(home.status).toBe(200);
    const homeHtml = await home.text();
    expect(homeHtml).toContain("Predicting bearing failures from vibration data");
  });

  it("answers 503 naming the database when PostgreSQL is unreachable", async () => {
    const dead = await freePort();
    const broken = await startWeb(testEnv({ DATABASE_URL: `postgresql://x:y@127.0.0.1:${dead}/none` }));
    running.push(broken);
    const { status, body, text } = await health(broken.url);
    expect(status).toBe(503);
    expect(body.failing).toEqual(expect.arrayContaining(["database", "workers"]));
    expect(body.checks.database).toEqual({ ok: false, status: "down", error: "not reachable" });
    expect(body.checks.workers).toMatchObject({ ok: false, status: "unknown" });
    expect(text).not.toContain("127.0.0.1");
    expect(text).not.toContain(String(dead));
    expect(text).not.toMatch(/can't reach|ECONNREFUSED|postgres/i);
    // The detail is in the server's log instead, once.
    await waitForOutput(broken, /\/healthz: database down: .*ECONNREFUSED/);
  });
});
