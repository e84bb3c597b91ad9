// Conversations at the model: who may open one with whom, who reads and answers it, what a
// message may say, replies at once, "not interested", unread counts, and the notice to the
// side written to: one notification and one email, whatever the workers do.
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MESSAGE_MAX } from "#app/domain/conversation.ts";
import { getPrisma } from "#app/lib/db.server.ts";
import { hashPassword } from "#app/lib/security.server.ts";
import {
  decline,
  getThread,
  listConversations,
  openConversation,
  reply,
  unreadConversationCount,
} from "#app/models/conversation.server.ts";
import { waitFor } from "#scripts/lib/proc.ts";
import { Client, html } from "#tests/helpers/http.ts";
import { mailsTo } from "#tests/helpers/mail.ts";
import { startWeb, startWorker, testEnv, type Proc } from "#tests/helpers/processes.ts";

const running: Proc[] = [];
afterAll(async () => {
  await Promise.all(running.map((p) => p.stop()));
});

const PASSWORD = "conversation password 1";
let n = 0;
/** A company with a confirmed admin and a member, a university with a researcher (no admin), and a stranger. */
async function world() {
  const prisma = getPrisma();
  const tag = `${++n}-${Date.now()}`;
  const confirmed = new Date();
  const passwordHash = await hashPassword(PASSWORD);
  const user = (name: string, role: "researcher" | "company_rep") =>
    prisma.user.create({
      data: {
        name: `${name} ${tag}`,
        email: `${name.toLowerCase()}-${tag}@conversations.example`,
        role,
        emailConfirmedAt: confirmed,
        passwordHash,
      },
      select: { id: true, name: true, email: true },
    });
  const company = await prisma.organization.create({ data: { name: `Company ${tag}`, kind: "company" } });
  const university = await prisma.organization.create({ data: { name: `University ${tag}`, kind: "university" } });
  const rep = await user("Rep", "company_rep");
  const colleague = await user("Colleague", "company_rep");
  const researcher = await user("Researcher", "researcher");
  const stranger = await user("Stranger", "researcher");
  await prisma.membership.createMany({
    data: [
      { userId: rep.id, organizationId: company.id, role: "admin" },
      { userId: colleague.id, organizationId: company.id, role: "member" },
      { userId: researcher.id, organizationId: university.id, role: "member" },
    ],
  });
  const inAYear = new Date(Date.now() + 365 * 24 * 3600 * 1000);
  const posting = (ownerId: string | null, organizationId: string | null, title: string) =>
    prisma.posting.create({
      data: {
        kind: "need",
        title,
        description: "d",
        keywords: [],
        subjects: [],
        language: "en",
        ownerId,
        organizationId,
        expiresAt: inAYear,
      },
      select: { id: true },
    });
  const need = await posting(rep.id, company.id, `Need ${tag}`);
  const companyAlone = await posting(null, company.id, `Company need ${tag}`);
  const competence = await posting(researcher.id, university.id, `Competence ${tag}`);
  return { tag, company, university, rep, colleague, researcher, stranger, need, companyAlone, competence };
}

const notices = (userId: string, conversationId: string) =>
  getPrisma().notification.findMany({ where: { userId, link: `/messages/${conversationId}` }, orderBy: { createdAt: "asc" } });
const emailEvents = (to: string) =>
  getPrisma().outboxEvent.count({ where: { topic: "email.send", payload: { path: ["to"], equals: to } } });

describe("opening a conversation", () => {
  it("from a company rep to a researcher's posting: the researcher is told once, in the app and by email, without addresses", async () => {
    const w = await world();
    const body = "We have test rigs and bearing data from ten years of production.";
    const opened = await openConversation(w.rep, { target: { posting: w.competence.id }, body, linkedPostingId: w.need.id });
    expect(opened.ok).toBe(true);
    const id = (opened as { id: string }).id;
    const c = await getPrisma().conversation.findUniqueOrThrow({ where: { id }, include: { messages: true } });
    expect(c).toMatchObject({
      senderId: w.rep.id,
      recipientUserId: w.researcher.id,
      recipientOrganizationId: null,
      subjectPostingId: w.competence.id,
      linkedPostingId: w.need.id,
      status: "open",
      firstResponseAt: null,
    });
    expect(c.messages.map((m) => [m.authorId, m.fromSender, m.body])).toEqual([[w.rep.id, true, body]]);

    const told = await notices(w.researcher.id, id);
    expect(told.map((t) => [t.kind, t.title])).toEqual([
      ["conversation.opened", `${w.rep.name} is interested in working with ${w.researcher.name}`],
    ]);
    expect(told[0]!.body).toContain(body);
    expect(await emailEvents(w.researcher.email)).toBe(1);
    const mail = await getPrisma().outboxEvent.findFirstOrThrow({
      where: { topic: "email.send", payload: { path: ["to"], equals: w.researcher.email } },
    });
    const text = (mail.payload as { text: string }).text;
    expect(text).toContain(`/messages/${id}`);
    expect(text).not.toContain(w.rep.email); // neither side's address travels
    expect(await notices(w.rep.id, id)).toEqual([]); // the sender is not told of their own message
    expect(await unreadConversationCount(w.researcher.id)).toBe(1);
    expect(await unreadConversationCount(w.rep.id)).toBe(0);
  });

  it("a second expression of interest in the same thing while the first is open goes into the same conversation", async () => {
    const w = await world();
    const first = await openConversation(w.rep, { target: { posting: w.competence.id }, body: "first" });
    const second = await openConversation(w.rep, { target: { posting: w.competence.id }, body: "second" });
    expect(second).toEqual(first);
    expect(await getPrisma().message.count({ where: { conversationId: (first as { id: string }).id } })).toBe(2);
  });

  it("two submits at once open one conversation", async () => {
    const w = await world();
    const results = await Promise.all(
      [1, 2, 3].map((i) => openConversation(w.rep, { target: { person: w.researcher.id }, body: `hello ${i}` })),
    );
    expect(new Set(results.map((r) => (r as { id: string }).id)).size).toBe(1);
    expect(await getPrisma().conversation.count({ where: { senderId: w.rep.id } })).toBe(1);
  });

  it.each([
    ["oneself", (w: Awaited<ReturnType<typeof world>>) => ({ person: w.rep.id }), "self"],
    ["one's own posting", (w: Awaited<ReturnType<typeof world>>) => ({ posting: w.need.id }), "self"],
    ["one's own organization", (w: Awaited<ReturnType<typeof world>>) => ({ organization: w.company.id }), "own-organization"],
    [
      "a posting one's organization published alone",
      (w: Awaited<ReturnType<typeof world>>) => ({ posting: w.companyAlone.id }),
      "own-organization",
    ],
    ["a posting that does not exist", () => ({ posting: "00000000-0000-4000-8000-000000000000" }), "not-found"],
    ["an id that is not one", () => ({ person: '\'; DROP TABLE "Conversation"; --' }), "not-found"],
  ] as const)("refuses %s and writes nothing", async (_, target, error) => {
    const w = await world();
    const before = await getPrisma().outboxEvent.count();
    expect(await openConversation(w.rep, { target: target(w), body: "hello" })).toEqual({ ok: false, error });
    expect(await getPrisma().conversation.count({ where: { senderId: w.rep.id } })).toBe(0);
    expect(await getPrisma().outboxEvent.count()).toBe(before);
  });

  it("refuses a linked posting that is someone else's", async () => {
    const w = await world();
    expect(await openConversation(w.researcher, { target: { person: w.rep.id }, body: "x", linkedPostingId: w.need.id })).toEqual({
      ok: false,
      error: "linked-not-yours",
    });
  });

  it("refuses an organization nobody answers for", async () => {
    const w = await world();
    const empty = await getPrisma().organization.create({ data: { name: `Empty ${w.tag}`, kind: "company" } });
    expect(await openConversation(w.researcher, { target: { organization: empty.id }, body: "x" })).toEqual({
      ok: false,
      error: "nobody-answers",
    });
  });

  it.each([
    ["empty", "", "empty"],
    ["blank", " \n\t ", "empty"],
    [`${MESSAGE_MAX + 1} characters`, "a".repeat(MESSAGE_MAX + 1), "too-long"],
  ] as const)("refuses a message that is %s", async (_, body, error) => {
    const w = await world();
    expect(await openConversation(w.rep, { target: { person: w.researcher.id }, body })).toEqual({ ok: false, error });
  });

  it("keeps hostile text exactly as typed, and 5,000 characters whole", async () => {
    const w = await world();
    const hostile = `<script>alert("x")</script><img src=x onerror=alert(1)> [click](javascript:alert(1)) '; DROP TABLE "Message"; -- ${"é".repeat(10)}`;
    const a = await openConversation(w.rep, { target: { person: w.researcher.id }, body: hostile });
    const long = "ö".repeat(MESSAGE_MAX);
    expect(await reply((a as { id: string }).id, w.researcher, long)).toEqual({ ok: true });
    const thread = await getThread((a as { id: string }).id, w.researcher);
    expect(thread!.messages.map((m) => m.body)).toEqual([hostile, long]);
  });
});

describe("who reads and answers", () => {
  it("a conversation with an organization is its admins', not its other members', and no stranger's", async () => {
    const w = await world();
    const opened = await openConversation(w.researcher, { target: { organization: w.company.id }, body: "Interested in your drives." });
    const id = (opened as { id: string }).id;
    expect((await getThread(id, w.rep))?.side).toBe("recipient");
    expect((await getThread(id, w.researcher))?.side).toBe("sender");
    expect(await getThread(id, w.colleague)).toBeNull();
    expect(await getThread(id, w.stranger)).toBeNull();
    expect(await reply(id, w.stranger, "let me in")).toEqual({ ok: false, error: "not-found" });
    expect(await reply(id, w.colleague, "me too")).toEqual({ ok: false, error: "not-found" });
    expect(await decline(id, w.stranger, "other", "no")).toEqual({ ok: false, error: "not-found" });
    expect((await notices(w.rep.id, id)).length).toBe(1);
    expect(await notices(w.colleague.id, id)).toEqual([]);
    expect((await listConversations(w.stranger.id)).map((c) => c.id)).toEqual([]);
    expect((await listConversations(w.rep.id)).map((c) => c.id)).toEqual([id]);
  });

  it("only the side written to says not interested; the sender is told the reason politely; nobody writes after", async () => {
    const w = await world();
    const id = ((await openConversation(w.rep, { target: { person: w.researcher.id }, body: "hi" })) as { id: string }).id;
    expect(await decline(id, w.rep, "too_early", "")).toEqual({ ok: false, error: "closed" });
    expect(await decline(id, w.researcher, "other", "  ")).toEqual({ ok: false, error: "text-needed" });
    expect(await decline(id, w.researcher, "has_partner", "We work with <b>Chalmers</b> on this.")).toEqual({ ok: true });
    const c = await getPrisma().conversation.findUniqueOrThrow({ where: { id } });
    expect(c).toMatchObject({ status: "declined", declineReason: "has_partner", declineText: "We work with <b>Chalmers</b> on this." });
    expect(c.firstResponseAt).toEqual(c.declinedAt);
    const told = await notices(w.rep.id, id);
    expect(told.map((t) => t.body)).toEqual([
      "Thank you for your interest. They have already found a partner for this. In their words: “We work with <b>Chalmers</b> on this.”",
    ]);
    expect(await reply(id, w.rep, "but…")).toEqual({ ok: false, error: "closed" });
    expect(await reply(id, w.researcher, "sorry")).toEqual({ ok: false, error: "closed" });
    expect(await decline(id, w.researcher, "too_early", "")).toEqual({ ok: false, error: "closed" });
  });
});

describe("replies", () => {
  it("ten replies at once are ten messages; the first answer's time is kept and the list's order follows the newest", async () => {
    const w = await world();
    const id = ((await openConversation(w.rep, { target: { person: w.researcher.id }, body: "hi" })) as { id: string }).id;
    const results = await Promise.all(Array.from({ length: 10 }, (_, i) => reply(id, i % 2 ? w.rep : w.researcher, `reply ${i}`)));
    expect(results.every((r) => r.ok)).toBe(true);
    const c = await getPrisma().conversation.findUniqueOrThrow({ where: { id }, include: { messages: { orderBy: { createdAt: "asc" } } } });
    expect(c.messages.map((m) => m.body).sort()).toEqual(["hi", ...Array.from({ length: 10 }, (_, i) => `reply ${i}`)].sort());
    const byResearcher = c.messages.filter((m) => m.authorId === w.researcher.id);
    expect(c.firstResponseAt).toEqual(byResearcher[0]!.createdAt);
    expect(c.lastMessageAt).toEqual(c.messages.at(-1)!.createdAt);
  });

  it("unread until read, then read; a new message from the other side makes it unread again", async () => {
    const w = await world();
    const id = ((await openConversation(w.rep, { target: { person: w.researcher.id }, body: "hi" })) as { id: string }).id;
    expect((await listConversations(w.researcher.id))[0]).toMatchObject({ id, unread: true, other: w.rep.name });
    await getThread(id, w.researcher);
    expect(await unreadConversationCount(w.researcher.id)).toBe(0);
    expect((await listConversations(w.researcher.id))[0]!.unread).toBe(false);
    // Reading marks the conversation's notifications read too.
    expect((await notices(w.researcher.id, id)).every((x) => x.readAt !== null)).toBe(true);
    await reply(id, w.researcher, "hello back");
    expect(await unreadConversationCount(w.researcher.id)).toBe(0); // one's own message is no news
    expect(await unreadConversationCount(w.rep.id)).toBe(1);
    await reply(id, w.rep, "great");
    expect(await unreadConversationCount(w.researcher.id)).toBe(1);
  });
});

describe("the notice, with two workers", () => {
  it("one notification and one email per message to the other side, however many workers run", async () => {
    const w = await world();
    const id = ((await openConversation(w.rep, { target: { person: w.researcher.id }, body: "Opening words" })) as { id: string }).id;
    await reply(id, w.researcher, "Answer words");
    running.push(...(await Promise.all([startWorker(testEnv()), startWorker(testEnv())])));
    await waitFor(
      "every email handled",
      async () => (await getPrisma().outboxEvent.count({ where: { topic: "email.send", processedAt: null } })) === 0,
      { timeoutMs: 120_000 },
    );
    const toResearcher = await mailsTo(w.researcher.email);
    const toRep = await mailsTo(w.rep.email);
    expect(toResearcher.map((m) => m.subject)).toEqual([`Samband: ${w.rep.name} is interested in working with ${w.researcher.name}`]);
    expect(toRep.map((m) => m.subject)).toEqual([`Samband: New message from ${w.researcher.name}`]);
    expect(toResearcher[0]!.text).toContain(`/messages/${id}`);
    expect(toRep[0]!.text).toContain("Answer words");
    expect((await notices(w.researcher.id, id)).length).toBe(1);
    expect((await notices(w.rep.id, id)).length).toBe(1);
  }, 240_000);
});

describe("the pages", () => {
  let web: Proc & { url: string };
  beforeAll(async () => {
    web = await startWeb(testEnv());
    running.push(web);
  });
  const signIn = async (email: string) => {
    const client = new Client(web.url);
    const res = await client.post("/login", { email, password: PASSWORD });
    expect(res.status).toBe(302);
    return client;
  };

  it("every address of a conversation: the sign-in for visitors, 404 for strangers, as for one that does not exist", async () => {
    const w = await world();
    const id = ((await openConversation(w.rep, { target: { organization: w.university.id }, body: "hello" })) as { id: string }).id;
    const visitor = new Client(web.url);
    for (const path of ["/messages", `/messages/${id}`, `/messages/new?person=${w.researcher.id}`]) {
      const res = await visitor.get(path);
      expect(res.status, path).toBe(302);
      expect(res.headers.get("location"), path).toBe(`/login?redirectTo=${encodeURIComponent(path)}`);
    }
    const before = await getPrisma().message.count();
    for (const who of [w.stranger, w.colleague]) {
      const client = await signIn(who.email);
      for (const target of [id, "00000000-0000-4000-8000-000000000000", "not-an-id", "1%27%20OR%201%3D1--"]) {
        expect((await client.get(`/messages/${target}`)).status, `${who.name} GET ${target}`).toBe(404);
        expect(
          (await client.post(`/messages/${target}`, { intent: "reply", body: "let me in" })).status,
          `${who.name} reply ${target}`,
        ).toBe(404);
        expect(
          (await client.post(`/messages/${target}`, { intent: "decline", reason: "other", text: "no" })).status,
          `${who.name} decline ${target}`,
        ).toBe(404);
      }
      expect(await html(await client.get("/messages"))).not.toContain(`/messages/${id}`);
    }
    expect(await getPrisma().message.count()).toBe(before);
    // The researcher answers for the university, which has no admin.
    const researcher = await signIn(w.researcher.email);
    expect((await researcher.get(`/messages/${id}`)).status).toBe(200);
  }, 180_000);

  it("shows hostile text as text, no email address, and the markdown component is not used for messages", async () => {
    const w = await world();
    const hostile = `<script>alert("x")</script><img src=x onerror=alert(1)> [click](javascript:alert(1)) <a href="https://evil.example">here</a>`;
    const rep = await signIn(w.rep.email);
    const sent = await rep.post(`/messages/new?person=${w.researcher.id}`, { kind: "person", id: w.researcher.id, body: hostile });
    expect(sent.status).toBe(302);
    const location = sent.headers.get("location")!;
    expect(location).toMatch(/^\/messages\/[0-9a-f-]{36}\?done=interestSent$/);
    const researcher = await signIn(w.researcher.email);
    const page = await html(await researcher.get(location.split("?")[0]!));
    expect(page).toContain("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;");
    expect(page).toContain("&lt;a href=&quot;https://evil.example&quot;&gt;here&lt;/a&gt;");
    expect(page).not.toContain("<img src=x");
    expect(page).not.toContain('href="https://evil.example"');
    expect(page).not.toContain('href="javascript:');
    expect(page).not.toContain(w.rep.email);
    expect(page).not.toContain(w.researcher.email);
    for (const file of ["app/routes/messages.$id.tsx", "app/routes/messages._index.tsx", "app/routes/messages.new.tsx"]) {
      expect(readFileSync(file, "utf8"), file).not.toMatch(/dangerouslySetInnerHTML|components\/marked/);
    }
  });

  it("refuses 5,001 characters with a clear error and keeps what was typed; 5,000 go through", async () => {
    const w = await world();
    const rep = await signIn(w.rep.email);
    const before = await getPrisma().conversation.count();
    const res = await rep.post(`/messages/new?person=${w.researcher.id}`, {
      kind: "person",
      id: w.researcher.id,
      body: "x".repeat(MESSAGE_MAX + 1),
    });
    expect(res.status).toBe(400);
    const page = await html(res);
    expect(page).toContain("A message can be at most 5,000 characters; this one has 5,001.");
    expect(page).toContain('href="#field-body"');
    expect(page).toContain("x".repeat(MESSAGE_MAX + 1)); // kept in the field to shorten
    expect(await getPrisma().conversation.count()).toBe(before);
    // A textarea sends each line break as two characters; they count as one.
    const lines = `${"y".repeat(2499)}\r\n${"y".repeat(2500)}`;
    expect((await rep.post(`/messages/new?person=${w.researcher.id}`, { kind: "person", id: w.researcher.id, body: lines })).status).toBe(
      302,
    );
    const stored = await getPrisma().message.findFirstOrThrow({ where: { authorId: w.rep.id }, orderBy: { createdAt: "desc" } });
    expect([...stored.body].length).toBe(MESSAGE_MAX);
    expect(stored.body).not.toContain("\r");
  });

  it("refuses a message to oneself and to one's own organization, saying why, and writes nothing", async () => {
    const w = await world();
    const rep = await signIn(w.rep.email);
    const self = await rep.post(`/messages/new?person=${w.rep.id}`, { kind: "person", id: w.rep.id, body: "hi me" });
    expect(self.status).toBe(400);
    expect(await html(self)).toContain("This is you: you cannot write to yourself.");
    const own = await rep.post(`/messages/new?organization=${w.company.id}`, { kind: "organization", id: w.company.id, body: "hi us" });
    expect(own.status).toBe(400);
    expect(await html(own)).toContain("This is your own organization: talk to your colleagues directly.");
    // The form itself says so before anything is typed, and offers no box to type in.
    const form = await html(await rep.get(`/messages/new?organization=${w.company.id}`));
    expect(form).toContain("This is your own organization");
    expect(form).not.toContain('name="body"');
    expect(await getPrisma().conversation.count({ where: { senderId: w.rep.id } })).toBe(0);
  });

  it("replies and not interested through the forms; the sender reads the reason politely worded", async () => {
    const w = await world();
    const id = ((await openConversation(w.rep, { target: { person: w.researcher.id }, body: "hello" })) as { id: string }).id;
    const researcher = await signIn(w.researcher.email);
    expect(await html(await researcher.get("/messages"))).toContain("Unread");
    expect((await researcher.post(`/messages/${id}`, { intent: "reply", body: "" })).status).toBe(400);
    expect((await researcher.post(`/messages/${id}`, { intent: "reply", body: "Tell me more." })).status).toBe(302);
    const other = await researcher.post(`/messages/${id}`, { intent: "decline", reason: "other", text: "" });
    expect(other.status).toBe(400);
    expect(await html(other)).toContain("Say in a few words why, when the reason is “other”.");
    expect(
      (await researcher.post(`/messages/${id}`, { intent: "decline", reason: "no_capacity", text: "Ask again in spring." })).status,
    ).toBe(302);
    const rep = await signIn(w.rep.email);
    const page = await html(await rep.get(`/messages/${id}`));
    expect(page).toContain(`${w.researcher.name} is not taking this further.`);
    expect(page).toContain("Thank you for your interest. They do not have the capacity to take this on right now.");
    expect(page).toContain("Ask again in spring.");
    expect(page).not.toContain('name="body"'); // ended: no reply box
    const late = await rep.post(`/messages/${id}`, { intent: "reply", body: "please?" });
    expect(late.status).toBe(409);
    expect(await html(late)).toContain("This conversation has ended");
  });
});
