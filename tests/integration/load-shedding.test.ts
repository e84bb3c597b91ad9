// A web process at its limits turns the excess away at once (503 with Retry-After)
// instead of making everyone wait, serves the requests it let in, and keeps answering
// /healthz. The limits here are tiny (one request at a time, one waiting), and a request
// is held in progress deterministically: the test locks the Posting table, so a posting
// page blocks in PostgreSQL until the test lets go.
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { waitFor } from "#scripts/lib/proc.ts";
import { startWeb, testEnv, type Proc } from "#tests/helpers/processes.ts";

let web: Proc & { url: string };
let db: pg.Client;

beforeAll(async () => {
  web = await startWeb(testEnv({ SAMBAND_WEB_CONCURRENCY: "1", SAMBAND_WEB_QUEUE: "1" }));
  db = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await db.connect();
});
afterAll(async () => {
  await db?.end();
  await web?.stop();
});

interface Answer {
  status: number;
  retryAfter: string | null;
  type: string | null;
  body: string;
}

async function get(path: string, headers: Record<string, string> = {}): Promise<Answer> {
  const res = await fetch(web.url + path, { headers });
  return { status: res.status, retryAfter: res.headers.get("Retry-After"), type: res.headers.get("Content-Type"), body: await res.text() };
}

/** Locks the Posting table and starts a request that blocks on it, holding the only slot; resolves once it is blocked. */
async function holdTheSlot(): Promise<{ blocked: Promise<Answer>; release: () => Promise<void> }> {
  await db.query("BEGIN");
  await db.query(`LOCK TABLE "Posting" IN ACCESS EXCLUSIVE MODE`);
  // A posting that does not exist: the page looks it up (and blocks), then answers 404.
  const blocked = get("/postings/00000000-0000-4000-8000-000000000000");
  await waitFor("the posting page to wait for the locked table", async () => {
    // Activity is a snapshot per transaction, and this client is inside the locking one.
    await db.query("SELECT pg_stat_clear_snapshot()");
    const { rows } = await db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`,
    );
    return rows[0]!.n > 0;
  });
  return { blocked, release: () => db.query("COMMIT").then(() => {}) };
}

describe("load shedding", () => {
  it("answers the excess 503 with Retry-After at once, and serves the one in progress and the one waiting", async () => {
    const { blocked, release } = await holdTheSlot();
    const answers: Answer[] = [];
    const rest = Array.from({ length: 19 }, () => get("/").then((a) => (answers.push(a), a)));
    try {
      // One of the 19 takes the only place in the queue; the other 18 are refused while the slot is still held.
      await waitFor("18 requests refused", async () => answers.filter((a) => a.status === 503).length >= 18, { timeoutMs: 45_000 });
    } finally {
      await release();
    }
    expect((await blocked).status).toBe(404); // let in and answered, once the table was free
    const all = await Promise.all(rest);
    expect(all.filter((a) => a.status === 200)).toHaveLength(1);
    const refused = all.filter((a) => a.status === 503);
    expect(refused).toHaveLength(18);
    for (const a of refused) {
      expect(a.retryAfter).toBe("2");
      expect(a.type).toMatch(/text\/html/);
      expect(a.body).toContain("The site is busy right now");
    }
    // The slots are free again: a request now is served at once.
    expect((await get("/")).status).toBe(200);
  });

  it("keeps /healthz answering while every slot and place is taken, and tells an API client in JSON", async () => {
    const { blocked, release } = await holdTheSlot();
    try {
      const answers: Answer[] = [];
      // Fill the one place in the queue: of two, one waits and one is refused.
      const two = [get("/"), get("/")].map((p) => p.then((a) => (answers.push(a), a)));
      await waitFor("one of two refused", async () => answers.some((a) => a.status === 503), { timeoutMs: 45_000 });

      const health = await get("/healthz");
      const body = JSON.parse(health.body) as { checks?: Record<string, { ok: boolean }> };
      expect(body.checks?.database?.ok).toBe(true); // the real health report, not "busy"
      expect(health.retryAfter).toBeNull();

      const api = await get("/", { Accept: "application/json" });
      expect(api.status).toBe(503);
      expect(api.retryAfter).toBe("2");
      expect(JSON.parse(api.body)).toEqual({ error: "The site is busy right now. Please try again in a moment.", retryAfterSeconds: 2 });
      await release();
      await Promise.all([blocked, ...two]);
    } finally {
      await db.query("ROLLBACK").catch(() => {}); // after a failed assertion: never leave the table locked
    }
  });
});
