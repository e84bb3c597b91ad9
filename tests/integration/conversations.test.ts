// Conversations at the model: who may open one with whom, who reads and answers it, what a
// message may say, replies at once, "not interested", unread counts, and the notice to the
// side written to: one notification and one email, whatever the workers do.
import { afterAll, describe, expect, it } from "vitest";
import { MESSAGE_MAX } from "#app/domain/conversation.ts";
import { getPrisma } from "#app/lib/db.server.ts";
import {
  decline,
  getThread,
  listConversations,
  openConversation,
  reply,
  unreadConversationCount,
} from "#app/models/conversation.server.ts";
import { waitFor } from "#scripts/lib/proc.ts";
import { mailsTo } from "#tests/helpers/mail.ts";
import { startWorker, testEnv, type Proc } from "#tests/helpers/processes.ts";

const running: Proc[] = [];
afterAll(async () => {
  await Promise.all(running.map((p) => p.stop()));
});

let n = 0;
/** A company with a confirmed admin and a member, a university with a researcher (no admin), and a stranger. */
async function world() {
  const prisma = getPrisma();
  const tag = `${++n}-${Date.now()}`;
  const confirmed = new Date();
  const user = (name: string, role: "researcher" | "company_rep") =>
    prisma.user.create({
      data: { name: `${name} ${tag}`, email: `${name.toLowerCase()}-${tag}@conversations.example`, role, emailConfirmedAt: confirmed },
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
  });
});
