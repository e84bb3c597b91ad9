// The home page's figures are kept between views, not counted per request, and still
// follow every change at once: a new or archived posting shows in the very next view.
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getPrisma } from "#app/lib/db.server.ts";
import { startWeb, testEnv, type Proc } from "#tests/helpers/processes.ts";

let web: Proc & { url: string };
let orgId: string;

beforeAll(async () => {
  const org = await getPrisma().organization.create({ data: { name: "Kvarnby Sensorik AB", kind: "company" } });
  orgId = org.id;
  await addPosting("Vibrationsanalys för lager", "competence");
  web = await startWeb(testEnv());
});
afterAll(async () => {
  await web?.stop();
});

function addPosting(title: string, kind: "competence" | "need") {
  return getPrisma().posting.create({
    data: {
      title,
      kind,
      description: "Vi mäter och tolkar vibrationer.",
      language: "sv",
      organizationId: orgId,
      expiresAt: new Date(Date.now() + 30 * 86400_000),
    },
  });
}

/** The home page's four figures (universities, companies, competences, needs) and its HTML. */
async function home(): Promise<{ figures: number[]; html: string }> {
  const res = await fetch(web.url + "/", { headers: { "Accept-Language": "en" } });
  expect(res.status).toBe(200);
  const html = await res.text();
  return { figures: [...html.matchAll(/<dd>(\d+)<\/dd>/g)].map((m) => Number(m[1])), html };
}

describe("the home page", () => {
  it("shows a new posting, and drops an archived one, in the next view after the change", async () => {
    expect((await home()).figures).toEqual([0, 1, 1, 0]);
    expect((await home()).figures).toEqual([0, 1, 1, 0]); // kept, and still right

    const need = await addPosting("Söker partner inom tillståndsövervakning", "need");
    const after = await home();
    expect(after.figures).toEqual([0, 1, 1, 1]);
    expect(after.html).toContain("Söker partner inom tillståndsövervakning");

    await getPrisma().posting.update({ where: { id: need.id }, data: { status: "archived" } });
    const archived = await home();
    expect(archived.figures).toEqual([0, 1, 1, 0]);
    expect(archived.html).not.toContain("Söker partner inom tillståndsövervakning");

    await getPrisma().organization.create({ data: { name: "Älvdalens universitet", kind: "university" } });
    expect((await home()).figures).toEqual([1, 1, 1, 0]);
  });

  it("serves a repeat view without reading postings (answers while the Posting table is locked)", async () => {
    await home(); // computed and kept
    const db = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await db.connect();
    try {
      await db.query("BEGIN");
      await db.query(`LOCK TABLE "Posting", "Organization" IN ACCESS EXCLUSIVE MODE`);
      // Either the page answers, or a query of it waits for the lock: counting on every view.
      let answered = false;
      const blocked = (async () => {
        while (!answered) {
          await db.query("SELECT pg_stat_clear_snapshot()"); // activity is a snapshot per transaction
          const { rows } = await db.query<{ n: number }>(
            `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`,
          );
          if (rows[0]!.n > 0) return "blocked by the lock: the view read the tables";
          await new Promise((r) => setTimeout(r, 50));
        }
        return "answered";
      })();
      const outcome = await Promise.race([home().then((h) => h.figures), blocked]);
      answered = true;
      await blocked;
      expect(outcome).toEqual([1, 1, 1, 0]);
    } finally {
      await db.query("ROLLBACK");
      await db.end();
    }
  });
});
