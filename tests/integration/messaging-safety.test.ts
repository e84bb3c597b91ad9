// Safety and answering well, at the model: the daily limit of new conversations (also two at
// once at the limit), blocking a sender, reports and suspension, the one-time reminder under
// two workers, the response-time figure, deleting an account ("former user" for the other
// side) and an export that carries no conversation.
import { describe, expect, it } from "vitest";
import { conversationCounts, exportLines } from "#app/import/export.server.ts";
import { getPrisma } from "#app/lib/db.server.ts";
import { deleteAccount } from "#app/models/account-deletion.server.ts";
import { joinOrganization } from "#app/models/membership.server.ts";
import { renderNotification } from "#app/models/notify.server.ts";
import { blockSender, listBlocks, senderBlocked, unblock } from "#app/models/block.server.ts";
import { decline, getThread, openConversation, reply } from "#app/models/conversation.server.ts";
import { dismissReport, openReports, reportMessage, suspendAuthor } from "#app/models/report.server.ts";
import { responseTimeOf } from "#app/models/response-time.server.ts";
import { hashPassword } from "#app/lib/security.server.ts";
import { sendConversationReminders } from "#workers/conversation-reminders.ts";

const DAY = 24 * 3600 * 1000;
let n = 0;

async function world() {
  const prisma = getPrisma();
  const tag = `${++n}-${Date.now()}`;
  const confirmed = new Date();
  const passwordHash = await hashPassword("correct horse battery");
  const user = (name: string, role: "researcher" | "company_rep" | "admin" = "researcher") =>
    prisma.user.create({
      data: {
        name: `${name} ${tag}`,
        email: `${name.toLowerCase()}-${tag}@safety.example`,
        role,
        emailConfirmedAt: confirmed,
        passwordHash,
      },
      select: { id: true, name: true, email: true },
    });
  const company = await prisma.organization.create({ data: { name: `Company ${tag}`, kind: "company" } });
  const rep = await user("Rep", "company_rep");
  const colleague = await user("Colleague", "company_rep");
  const researcher = await user("Researcher");
  const pest = await user("Pest");
  const admin = await user("Admin", "admin");
  await prisma.membership.createMany({
    data: [
      { userId: rep.id, organizationId: company.id, role: "admin" },
      { userId: colleague.id, organizationId: company.id, role: "admin" },
    ],
  });
  const need = await prisma.posting.create({
    data: {
      kind: "need",
      title: `Need ${tag}`,
      description: "d",
      keywords: [],
      subjects: [],
      language: "en",
      ownerId: rep.id,
      organizationId: company.id,
      expiresAt: new Date(Date.now() + 365 * DAY),
    },
    select: { id: true },
  });
  return { tag, company, rep, colleague, researcher, pest, admin, need };
}

describe("the daily limit of new conversations", () => {
  it("refuses the 21st in 24 hours, also when two arrive at once at the limit, and counts no message in an open one", async () => {
    const prisma = getPrisma();
    const w = await world();
    const people = await Promise.all(
      Array.from({ length: 22 }, (_, i) =>
        prisma.user.create({
          data: { name: `Target ${i} ${w.tag}`, email: `target-${i}-${w.tag}@safety.example`, role: "researcher" },
          select: { id: true },
        }),
      ),
    );
    const now = new Date();
    // 19 opened in the last day, one just outside it.
    const early = await openConversation(
      w.pest,
      { target: { person: people[21]!.id }, body: "a day ago" },
      new Date(now.getTime() - DAY - 1),
    );
    expect(early.ok).toBe(true);
    for (let i = 0; i < 19; i++) {
      expect((await openConversation(w.pest, { target: { person: people[i]!.id }, body: `hello ${i}` }, now)).ok).toBe(true);
    }
    // Two at once for the 20th place: exactly one passes.
    const [a, b] = await Promise.all([
      openConversation(w.pest, { target: { person: people[19]!.id }, body: "race a" }, now),
      openConversation(w.pest, { target: { person: people[20]!.id }, body: "race b" }, now),
    ]);
    expect([a, b].filter((r) => r.ok)).toHaveLength(1);
    expect([a, b].filter((r) => !r.ok)).toEqual([{ ok: false, error: "limit" }]);
    expect(await prisma.conversation.count({ where: { senderId: w.pest.id, createdAt: { gt: new Date(now.getTime() - DAY) } } })).toBe(20);
    // Writing on in a conversation already open is no new conversation.
    expect((await openConversation(w.pest, { target: { person: people[0]!.id }, body: "and more" }, now)).ok).toBe(true);
    const first = (await prisma.conversation.findFirstOrThrow({ where: { senderId: w.pest.id, recipientUserId: people[0]!.id } })).id;
    expect((await reply(first, w.pest, "still here", now)).ok).toBe(true);
    // A day later the window has moved on.
    expect(
      (await openConversation(w.pest, { target: { organization: w.company.id }, body: "tomorrow" }, new Date(now.getTime() + DAY))).ok,
    ).toBe(true);
  });
});

describe("blocking a sender", () => {
  it("the person written to blocks the sender, who can read but no longer write there nor open anew; unblock from the list", async () => {
    const w = await world();
    const opened = await openConversation(w.pest, { target: { person: w.researcher.id }, body: "buy my stuff" });
    if (!opened.ok) throw new Error(opened.error);
    // Only the side written to blocks, and only in its own conversations.
    expect(await blockSender(opened.id, w.pest.id)).toEqual({ ok: false, error: "not-found" });
    expect(await blockSender(opened.id, w.rep.id)).toEqual({ ok: false, error: "not-found" });
    expect(await blockSender("not-an-id", w.researcher.id)).toEqual({ ok: false, error: "not-found" });
    expect(await senderBlocked(opened.id, w.researcher.id)).toBe(false);
    expect(await Promise.all([blockSender(opened.id, w.researcher.id), blockSender(opened.id, w.researcher.id)])).toEqual([
      { ok: true },
      { ok: true },
    ]);
    expect(await senderBlocked(opened.id, w.researcher.id)).toBe(true);
    expect(await reply(opened.id, w.pest, "hello?")).toEqual({ ok: false, error: "blocked" });
    expect(await openConversation(w.pest, { target: { person: w.researcher.id }, body: "again" })).toEqual({ ok: false, error: "blocked" });
    // The blocker still writes; the blocked still reads.
    expect(await reply(opened.id, w.researcher, "please stop")).toEqual({ ok: true });
    expect((await getThread(opened.id, w.pest))?.messages.map((m) => m.body)).toEqual(["buy my stuff", "please stop"]);
    // Others are not affected.
    expect((await openConversation(w.pest, { target: { person: w.rep.id }, body: "hi" })).ok).toBe(true);

    const blocks = await listBlocks(w.researcher.id);
    expect(blocks.map((b) => b.person.name)).toEqual([w.pest.name]);
    expect(await listBlocks(w.pest.id)).toEqual([]);
    expect(await unblock(blocks[0]!.id, w.pest.id)).toBe(false);
    expect(await unblock(blocks[0]!.id, w.researcher.id)).toBe(true);
    expect(await unblock(blocks[0]!.id, w.researcher.id)).toBe(false);
    expect(await reply(opened.id, w.pest, "thanks")).toEqual({ ok: true });
  });

  it("one who answers for an organization blocks for it: the organization and its postings, for any of its people to lift", async () => {
    const w = await world();
    const opened = await openConversation(w.pest, { target: { organization: w.company.id }, body: "spam" });
    if (!opened.ok) throw new Error(opened.error);
    expect(await blockSender(opened.id, w.rep.id)).toEqual({ ok: true });
    expect(await openConversation(w.pest, { target: { organization: w.company.id }, body: "x" })).toEqual({ ok: false, error: "blocked" });
    // The posting is the rep's, published for the company: blocked too.
    expect(await openConversation(w.pest, { target: { posting: w.need.id }, body: "x" })).toEqual({ ok: false, error: "blocked" });
    expect(await reply(opened.id, w.pest, "x")).toEqual({ ok: false, error: "blocked" });
    const list = await listBlocks(w.colleague.id);
    expect(list.map((b) => b.organization?.name)).toEqual([w.company.name]);
    expect(await unblock(list[0]!.id, w.colleague.id)).toBe(true);
    expect((await openConversation(w.pest, { target: { posting: w.need.id }, body: "sorry" })).ok).toBe(true);
  });
});

describe("reports and suspension", () => {
  it("a reader reports a message with a reason kept as text; an admin dismisses one and suspends on another, which ends the author's sessions", async () => {
    const prisma = getPrisma();
    const w = await world();
    const opened = await openConversation(w.pest, { target: { person: w.researcher.id }, body: "<b>click</b> <a href=x>here</a>" });
    if (!opened.ok) throw new Error(opened.error);
    const message = await prisma.message.findFirstOrThrow({ where: { conversationId: opened.id } });
    const hostile = `<script>alert("x")</script>'; DROP TABLE "Report"; --`;
    expect(await reportMessage(message.id, w.researcher, "  ")).toEqual({ ok: false, error: "empty" });
    expect(await reportMessage(message.id, w.researcher, "x".repeat(1001))).toEqual({ ok: false, error: "too-long" });
    expect(await reportMessage(message.id, w.pest, "own")).toEqual({ ok: false, error: "own" });
    // Not one's conversation, or no such message: not found, as for a stranger's thread.
    expect(await reportMessage(message.id, w.rep, "nosy")).toEqual({ ok: false, error: "not-found" });
    expect(await reportMessage("1' OR '1'='1", w.researcher, "x")).toEqual({ ok: false, error: "not-found" });
    expect(await reportMessage(message.id, w.researcher, hostile)).toEqual({ ok: true });
    expect(await reportMessage(message.id, w.researcher, "again")).toEqual({ ok: true });
    const reports = (await openReports()).filter((r) => r.body === message.body);
    expect(reports).toHaveLength(1);
    expect(reports[0]).toMatchObject({
      reason: hostile,
      reporter: { name: w.researcher.name },
      author: { name: w.pest.name, suspendable: true },
    });
    // The site's admins are told (and nobody else).
    expect(await prisma.notification.count({ where: { userId: w.admin.id, kind: "report.new" } })).toBe(1);

    expect(await dismissReport(reports[0]!.id, w.admin.id)).toEqual({ ok: true });
    expect(await dismissReport(reports[0]!.id, w.admin.id)).toEqual({ ok: false, error: "not-found" });

    await prisma.session.create({ data: { id: "f".repeat(64), userId: w.pest.id, expiresAt: new Date(Date.now() + DAY) } });
    const second = await reply(opened.id, w.researcher, "please stop");
    expect(second.ok).toBe(true);
    await reply(opened.id, w.pest, "never");
    const never = await prisma.message.findFirstOrThrow({ where: { conversationId: opened.id, body: "never" } });
    expect(await reportMessage(never.id, w.researcher, "harassment")).toEqual({ ok: true });
    const [open] = (await openReports()).filter((r) => r.body === "never");
    // An admin is not suspended from here, and nobody suspends on a decided report.
    const mine = await prisma.message.findFirstOrThrow({ where: { conversationId: opened.id, body: "please stop" } });
    expect(await reportMessage(mine.id, w.pest, "revenge")).toEqual({ ok: true });
    expect(await suspendAuthor(open!.id, w.admin.id)).toEqual({ ok: true });
    expect(await suspendAuthor(open!.id, w.admin.id)).toEqual({ ok: false, error: "not-found" });
    const pest = await prisma.user.findUniqueOrThrow({ where: { id: w.pest.id } });
    expect(pest.suspendedAt).not.toBeNull();
    expect(await prisma.session.count({ where: { userId: w.pest.id } })).toBe(0);
    expect((await prisma.report.findUniqueOrThrow({ where: { id: open!.id } })).status).toBe("suspended");
    // The researcher's message reported in revenge stays open for an admin to dismiss.
    expect((await openReports()).map((r) => r.body)).toContain("please stop");
  });

  it("an administrator's message cannot be suspended from a report", async () => {
    const prisma = getPrisma();
    const w = await world();
    const opened = await openConversation(w.admin, { target: { person: w.researcher.id }, body: "admin here" });
    if (!opened.ok) throw new Error(opened.error);
    const m = await prisma.message.findFirstOrThrow({ where: { conversationId: opened.id } });
    await reportMessage(m.id, w.researcher, "x");
    const r = (await openReports()).find((x) => x.body === "admin here")!;
    expect(r.author?.suspendable).toBe(false);
    expect(await suspendAuthor(r.id, w.admin.id)).toEqual({ ok: false, error: "not-suspendable" });
    expect((await prisma.user.findUniqueOrThrow({ where: { id: w.admin.id } })).suspendedAt).toBeNull();
  });
});

describe("the reminder of an unanswered first message", () => {
  it("reminds the side written to once after five working days, also with two workers at once; never an answered one", async () => {
    const prisma = getPrisma();
    const w = await world();
    // Monday 30 November 2026, 09:00 in Stockholm.
    const sent = new Date("2026-11-30T08:00:00Z");
    const toOrg = await openConversation(w.pest, { target: { organization: w.company.id }, body: "waiting" }, sent);
    const answered = await openConversation(w.pest, { target: { person: w.researcher.id }, body: "answered" }, sent);
    if (!toOrg.ok || !answered.ok) throw new Error("not opened");
    await reply(answered.id, w.researcher, "thanks", new Date("2026-12-01T08:00:00Z"));
    const reminders = () => prisma.notification.findMany({ where: { kind: "conversation.reminder", link: `/messages/${toOrg.id}` } });

    // Monday 7 December: four whole working days (Tuesday to Friday) have passed.
    expect(await sendConversationReminders(new Date("2026-12-07T12:00:00Z"))).toBe(0);
    const due = new Date("2026-12-08T07:00:00Z");
    const [a, b] = await Promise.all([sendConversationReminders(due), sendConversationReminders(due)]);
    // Both of the company's admins, once each (other tests' old conversations may be reminded too, each once).
    expect(a + b).toBe(await prisma.notification.count({ where: { kind: "conversation.reminder" } }));
    expect((await reminders()).map((r) => r.userId).sort()).toEqual([w.rep.id, w.colleague.id].sort());
    const mails = await prisma.outboxEvent.findMany({
      where: { topic: "email.send", payload: { path: ["subject"], string_contains: "waiting for your answer" } },
    });
    expect(mails.filter((m) => [w.rep.email, w.colleague.email].includes((m.payload as { to: string }).to))).toHaveLength(2);
    await sendConversationReminders(new Date("2026-12-20T12:00:00Z"));
    expect(await reminders()).toHaveLength(2);
    expect(await prisma.notification.count({ where: { kind: "conversation.reminder", link: `/messages/${answered.id}` } })).toBe(0);
  });
});

describe("usually answers within N days", () => {
  it("is shown from three first messages, over the last 12 months, for a person and an organization", async () => {
    const w = await world();
    const now = new Date();
    const at = (daysAgo: number) => new Date(now.getTime() - daysAgo * DAY);
    expect(await responseTimeOf({ userId: w.researcher.id }, now)).toEqual({ kind: "too-few", threads: 0 });
    const senders = [w.pest, w.rep, w.colleague, w.admin];
    const waits = [1.5, 3.2, 0.5];
    for (const [i, wait] of waits.entries()) {
      const c = await openConversation(senders[i]!, { target: { person: w.researcher.id }, body: `q${i}` }, at(40 + i));
      if (!c.ok) throw new Error(c.error);
      await reply(c.id, w.researcher, "a", new Date(at(40 + i).getTime() + wait * DAY));
    }
    // A fourth from more than a year ago does not count.
    await openConversation(senders[3]!, { target: { person: w.researcher.id }, body: "old" }, at(400));
    expect(await responseTimeOf({ userId: w.researcher.id }, now)).toEqual({ kind: "days", days: 2, threads: 3 });

    for (const [i, s] of [w.pest, w.researcher, w.admin].entries()) {
      const c = await openConversation(s, { target: { organization: w.company.id }, body: `o${i}` }, at(60 + i));
      if (!c.ok) throw new Error(c.error);
      if (i === 0) await reply(c.id, w.colleague, "a", new Date(at(60).getTime() + 2 * DAY));
    }
    expect(await responseTimeOf({ organizationId: w.company.id }, now)).toEqual({ kind: "seldom", threads: 3 });
    expect(await responseTimeOf({ organizationId: "nonsense" }, now)).toEqual({ kind: "too-few", threads: 0 });
  });
});

describe("deleting one's account", () => {
  it("needs the password, waits while coordinating, then leaves the other side's copy with a former user", async () => {
    const prisma = getPrisma();
    const w = await world();
    const opened = await openConversation(w.pest, { target: { person: w.researcher.id }, body: "my words stay" });
    if (!opened.ok) throw new Error(opened.error);
    const own = await prisma.posting.create({
      data: {
        kind: "competence",
        title: "mine",
        description: "d",
        keywords: [],
        subjects: [],
        language: "en",
        ownerId: w.pest.id,
        expiresAt: new Date(Date.now() + DAY),
      },
    });
    const programme = await prisma.programme.create({ data: { name: `P ${w.tag}`, projectType: "research" } });
    const consortium = await prisma.consortium.create({
      data: { title: `Consortium ${w.tag}`, summary: "s", programmeId: programme.id, coordinatorId: w.pest.id, requestedFunding: 1n },
    });
    expect(await deleteAccount(w.pest.id, "wrong password")).toEqual({ ok: false, error: "password" });
    expect(await deleteAccount(w.pest.id, "correct horse battery")).toEqual({
      ok: false,
      error: "coordinator",
      consortia: [`Consortium ${w.tag}`],
    });
    await prisma.consortium.delete({ where: { id: consortium.id } });
    // The person declines a conversation opened with them: the one who opened it is told, with the name.
    const toPest = await openConversation(w.researcher, { target: { person: w.pest.id }, body: "will you?" });
    if (!toPest.ok) throw new Error(toPest.error);
    expect(await decline(toPest.id, w.pest, "too_early", "")).toMatchObject({ ok: true });
    // A request to join the company: its admins are told, with the name and the address.
    const asked = await joinOrganization(
      { id: w.pest.id, role: "researcher" },
      { organization: undefined, organizationId: w.company.id, message: "" },
    );
    expect(asked.kind).toBe("requested");
    const notices = () => prisma.notification.findMany({ where: { userId: { not: w.pest.id } }, orderBy: { createdAt: "asc" } });
    const shown = async () =>
      (await notices())
        .map((n) => renderNotification("en", n))
        .map((n) => `${n.title} ${n.body}`)
        .join("\n");
    expect(await shown()).toContain(w.pest.name);
    expect(await shown()).toContain(w.pest.email);
    expect(await deleteAccount(w.pest.id, "correct horse battery")).toEqual({ ok: true });
    // Nobody's notices name the deleted person any more: the conversation's says "former user", the request's is gone.
    expect(await shown()).not.toContain(w.pest.name);
    expect(await shown()).not.toContain(w.pest.email);
    const about = (await notices()).filter((n) => n.link === `/messages/${opened.id}`);
    expect(about.map((n) => renderNotification("en", n).title).join()).toContain("Former user");
    expect((await notices()).filter((n) => n.kind === "membership.request")).toEqual([]);

    expect(await prisma.user.findUnique({ where: { id: w.pest.id } })).toBeNull();
    expect(await prisma.posting.findUnique({ where: { id: own.id } })).toBeNull();
    const thread = await getThread(opened.id, w.researcher);
    expect(thread?.sender).toBeNull();
    expect(thread?.messages.map((m) => [m.body, m.author])).toEqual([["my words stay", null]]);
    // The search index is told to forget the posting and the profile.
    const search = await prisma.outboxEvent.findMany({
      where: { topic: { in: ["search.postings", "search.people"] } },
      orderBy: { id: "desc" },
      take: 2,
    });
    expect(search.map((e) => e.payload)).toEqual(expect.arrayContaining([{ postingIds: [own.id] }, { userIds: [w.pest.id] }]));
  });
});

describe("export", () => {
  it("carries conversations only as counts: no message text, no participant, no conversation", async () => {
    const w = await world();
    const secret = `confidential-idea-${w.tag}`;
    const opened = await openConversation(w.researcher, { target: { posting: w.need.id }, body: secret });
    if (!opened.ok) throw new Error(opened.error);
    const lines: string[] = [];
    for await (const line of exportLines()) lines.push(line);
    const all = lines.join("\n");
    expect(all).not.toContain(secret);
    expect(all).not.toContain(opened.id);
    expect(lines.map((l) => (JSON.parse(l) as { type: string }).type)).not.toContain("conversation");
    const counts = await conversationCounts();
    expect(counts.conversations).toBeGreaterThanOrEqual(1);
    expect(counts.messages).toBeGreaterThanOrEqual(1);
    expect(JSON.stringify(counts)).not.toContain(secret);
  });
});
