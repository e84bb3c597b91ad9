// Saved searches and their alerts: saved from the browse page, validated, private to
// their user; alerts at most once a day per search, never the same posting twice, once
// even when two workers run the job at the same moment.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getPrisma } from "#app/lib/db.server.ts";
import { createPosting } from "#app/models/posting.server.ts";
import { applySearchSettings } from "#search/setup.server.ts";
import { syncPostings } from "#search/sync.server.ts";
import { sendSavedSearchAlerts } from "#workers/alerts.ts";
import { Client } from "#tests/helpers/http.ts";
import { startWeb, testEnv, type Proc } from "#tests/helpers/processes.ts";

let web: Proc & { url: string };
beforeAll(async () => {
  await applySearchSettings();
  web = await startWeb(testEnv());
});
afterAll(async () => {
  await web?.stop();
});

const text = async (res: Response) => (await res.text()).replace(/<!-- -->/g, "");
const HOUR = 3600_000;

async function publish(ownerId: string, title: string): Promise<string> {
  const id = (await createPosting(ownerId, {
    kind: "competence",
    title,
    description: "Vibration analysis of rotating machines.",
    keywords: ["vibration"],
    subjects: ["20205"],
    language: "en",
    visibility: "public",
    organizationId: undefined,
  }))!;
  await syncPostings([id]);
  return id;
}

async function userId(email: string) {
  return (await getPrisma().user.findUniqueOrThrow({ where: { email } })).id;
}

describe("saving a search", () => {
  it("saves the browse page's search from its own form and lists it; another user cannot delete it", async () => {
    const alice = new Client(web.url);
    await alice.register("Alice Saver", "alice-saver@example.se");
    const browse = await text(await alice.get("/postings?q=vibration&kind=competence"));
    expect(browse).toContain("Save this search");
    expect(browse).toMatch(/<input type="hidden" name="kind" value="competence"\/?>/);

    const res = await alice.post("/searches", { intent: "save", q: "vibration", kind: "competence", name: "" });
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toBe("/searches?saved=1");
    const page = await text(await alice.get("/searches?saved=1"));
    expect(page).toContain("Saved. You will hear about new postings that match, at most once a day.");
    expect(page).toContain('href="/postings?q=vibration&amp;kind=competence"');

    const saved = await getPrisma().savedSearch.findFirstOrThrow({ where: { userId: await userId("alice-saver@example.se") } });
    expect(saved).toMatchObject({ name: "vibration", query: "vibration", facets: { kind: ["competence"] } });

    const mallory = new Client(web.url);
    await mallory.register("Mallory", "mallory-saver@example.se");
    expect((await mallory.post("/searches", { intent: "delete", id: saved.id })).status).toBe(404);
    expect(await getPrisma().savedSearch.count({ where: { id: saved.id } })).toBe(1);
    expect(await text(await mallory.get("/searches"))).not.toContain("vibration");
    expect((await alice.post("/searches", { intent: "delete", id: saved.id })).status).toBe(302);
    expect(await getPrisma().savedSearch.count({ where: { id: saved.id } })).toBe(0);
  });

  it.each<{ why: string; fields: Record<string, string>; says: string }>([
    { why: "nothing to search for", fields: { q: "  " }, says: "Type something to search for or choose a filter before saving." },
    {
      why: "a search longer than the box allows",
      fields: { q: "x".repeat(201) },
      says: "The search text is too long to save: shorten it to at most 200 characters on the browse page.",
    },
    {
      why: "a facet value of absurd length",
      fields: { q: "a", region: "r".repeat(500) },
      says: "A filter in this search is not one the browse page offers: choose the filters there again, then save.",
    },
  ])("refuses $why in the error summary with what to do, storing nothing", async ({ fields, says }) => {
    const c = new Client(web.url);
    const email = `bad-save-${Math.random().toString(36).slice(2)}@example.se`;
    await c.register("Bad Saver", email);
    const res = await c.post("/searches", { intent: "save", ...fields });
    expect(res.status).toBe(400);
    const body = await text(res);
    expect(body).toContain("<title>Error: Saved searches – Samband</title>");
    expect(body).toMatch(
      new RegExp(`<h2 id="error-summary-title">There is a problem</h2><ul><li>${says.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}</li>`),
    );
    // The way back to the search it came from.
    expect(body).toContain(">Back to the search</a>");
    expect(await getPrisma().savedSearch.count({ where: { userId: await userId(email) } })).toBe(0);
  });

  it("asks again for a name that is too long, keeping the search, and saves it once corrected", async () => {
    const c = new Client(web.url);
    await c.register("Long Namer", "long-namer@example.se");
    const id = await userId("long-namer@example.se");
    const search = { intent: "save", q: "radar <b>", kind: "need", subjects: "203" };
    const res = await c.post("/searches", { ...search, name: "n".repeat(201) });
    expect(res.status).toBe(400);
    const body = await text(res);
    expect(body).toContain("<title>Error: Saved searches – Samband</title>");
    expect(body).toContain('<a href="#field-name">Give the saved search a name of at most 200 characters.</a>');
    expect(body).toContain('id="field-name-error"');
    // The form again, with the search in it (escaped) and what was typed.
    expect(body).toMatch(/<input type="hidden" name="q" value="radar &lt;b&gt;"\/?>/);
    expect(body).toMatch(/<input type="hidden" name="kind" value="need"\/?>/);
    expect(body).toMatch(/<input type="hidden" name="subjects" value="203"\/?>/);
    expect(body).toContain(`value="${"n".repeat(201)}"`);
    expect(body).toContain('href="/postings?q=radar+%3Cb%3E&amp;kind=need&amp;subjects=203"');
    expect(await getPrisma().savedSearch.count({ where: { userId: id } })).toBe(0);

    expect((await c.post("/searches", { ...search, name: "Radar needs" })).status).toBe(302);
    expect(await getPrisma().savedSearch.findFirstOrThrow({ where: { userId: id } })).toMatchObject({
      name: "Radar needs",
      query: "radar <b>",
      facets: { kind: ["need"], subjects: ["203"] },
    });
  });

  it("ignores parameters that are not facets, as the browse page does", async () => {
    const c = new Client(web.url);
    await c.register("Odd Saver", "odd-saver@example.se");
    expect((await c.post("/searches", { intent: "save", q: "radar", visibility: "members", ownerId: "x" })).status).toBe(302);
    const saved = await getPrisma().savedSearch.findFirstOrThrow({ where: { userId: await userId("odd-saver@example.se") } });
    expect(saved.facets).toEqual({});
  });

  it("keeps HTML and filter syntax in a search as plain text", async () => {
    const c = new Client(web.url);
    await c.register("Hostile Saver", "hostile-saver@example.se");
    const hostile = '<script>alert(1)</script>" OR visibility = "members';
    expect((await c.post("/searches", { intent: "save", q: hostile, region: '" OR 1=1' })).status).toBe(302);
    const page = await text(await c.get("/searches"));
    expect(page).not.toContain("<script>alert(1)</script>");
    expect(page).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
  });

  it("stops at 50 saved searches per person, even when saved at the same moment", async () => {
    const c = new Client(web.url);
    await c.register("Many Searches", "many-searches@example.se");
    const id = await userId("many-searches@example.se");
    await getPrisma().savedSearch.createMany({
      data: Array.from({ length: 48 }, (_, i) => ({ userId: id, name: `s${i}`, query: `s${i}`, facets: {} })),
    });
    const results = await Promise.all(["a", "b", "c", "d"].map((q) => c.post("/searches", { intent: "save", q })));
    expect(results.filter((r) => r.status === 302)).toHaveLength(2);
    expect(await text(results.find((r) => r.status === 400)!)).toContain("You have 50 saved searches");
    expect(await getPrisma().savedSearch.count({ where: { userId: id } })).toBe(50);
  });
});

describe("alerts", () => {
  it("tell a user once a day about new matches, never about the same posting twice, and show in the notification centre", async () => {
    const prisma = getPrisma();
    const reader = new Client(web.url);
    await reader.register("Alert Reader", "alert-reader@example.se");
    const me = await userId("alert-reader@example.se");
    const author = await prisma.user.create({ data: { name: "Other Author", email: "other-author@example.se", role: "researcher" } });

    await publish(author.id, "Gearbox vibration monitoring, published before saving");
    expect((await reader.post("/searches", { intent: "save", q: "gearbox", name: "Gearboxes" })).status).toBe(302);
    await new Promise((r) => setTimeout(r, 20)); // the next posting is strictly newer than the saved search
    const first = await publish(author.id, "Gearbox fault detection with vibration");
    await publish(me, "My own gearbox competence"); // never an alert about one's own posting

    const t0 = new Date();
    const mineCount = () => prisma.notification.count({ where: { userId: me } });
    await sendSavedSearchAlerts(t0);
    let notes = await prisma.notification.findMany({ where: { userId: me } });
    expect(notes).toHaveLength(1);
    expect(notes[0]).toMatchObject({
      kind: "saved-search",
      title: "New postings match your saved search “Gearboxes”: 1",
      body: "Gearbox fault detection with vibration",
    });
    let mails = await prisma.outboxEvent.findMany({ where: { topic: "email.send" }, orderBy: { id: "asc" } });
    // Alerts only: registering also mailed a link to confirm the address.
    const mine = (m: { payload: unknown }) =>
      (m.payload as { to: string; subject: string }).to === "alert-reader@example.se" &&
      !(m.payload as { subject: string }).subject.startsWith("Confirm");
    expect(mails.filter(mine)).toHaveLength(1);
    expect((mails.filter(mine)[0]!.payload as { text: string }).text).toContain(`/postings/${first}`);

    // The same day: nothing more, even with a new match.
    const second = await publish(author.id, "Gearbox acoustics and vibration");
    await sendSavedSearchAlerts(new Date(t0.getTime() + 2 * HOUR));
    expect(await mineCount()).toBe(1);

    // A day later: only the posting not told yet.
    await sendSavedSearchAlerts(new Date(t0.getTime() + 25 * HOUR));
    notes = await prisma.notification.findMany({ where: { userId: me }, orderBy: { createdAt: "asc" } });
    expect(notes.map((n) => n.body)).toEqual(["Gearbox fault detection with vibration", "Gearbox acoustics and vibration"]);
    mails = (await prisma.outboxEvent.findMany({ where: { topic: "email.send" } })).filter(mine);
    expect(mails).toHaveLength(2);
    expect(await prisma.savedSearchHit.count({ where: { postingId: second, savedSearch: { userId: me } } })).toBe(1);

    // Two days later, nothing new: no alert.
    await sendSavedSearchAlerts(new Date(t0.getTime() + 50 * HOUR));
    expect(await mineCount()).toBe(2);

    // The notification centre and the unread count in the header.
    const home = await text(await reader.get("/"));
    expect(home).toContain("Notifications (2 unread)");
    const centre = await text(await reader.get("/notifications"));
    expect(centre).toContain("New postings match your saved search “Gearboxes”: 1");
    expect((await reader.post("/notifications", {})).status).toBe(302);
    expect(await text(await reader.get("/"))).not.toContain("unread)");
  });

  it("alert once when two workers run the job at the same moment", async () => {
    const prisma = getPrisma();
    const author = await prisma.user.create({ data: { name: "Race Author", email: "race-author@example.se", role: "researcher" } });
    const reader = await prisma.user.create({ data: { name: "Race Reader", email: "race-reader@example.se", role: "researcher" } });
    await prisma.savedSearch.create({ data: { userId: reader.id, name: "Turbines", query: "turbine", facets: {} } });
    await new Promise((r) => setTimeout(r, 20));
    await publish(author.id, "Turbine blade inspection");
    const now = new Date();
    await Promise.all([sendSavedSearchAlerts(now), sendSavedSearchAlerts(now), sendSavedSearchAlerts(now)]);
    expect(await prisma.notification.count({ where: { userId: reader.id } })).toBe(1);
  });
});
