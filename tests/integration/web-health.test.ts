// The web and worker processes as they run in production, against real services.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getPrisma } from "../../app/lib/db.server.ts";
import { seedDemo } from "../../prisma/seed.ts";
import { freePort } from "../../scripts/lib/proc.ts";
import { startWeb, startWorker, testEnv, type Proc } from "../helpers/processes.ts";
import { waitFor } from "../../scripts/lib/proc.ts";

const running: Proc[] = [];
afterAll(async () => {
  await Promise.all(running.map((p) => p.stop()));
});

async function health(url: string) {
  const res = await fetch(`${url}/healthz`);
  return { status: res.status, body: (await res.json()) as { ok: boolean; failing: string[]; checks: Record<string, { ok: boolean; error?: string }> } };
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
    expect(body.checks.workers).toMatchObject({ ok: true, alive: 1 });
  });

  it("answers 503 naming the workers once the worker has stopped", async () => {
    expect(await worker.stop()).toBe(0); // an orderly stop removes its heartbeat
    const { status, body } = await health(web.url);
    expect(status).toBe(503);
    expect(body.failing).toEqual(["workers"]);
    expect(body.checks.workers!.error).toMatch(/no worker/);
  });

  it("answers 503 naming Redis and Meilisearch when they are down, and still serves the home page", async () => {
    const dead = await freePort();
    const broken = await startWeb(testEnv({ REDIS_URL: `redis://127.0.0.1:${dead}`, MEILI_URL: `http://127.0.0.1:${dead}` }));
    running.push(broken);
    const { status, body } = await health(broken.url);
    expect(status).toBe(503);
    expect(body.failing).toEqual(expect.arrayContaining(["redis", "meilisearch"]));
    expect(body.checks.database!.ok).toBe(true);
    expect(body.checks.redis!.error).toBeTruthy();

    const home = await fetch(broken.url + "/");
    expect(home.status).toBe(200);
    const homeHtml = await home.text();
    expect(homeHtml).toContain("Predicting bearing failures from vibration data");
  });

  it("answers 503 naming the database when PostgreSQL is unreachable", async () => {
    const dead = await freePort();
    const broken = await startWeb(testEnv({ DATABASE_URL: `postgresql://x:y@127.0.0.1:${dead}/none` }));
    running.push(broken);
    const { status, body } = await health(broken.url);
    expect(status).toBe(503);
    expect(body.failing).toEqual(expect.arrayContaining(["database", "workers"]));
  });
});
