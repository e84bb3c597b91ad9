// Staged reveal over HTTP: a confidential need's organization, author, title and
// description appear nowhere a stranger or a visitor can look (the posting page, browse
// and search, the match API, suggestions, person and organization pages, the home page,
// the search index, saved-search alerts), search does not find it by them, and after
// acceptance they appear for that requester only, and each side may write to the other
// (before it, neither may). Requests are one per person and posting, answers once, even when
// sent at the same moment.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getPrisma } from "#app/lib/db.server.ts";
import { exportLines } from "#app/import/export.server.ts";
import { resolveTarget } from "#app/models/conversation.server.ts";
import { applySearchSettings } from "#search/setup.server.ts";
import { postingsIndex, syncPostings } from "#search/sync.server.ts";
import { sendSavedSearchAlerts } from "#workers/alerts.ts";
import { Client, html } from "#tests/helpers/http.ts";
import { documentOrNone } from "#tests/helpers/search-docs.ts";
import { startWeb, testEnv, type Proc } from "#tests/helpers/processes.ts";

const APP_URL = "https://samband-reveal.example";
const ORG = "Hemligbolaget Gruvteknik AB";
const AUTHOR = "Greta Hemlig";
const TITLE = "Digital tvilling för växellådor i Kiruna";
const SECRET = "zephyrquark";
const DESCRIPTION = `Our ${SECRET} gearbox line in the mine needs a digital twin. Budget and site are confidential.`;
const TEASER = "Condition monitoring of heavy gearboxes";
/** Nothing of these may reach someone the posting was not revealed to. */
const HIDDEN = [ORG, AUTHOR, TITLE, SECRET, "Kiruna", "reveal-author@hemlig.example"];

let web: Proc & { url: string };
const author = () => new Client(web.url);
let greta: Client;
let colleague: Client;
let ruth: Client;
let olle: Client;
let visitor: Client;
let postingId = "";
let orgId = "";
let gretaId = "";
let ruthId = "";

const prisma = () => getPrisma();
const leaks = (page: string) => HIDDEN.filter((h) => page.toLowerCase().includes(h.toLowerCase()));
const userId = async (email: string) => (await prisma().user.findUniqueOrThrow({ where: { email } })).id;
const emailsTo = async (to: string) =>
  (await prisma().outboxEvent.findMany({ where: { topic: "email.send" }, orderBy: { id: "asc" } }))
    .map((e) => e.payload as { to: string; subject: string; text: string })
    .filter((p) => p.to === to);

beforeAll(async () => {
  await applySearchSettings();
  web = await startWeb(testEnv({ APP_URL }));
  greta = author();
  await greta.register(AUTHOR, "reveal-author@hemlig.example", { role: "company_rep" });
  colleague = author();
  await colleague.register("Kalle Kollega", "reveal-colleague@hemlig.example", { role: "company_rep" });
  ruth = new Client(web.url);
  await ruth.register("Ruth Requester", "reveal-ruth@uni.example");
  olle = new Client(web.url);
  await olle.register("Olle Other", "reveal-olle@uni.example");
  visitor = new Client(web.url);
  gretaId = await userId("reveal-author@hemlig.example");
  ruthId = await userId("reveal-ruth@uni.example");
  orgId = (await prisma().organization.create({ data: { name: ORG, kind: "company", region: "Norrbottens län" } })).id;
  await prisma().membership.createMany({
    data: [
      { userId: gretaId, organizationId: orgId, role: "admin" },
      { userId: await userId("reveal-colleague@hemlig.example"), organizationId: orgId, role: "admin" },
    ],
  });
  // Ruth's profile answers the teaser, so her page suggests the posting; she saved a search for it and one for the secret.
  await prisma().user.update({ where: { id: ruthId }, data: { keywords: ["condition monitoring", "gearboxes"], competencies: TEASER } });
  await prisma().savedSearch.createMany({
    data: [
      { userId: ruthId, name: "gearboxes", query: "gearboxes", facets: {}, createdAt: new Date(Date.now() - 60_000) },
      { userId: ruthId, name: "secret", query: SECRET, facets: {}, createdAt: new Date(Date.now() - 60_000) },
    ],
  });
}, 180_000);

afterAll(async () => {
  await web?.stop();
});

const form = (o: Record<string, string> = {}) => ({
  kind: "need",
  title: TITLE,
  description: DESCRIPTION,
  keywords: "digital twin, Kiruna",
  subjects: "20305",
  language: "en",
  visibility: "public",
  organizationId: orgId,
  confidential: "on",
  teaser: TEASER,
  ...o,
});

describe("publishing a confidential posting", () => {
  it("refuses one without a teaser, saying where, and creates nothing", async () => {
    const res = await greta.post("/postings/new", form({ teaser: "   " }));
    expect(res.status).toBe(400);
    const page = await html(res);
    expect(page).toContain("A confidential posting needs a teaser: it is all others see of it.");
    expect(page).toContain('href="#field-teaser"');
    expect(await prisma().posting.count({ where: { ownerId: gretaId } })).toBe(0);
    const long = await greta.post("/postings/new", form({ teaser: "x".repeat(301) }));
    expect(long.status).toBe(400);
    expect(await prisma().posting.count({ where: { ownerId: gretaId } })).toBe(0);
  });

  it("publishes it from the form, and the edit form shows it confidential", async () => {
    const res = await greta.post("/postings/new", form());
    expect(res.status).toBe(302);
    postingId = /\/postings\/([0-9a-f-]{36})/.exec(res.headers.get("location") ?? "")![1]!;
    expect(await prisma().posting.findUniqueOrThrow({ where: { id: postingId } })).toMatchObject({ confidential: true, teaser: TEASER });
    await syncPostings([postingId]);
    const edit = await html(await greta.get(`/postings/${postingId}/edit`));
    expect(edit).toMatch(/name="confidential" checked=""/);
    expect(edit).toContain(`value="${TEASER}"`);
  });
});

describe("what a stranger and a visitor see", () => {
  it("the search index holds only the teaser, the subjects and the organization's kind", async () => {
    const doc = await documentOrNone(postingsIndex(), postingId);
    expect(doc).toMatchObject({
      title: TEASER,
      description: "",
      keywords: [],
      organizationKind: "company",
      organizationId: null,
      ownerId: null,
    });
    expect(leaks(JSON.stringify(doc))).toEqual([]);
  });

  it("the posting page: teaser, kind, field and organization kind, nothing hidden", async () => {
    for (const [who, c] of [
      ["visitor", visitor],
      ["stranger", olle],
    ] as const) {
      const page = await html(await c.get(`/postings/${postingId}`));
      expect({ who, leaks: leaks(page) }).toEqual({ who, leaks: [] });
      expect(page).toContain(TEASER);
      expect(page).toContain("By: Company");
      expect(page).toContain("Reliability and Maintenance");
      expect(page).not.toContain(`/organizations/${orgId}`);
      expect(page).not.toContain(`/people/${gretaId}`);
    }
    expect(await html(await visitor.get(`/postings/${postingId}`))).toContain("Sign in to ask to see it");
    expect(await html(await olle.get(`/postings/${postingId}`))).toContain("Request to see");
  });

  it("browse and search: found by its teaser and field, never by its hidden words, and shown as the teaser", async () => {
    for (const c of [visitor, olle]) {
      for (const path of ["/postings", "/postings?q=gearboxes", "/postings?q=condition+monitoring&kind=need", "/"]) {
        const page = await html(await c.get(path));
        expect({ path, leaks: leaks(page) }).toEqual({ path, leaks: [] });
        expect({ path, found: page.includes(`/postings/${postingId}`) }).toEqual({ path, found: true });
      }
      for (const q of [SECRET, "Hemligbolaget", "Greta", "Kiruna", "tvilling"]) {
        // The page repeats the words searched for: leaks are looked for in the rest.
        const page = (await html(await c.get(`/postings?q=${encodeURIComponent(q)}`))).replace(new RegExp(q, "gi"), "");
        expect({ q, found: page.includes(`/postings/${postingId}`), leaks: leaks(page) }).toEqual({ q, found: false, leaks: [] });
      }
    }
  });

  it("the match API answers 404 for it, as for a posting that does not exist", async () => {
    const res = await olle.get(`/api/match?posting=${postingId}`);
    expect(res.status).toBe(404);
    expect(leaks(await res.text())).toEqual([]);
  });

  it("person and organization pages do not list it; suggestions show it as the teaser", async () => {
    const orgPage = await html(await olle.get(`/organizations/${orgId}`));
    expect(orgPage).toContain(ORG); // the organization's own page names it, of course
    expect(orgPage).not.toContain(`/postings/${postingId}`);
    expect(orgPage).not.toContain(TEASER);
    const gretaPage = await html(await olle.get(`/people/${gretaId}`));
    expect(gretaPage).not.toContain(`/postings/${postingId}`);
    // Ruth's own page suggests the needs her profile answers: this one, as its teaser.
    const ruthPage = await html(await ruth.get(`/people/${ruthId}`));
    expect(ruthPage).toContain(`/postings/${postingId}`);
    expect(leaks(ruthPage.replace(/Ruth Requester/g, ""))).toEqual([]);
    // Its own side still sees it on the organization's page.
    expect(await html(await colleague.get(`/organizations/${orgId}`))).toContain(`/postings/${postingId}`);
  });

  it("saved-search alerts name it by its teaser; a search for a hidden word alerts nobody", async () => {
    await sendSavedSearchAlerts();
    const notes = await prisma().notification.findMany({ where: { userId: ruthId, kind: "saved-search" } });
    expect(notes).toHaveLength(1);
    expect(notes[0]!.body).toContain(TEASER);
    expect(leaks(JSON.stringify(notes))).toEqual([]);
    const mails = await emailsTo("reveal-ruth@uni.example");
    expect(mails.some((m) => m.text.includes(TEASER))).toBe(true);
    expect(leaks(JSON.stringify(mails))).toEqual([]);
    expect(await prisma().savedSearchHit.count({ where: { postingId } })).toBe(1);
  });

  it("is no subject for a conversation, which would name its author to the sender", async () => {
    expect(await resolveTarget(prisma(), { posting: postingId })).toBeNull();
    expect(await resolveTarget(prisma(), { posting: postingId }, new Date(), ruthId)).toBeNull();
    expect((await ruth.get(`/messages/new?posting=${postingId}`)).status).toBe(404);
    expect((await ruth.post("/messages/new", { kind: "posting", id: postingId, body: "Who are you?" })).status).toBe(404);
    expect(await prisma().conversation.count({ where: { subjectPostingId: postingId } })).toBe(0);
    await prisma().posting.update({ where: { id: postingId }, data: { confidential: false } });
    expect(await resolveTarget(prisma(), { posting: postingId })).toMatchObject({ name: AUTHOR });
    await prisma().posting.update({ where: { id: postingId }, data: { confidential: true } });
  });

  it("export keeps it confidential, teaser and all, so an import does not publish it", async () => {
    const lines: string[] = [];
    for await (const line of exportLines()) lines.push(line);
    const record = lines.map((l) => JSON.parse(l) as Record<string, unknown>).find((r) => r.ref === postingId);
    expect(record).toMatchObject({ type: "posting", confidential: true, teaser: TEASER });
  });
});

describe("asking to see it", () => {
  it("refuses an empty note and a visitor, and the author asking about their own", async () => {
    const empty = await ruth.post(`/postings/${postingId}`, { intent: "reveal-request", note: "  " });
    expect(empty.status).toBe(400);
    expect(await html(empty)).toContain("Write a few lines for the author.");
    const long = await ruth.post(`/postings/${postingId}`, { intent: "reveal-request", note: "x".repeat(1001) });
    expect(long.status).toBe(400);
    const anonymous = await visitor.post(`/postings/${postingId}`, { intent: "reveal-request", note: "hello" });
    expect(anonymous.status).toBe(302);
    expect(anonymous.headers.get("location")).toMatch(/^\/login/);
    expect((await greta.post(`/postings/${postingId}`, { intent: "reveal-request", note: "me" })).status).toBe(404);
    expect((await colleague.post(`/postings/${postingId}`, { intent: "reveal-request", note: "me" })).status).toBe(404);
    expect((await ruth.post(`/postings/not-an-id`, { intent: "reveal-request", note: "hi" })).status).toBe(404);
    expect(await prisma().revealRequest.count()).toBe(0);
  });

  it("records the request, tells the author once in the app and by email with a link from APP_URL; asking again changes nothing", async () => {
    const note = `<script>alert(1)</script> We do vibration analysis'); DROP TABLE "Posting";--`;
    const res = await ruth.post(`/postings/${postingId}`, { intent: "reveal-request", note });
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toBe(`/postings/${postingId}?done=revealRequested#reveal`);
    expect((await ruth.post(`/postings/${postingId}`, { intent: "reveal-request", note: "again" })).status).toBe(302);
    expect(await prisma().revealRequest.findMany({ where: { postingId } })).toMatchObject([
      { requesterId: ruthId, note, status: "pending" },
    ]);
    expect(await prisma().notification.count({ where: { userId: gretaId, kind: "reveal.request" } })).toBe(1);
    const mails = await emailsTo("reveal-author@hemlig.example");
    const about = mails.filter((m) => m.subject.includes("asks to see"));
    expect(about).toHaveLength(1);
    expect(about[0]!.text).toContain(`${APP_URL}/postings/${postingId}#reveal`);
    // The author reads the note as text, and learns no name before accepting.
    const page = await html(await greta.get(`/postings/${postingId}`));
    expect(page).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    expect(page).not.toContain("<script>alert(1)");
    expect(page).not.toContain("Ruth Requester");
    expect(page).not.toContain("reveal-ruth@uni.example");
    expect(page).toContain("no organization");
    // Pending reveals nothing.
    const pending = await html(await ruth.get(`/postings/${postingId}`));
    expect(leaks(pending)).toEqual([]);
    expect(pending).toContain("The author has not answered yet.");
  });

  it("two requests at the same moment make one request and one notice", async () => {
    const results = await Promise.all(
      [0, 1, 2].map(() => olle.post(`/postings/${postingId}`, { intent: "reveal-request", note: "Us too" })),
    );
    expect(results.map((r) => r.status)).toEqual([302, 302, 302]);
    expect(await prisma().revealRequest.count({ where: { postingId } })).toBe(2);
    expect(await prisma().notification.count({ where: { userId: gretaId, kind: "reveal.request" } })).toBe(2);
  });
});

describe("answering", () => {
  const requestOf = async (email: string) =>
    (await prisma().revealRequest.findFirstOrThrow({ where: { postingId, requester: { email } }, select: { id: true } })).id;

  it("nobody but the author's side answers: not the requester, not another stranger, not a forged id", async () => {
    const ruthsRequest = await requestOf("reveal-ruth@uni.example");
    for (const c of [ruth, olle])
      expect((await c.post(`/postings/${postingId}`, { intent: "reveal-accept", request: ruthsRequest })).status).toBe(404);
    expect((await greta.post(`/postings/${postingId}`, { intent: "reveal-accept", request: "' OR 1=1 --" })).status).toBe(400);
    expect(
      (await greta.post(`/postings/${postingId}`, { intent: "reveal-accept", request: "00000000-0000-4000-8000-000000000000" })).status,
    ).toBe(404);
    expect(await prisma().revealRequest.findUniqueOrThrow({ where: { id: ruthsRequest } })).toMatchObject({
      status: "pending",
      decidedAt: null,
    });
  });

  it("two admins accepting at the same moment: accepted once, recorded with who and when, the requester told once", async () => {
    const id = await requestOf("reveal-ruth@uni.example");
    const [a, b] = await Promise.all([
      greta.post(`/postings/${postingId}`, { intent: "reveal-accept", request: id }),
      colleague.post(`/postings/${postingId}`, { intent: "reveal-accept", request: id }),
    ]);
    expect([a.status, b.status]).toEqual([302, 302]);
    const row = await prisma().revealRequest.findUniqueOrThrow({ where: { id } });
    expect(row.status).toBe("accepted");
    expect(row.decidedAt).toBeInstanceOf(Date);
    expect([gretaId, await userId("reveal-colleague@hemlig.example")]).toContain(row.decidedById);
    expect(await prisma().notification.count({ where: { userId: ruthId, kind: "reveal.accepted" } })).toBe(1);
    const told = (await emailsTo("reveal-ruth@uni.example")).filter((m) => m.subject.includes("You may now see"));
    expect(told).toHaveLength(1);
    expect(told[0]!.text).toContain(`${APP_URL}/postings/${postingId}#reveal`);
  });

  it("the requester now sees the posting, organization, author and the author's email; the author sees theirs", async () => {
    const page = await html(await ruth.get(`/postings/${postingId}`));
    for (const h of [ORG, AUTHOR, TITLE, SECRET, "reveal-author@hemlig.example"]) expect(page).toContain(h);
    expect((await ruth.get(`/api/match?posting=${postingId}`)).status).toBe(200);
    const authorPage = await html(await greta.get(`/postings/${postingId}`));
    expect(authorPage).toContain("Ruth Requester");
    expect(authorPage).toContain("reveal-ruth@uni.example");
    expect(authorPage).not.toContain("Olle Other"); // still pending
  });

  it("for the requester only: the other requester and a visitor still see nothing", async () => {
    for (const c of [olle, visitor]) expect(leaks(await html(await c.get(`/postings/${postingId}`)))).toEqual([]);
    // Pending: no way to write, on either side.
    const olleId = await userId("reveal-olle@uni.example");
    expect(await html(await olle.get(`/postings/${postingId}`))).not.toContain("/messages/new");
    expect(await html(await greta.get(`/postings/${postingId}`))).not.toContain(`/messages/new?person=${olleId}`);
    expect(await resolveTarget(prisma(), { posting: postingId }, new Date(), olleId)).toBeNull();
    expect((await olle.post("/messages/new", { kind: "posting", id: postingId, body: "Who are you?" })).status).toBe(404);
    expect((await olle.get(`/api/match?posting=${postingId}`)).status).toBe(404);
  });

  it("once accepted, each side may write: the requester about the posting, the author's side to the requester", async () => {
    const page = await html(await ruth.get(`/postings/${postingId}`));
    expect(page).toContain(`href="/messages/new?posting=${postingId}"`);
    expect(page).toContain("Write a message about this posting");
    const form = await ruth.get(`/messages/new?posting=${postingId}`);
    expect(form.status).toBe(200);
    expect(await html(form)).toContain(AUTHOR);
    const sent = await ruth.post("/messages/new", { kind: "posting", id: postingId, body: "We can bring vibration data." });
    expect(sent.status).toBe(302);
    const conversation = await prisma().conversation.findFirstOrThrow({ where: { subjectPostingId: postingId } });
    expect(conversation).toMatchObject({ senderId: ruthId, recipientUserId: gretaId });
    expect(await html(await greta.get(`/messages/${conversation.id}`))).toContain("We can bring vibration data.");

    // The author sees a link to write to Ruth.
    const authorPage = await html(await greta.get(`/postings/${postingId}`));
    expect(authorPage).toContain(`href="/messages/new?person=${ruthId}"`);
    expect(authorPage).toContain("Write a message to Ruth Requester");
    expect((await greta.get(`/messages/new?person=${ruthId}`)).status).toBe(200);
  });

  it("a declined request reveals nothing and tells nobody; an answer is final", async () => {
    const id = await requestOf("reveal-olle@uni.example");
    expect((await greta.post(`/postings/${postingId}`, { intent: "reveal-decline", request: id })).status).toBe(302);
    expect((await greta.post(`/postings/${postingId}`, { intent: "reveal-accept", request: id })).status).toBe(302);
    expect(await prisma().revealRequest.findUniqueOrThrow({ where: { id } })).toMatchObject({ status: "declined", decidedById: gretaId });
    const page = await html(await olle.get(`/postings/${postingId}`));
    expect(leaks(page)).toEqual([]);
    expect(page).toContain("The author declined your request");
    expect(page).not.toContain("/messages/new");
    expect(await resolveTarget(prisma(), { posting: postingId }, new Date(), await userId("reveal-olle@uni.example"))).toBeNull();
    expect(page).not.toContain("Request to see");
    expect(
      await prisma().notification.count({ where: { user: { email: "reveal-olle@uni.example" }, kind: { startsWith: "reveal" } } }),
    ).toBe(0);
    expect((await olle.post(`/postings/${postingId}`, { intent: "reveal-request", note: "please" })).status).toBe(302);
    expect(await prisma().revealRequest.findUniqueOrThrow({ where: { id } })).toMatchObject({ status: "declined" });
  });
});
