// Conversations: a person expresses interest in a posting, a person or an organization,
// and the two sides write to each other inside Samband, neither seeing the other's email
// address. Who may open, read and answer is app/domain/conversation.ts; every query here
// asks it with the facts it loads, in the transaction that makes the change. A conversation
// one is not part of is reported as not found, like one that does not exist.
import { z } from "zod";
import { Prisma } from "#app/generated/prisma/client.ts";
import {
  bodyProblem,
  declineProblem,
  firstResponse,
  isResponder,
  isUnread,
  mayDecline,
  mayOpen,
  mayReply,
  readUpTo,
  responders,
  sideOf,
  DECLINE_REASONS,
  type DeclineReason,
  type OpenRefusal,
  type Recipient,
  type Side,
} from "#app/domain/conversation.ts";
import { isBlocked, LIMIT_WINDOW_MS, overLimit } from "#app/domain/messaging-safety.ts";
import { loadConfig } from "#app/lib/config.server.ts";
import { formatNumber } from "#app/i18n/format.ts";
import { msg } from "#app/i18n/index.ts";
import { getPrisma } from "#app/lib/db.server.ts";
import { isId } from "#app/lib/form-fields.ts";
import { recordFunnelStep } from "#app/models/funnel.server.ts";
import { notifyUsers } from "#app/models/notify.server.ts";
import { unreadCount } from "#app/models/saved-search.server.ts";

type Db = Prisma.TransactionClient;

// Replies to one conversation wait for each other's lock; on a busy machine that wait can
// outlast Prisma's defaults (2 s for a connection, 5 s for the transaction).
const TX = { maxWait: 15_000, timeout: 30_000 } as const;

/**
 * A message's text as a form sends it: line breaks as one character each (a textarea sends
 * two), then not blank and at most MESSAGE_MAX characters, the error saying how many it has.
 */
export const messageField = z
  .string()
  .optional()
  .transform((v) => (v ?? "").replace(/\r\n?/g, "\n"))
  .superRefine((body, ctx) => {
    const problem = bodyProblem(body);
    if (problem === "empty") ctx.addIssue({ code: "custom", message: msg("conversation.error.empty") });
    if (problem === "too-long") {
      const count = [...body].length;
      ctx.addIssue({
        code: "custom",
        message: msg("conversation.error.tooLong"),
        params: { count: { sv: formatNumber("sv", count), en: formatNumber("en", count) } },
      });
    }
  });

/** "Not interested": a reason, and words of one's own (needed for "other"). */
export const declineFields = {
  reason: z.enum(DECLINE_REASONS),
  text: z
    .string()
    .optional()
    .transform((v) => (v ?? "").replace(/\r\n?/g, "\n").trim()),
};

/** What a person expresses interest in: exactly one of these, as the address says (?posting=, ?person=, ?organization=). */
export type Target = { posting: string } | { person: string } | { organization: string };

/** Who would receive an expression of interest, and what the form shows about them (never an email address). */
export interface ResolvedTarget {
  recipient: Recipient;
  /** The person's or the organization's name. */
  name: string;
  posting: { id: string; title: string; language: string; organizationId: string | null } | null;
  /** The people who would be told. */
  notify: string[];
}

const EXCERPT = 300;
const excerpt = (body: string) => {
  const chars = [...body.trim()];
  return chars.length > EXCERPT ? `${chars.slice(0, EXCERPT).join("")}…` : chars.join("");
};

/**
 * The target, if it exists and the sender may see it (a posting must be live; people and
 * organizations are seen by the signed-in).
 */
export async function resolveTarget(
  db: Db,
  target: Target,
  now = new Date(),
  senderId: string | null = null,
): Promise<ResolvedTarget | null> {
  if ("posting" in target) {
    if (!isId(target.posting)) return null;
    // A confidential posting is no way in: writing about it would name its author to the
    // sender. Its request to see comes first, and once accepted, the sender knows whom they
    // write to (docs/decisions/0020-staged-reveal.md).
    const revealed =
      senderId && isId(senderId) ? [{ revealRequests: { some: { requesterId: senderId, status: "accepted" as const } } }] : [];
    const p = await db.posting.findFirst({
      where: { id: target.posting, status: "active", expiresAt: { gt: now }, OR: [{ confidential: false }, ...revealed] },
      select: {
        id: true,
        title: true,
        language: true,
        organizationId: true,
        owner: { select: { id: true, name: true } },
        organization: { select: { id: true, name: true } },
      },
    });
    if (!p) return null;
    const posting = { id: p.id, title: p.title, language: p.language, organizationId: p.organizationId };
    // The person who published it answers; a posting an organization published alone, its people.
    if (p.owner) return { recipient: { kind: "person", userId: p.owner.id }, name: p.owner.name, posting, notify: [p.owner.id] };
    if (!p.organization) return null;
    return { ...(await organizationTarget(db, p.organization.id, p.organization.name)), posting };
  }
  if ("person" in target) {
    if (!isId(target.person)) return null;
    const u = await db.user.findUnique({ where: { id: target.person }, select: { id: true, name: true } });
    return u && { recipient: { kind: "person", userId: u.id }, name: u.name, posting: null, notify: [u.id] };
  }
  if (!isId(target.organization)) return null;
  const o = await db.organization.findUnique({ where: { id: target.organization }, select: { id: true, name: true } });
  return o && organizationTarget(db, o.id, o.name);
}

async function organizationTarget(db: Db, organizationId: string, name: string): Promise<ResolvedTarget> {
  return {
    recipient: { kind: "organization", organizationId },
    name,
    posting: null,
    notify: await organizationResponders(db, organizationId),
  };
}

/** Who reads and answers for the organization (app/domain/conversation.ts responders). */
export async function organizationResponders(db: Db, organizationId: string): Promise<string[]> {
  const people = await db.membership.findMany({
    where: { organizationId },
    select: { userId: true, role: true, user: { select: { emailConfirmedAt: true } } },
    orderBy: { createdAt: "asc" },
  });
  return responders(people.map((p) => ({ userId: p.userId, role: p.role, confirmed: p.user.emailConfirmedAt !== null })));
}

/** The organizations a person answers for: where they are a confirmed admin, or a confirmed member of one without such an admin. */
export async function answersFor(db: Db, userId: string): Promise<Set<string>> {
  const rows = await db.membership.findMany({
    where: { userId },
    select: {
      organizationId: true,
      role: true,
      user: { select: { emailConfirmedAt: true } },
      organization: {
        select: { memberships: { where: { role: "admin", user: { emailConfirmedAt: { not: null } } }, select: { userId: true }, take: 1 } },
      },
    },
  });
  return new Set(
    rows
      .filter((r) => isResponder({ role: r.role, confirmed: r.user.emailConfirmedAt !== null }, r.organization.memberships.length > 0))
      .map((r) => r.organizationId),
  );
}

async function organizationsOf(db: Db, userId: string): Promise<Set<string>> {
  return new Set((await db.membership.findMany({ where: { userId }, select: { organizationId: true } })).map((m) => m.organizationId));
}

/** Why the person may not write to the target, or null when they may (for the form, before anything is typed). */
export async function refusalFor(senderId: string, t: ResolvedTarget): Promise<OpenRefusal | null> {
  const verdict = mayOpen(senderId, await organizationsOf(getPrisma(), senderId), t.recipient, {
    responders: t.notify,
    postingOrganizationId: t.posting?.organizationId,
  });
  return verdict.ok ? null : verdict.reason;
}

/** What the form to express interest shows: whom it goes to, why it may not, and the postings one may link. Null: no such target. */
export async function describeTarget(senderId: string, target: Target) {
  const t = await resolveTarget(getPrisma(), target, new Date(), senderId);
  if (!t) return null;
  const [refusal, postings] = await Promise.all([refusalFor(senderId, t), ownPostings(senderId)]);
  return { name: t.name, recipient: t.recipient, posting: t.posting, refusal, postings };
}

/** The sender's own live postings, to offer one as what they bring. */
export async function ownPostings(userId: string, now = new Date()) {
  return getPrisma().posting.findMany({
    where: { ownerId: userId, status: "active", expiresAt: { gt: now } },
    select: { id: true, title: true, kind: true, language: true },
    orderBy: { updatedAt: "desc" },
    take: 50,
  });
}

export type OpenResult =
  | { ok: true; id: string }
  | { ok: false; error: "not-found" | OpenRefusal | "blocked" | "limit" | "linked-not-yours" | "empty" | "too-long" };

/** Whether the person written to, or the organization, has blocked the writer (app/models/block.server.ts). */
async function blockedFrom(db: Db, writerId: string, to: { userId?: string | null; organizationId?: string | null }): Promise<boolean> {
  const rows = await db.block.findMany({ where: { blockedId: writerId }, select: { blockerUserId: true, organizationId: true } });
  return isBlocked(
    {
      personIds: new Set(rows.flatMap((r) => (r.blockerUserId ? [r.blockerUserId] : []))),
      organizationIds: new Set(rows.flatMap((r) => (r.organizationId ? [r.organizationId] : []))),
    },
    to,
  );
}

/**
 * Opens a conversation with its first message, and tells the side written to in-app and by
 * email (an outbox event in the same transaction, so exactly once). A second expression of
 * interest in the same thing while the first is still open goes into that conversation.
 */
export async function openConversation(
  sender: { id: string; name: string },
  input: { target: Target; body: string; linkedPostingId?: string | null },
  now = new Date(),
): Promise<OpenResult> {
  const problem = bodyProblem(input.body);
  if (problem) return { ok: false, error: problem };
  return getPrisma().$transaction(async (tx) => {
    // One sender's openings take turns: two submits at once find each other's conversation.
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('conversation.open'), hashtext(${sender.id}))`;
    const t = await resolveTarget(tx, input.target, now, sender.id);
    if (!t) return { ok: false, error: "not-found" };
    const verdict = mayOpen(sender.id, await organizationsOf(tx, sender.id), t.recipient, {
      responders: t.notify,
      postingOrganizationId: t.posting?.organizationId,
    });
    if (!verdict.ok) return { ok: false, error: verdict.reason };
    const to = {
      userId: t.recipient.kind === "person" ? t.recipient.userId : null,
      organizationId: t.recipient.kind === "organization" ? t.recipient.organizationId : (t.posting?.organizationId ?? null),
    };
    if (await blockedFrom(tx, sender.id, to)) return { ok: false, error: "blocked" };
    let linkedPostingId: string | null = null;
    if (input.linkedPostingId) {
      const linked = isId(input.linkedPostingId)
        ? await tx.posting.findFirst({ where: { id: input.linkedPostingId, ownerId: sender.id }, select: { id: true } })
        : null;
      if (!linked) return { ok: false, error: "linked-not-yours" };
      linkedPostingId = linked.id;
    }
    const ends = {
      recipientUserId: t.recipient.kind === "person" ? t.recipient.userId : null,
      recipientOrganizationId: t.recipient.kind === "organization" ? t.recipient.organizationId : null,
    };
    const existing = await tx.conversation.findFirst({
      where: { senderId: sender.id, ...ends, subjectPostingId: t.posting?.id ?? null, status: "open" },
      select: { id: true },
    });
    if (existing) {
      await addMessage(tx, (await loadEnds(tx, existing.id, true))!, sender, "sender", input.body, now);
      return { ok: true, id: existing.id };
    }
    // Counted under the sender's lock taken above: two openings at the limit take turns, and
    // the second sees the first.
    const opened = await tx.conversation.count({
      where: { senderId: sender.id, createdAt: { gt: new Date(now.getTime() - LIMIT_WINDOW_MS) } },
    });
    if (overLimit(opened, loadConfig().SAMBAND_DAILY_CONVERSATIONS)) return { ok: false, error: "limit" };
    const c = await tx.conversation.create({
      data: { senderId: sender.id, ...ends, subjectPostingId: t.posting?.id ?? null, linkedPostingId, createdAt: now, lastMessageAt: now },
      select: { id: true },
    });
    await tx.message.create({ data: { conversationId: c.id, authorId: sender.id, fromSender: true, body: input.body, createdAt: now } });
    await tx.conversationRead.create({ data: { conversationId: c.id, userId: sender.id, lastReadAt: now } });
    await recordFunnelStep(tx, "contact", { at: now });
    await notifyUsers(tx, t.notify, {
      kind: "conversation.opened",
      title: "conversation.notice.openedTitle",
      body: t.posting ? "conversation.notice.openedAboutBody" : "conversation.notice.openedBody",
      vars: { sender: sender.name, recipient: t.name, posting: t.posting?.title ?? "", excerpt: excerpt(input.body) },
      link: `/messages/${c.id}`,
    });
    await touch(tx, [sender.id]);
    return { ok: true, id: c.id };
  }, TX);
}

/** The facts about a conversation that decide who sees it, locked when `lock` (a change follows). */
async function loadEnds(tx: Db, id: string, lock: boolean) {
  if (!isId(id)) return null;
  if (lock) await tx.$queryRaw`SELECT id FROM "Conversation" WHERE id = ${id}::uuid FOR UPDATE`;
  return tx.conversation.findUnique({
    where: { id },
    select: {
      id: true,
      senderId: true,
      recipientUserId: true,
      recipientOrganizationId: true,
      status: true,
      firstResponseAt: true,
      sender: { select: { name: true } },
      recipientUser: { select: { name: true } },
      recipientOrganization: { select: { name: true } },
    },
  });
}

type Ends = NonNullable<Awaited<ReturnType<typeof loadEnds>>>;

/** The people of one side, to tell them: the sender, or the person or organization written to. */
async function peopleOf(tx: Db, c: Ends, side: Side): Promise<string[]> {
  if (side === "sender") return c.senderId ? [c.senderId] : [];
  if (c.recipientUserId) return [c.recipientUserId];
  return c.recipientOrganizationId ? organizationResponders(tx, c.recipientOrganizationId) : [];
}

/** Open pages of these people hear of the change over the live channel (at commit). */
async function touch(tx: Db, userIds: Iterable<string>): Promise<void> {
  for (const id of new Set(userIds)) await tx.$executeRaw`SELECT pg_notify('samband_notification', ${id})`;
}

async function addMessage(tx: Db, c: Ends, author: { id: string; name: string }, side: Side, body: string, now: Date) {
  const conversationId = c.id;
  await tx.message.create({ data: { conversationId, authorId: author.id, fromSender: side === "sender", body, createdAt: now } });
  await tx.conversationRead.upsert({
    where: { conversationId_userId: { conversationId, userId: author.id } },
    create: { conversationId, userId: author.id, lastReadAt: now },
    update: { lastReadAt: now },
  });
  await tx.conversation.update({
    where: { id: conversationId },
    data: { lastMessageAt: now, firstResponseAt: firstResponse(c.firstResponseAt, side, now) },
  });
  const other: Side = side === "sender" ? "recipient" : "sender";
  const to = (await peopleOf(tx, c, other)).filter((id) => id !== author.id);
  await notifyUsers(tx, to, {
    kind: "conversation.message",
    title: "conversation.notice.messageTitle",
    body: "conversation.notice.messageBody",
    vars: { author: author.name, excerpt: excerpt(body) },
    link: `/messages/${conversationId}`,
  });
  await touch(tx, [...(await peopleOf(tx, c, side)), author.id]);
}

export type ChangeResult = { ok: true } | { ok: false; error: "not-found" | "closed" | "blocked" | "empty" | "too-long" | "text-needed" };

/** A reply from either side; replies at once each get their own row, in the order they took the conversation's lock. */
export async function reply(id: string, author: { id: string; name: string }, body: string, now?: Date): Promise<ChangeResult> {
  const problem = bodyProblem(body);
  if (problem) return { ok: false, error: problem };
  return getPrisma().$transaction(async (tx) => {
    const c = await loadEnds(tx, id, true);
    if (!c) return { ok: false, error: "not-found" };
    const side = sideOf(author.id, c, await answersFor(tx, author.id));
    if (!side) return { ok: false, error: "not-found" };
    if (!mayReply(side, c.status)) return { ok: false, error: "closed" };
    if (side === "sender" && (await blockedFrom(tx, author.id, { userId: c.recipientUserId, organizationId: c.recipientOrganizationId }))) {
      return { ok: false, error: "blocked" };
    }
    // The clock is read after the lock, so messages are in the order they were written.
    await addMessage(tx, c, author, side, body, now ?? new Date());
    return { ok: true };
  }, TX);
}

/** "Not interested", with a reason the sender reads politely worded; ends the conversation. */
export async function decline(
  id: string,
  actor: { id: string; name: string },
  reason: DeclineReason,
  text: string,
  now?: Date,
): Promise<ChangeResult> {
  const problem = declineProblem(reason, text);
  if (problem) return { ok: false, error: problem };
  return getPrisma().$transaction(async (tx) => {
    const c = await loadEnds(tx, id, true);
    if (!c) return { ok: false, error: "not-found" };
    const side = sideOf(actor.id, c, await answersFor(tx, actor.id));
    if (!side) return { ok: false, error: "not-found" };
    if (!mayDecline(side, c.status)) return { ok: false, error: "closed" };
    const at = now ?? new Date();
    const words = text.trim() || null;
    await tx.conversation.update({
      where: { id },
      data: {
        status: "declined",
        declineReason: reason,
        declineText: words,
        declinedAt: at,
        declinedById: actor.id,
        firstResponseAt: firstResponse(c.firstResponseAt, side, at),
      },
    });
    const recipient = c.recipientOrganization?.name ?? c.recipientUser?.name ?? "";
    await notifyUsers(tx, await peopleOf(tx, c, "sender"), {
      kind: "conversation.declined",
      title: "conversation.notice.declinedTitle",
      body: words ? "conversation.notice.declinedWordsBody" : "conversation.notice.declinedBody",
      vars: { recipient, reason: { key: `conversation.reason.polite.${reason}` }, words: words ?? "" },
      link: `/messages/${id}`,
    });
    await touch(tx, [...(await peopleOf(tx, c, "recipient")), actor.id]);
    return { ok: true };
  }, TX);
}

/**
 * A conversation as its reader sees it, or null when it is none of theirs. Reading it marks
 * it read up to the newest message shown, and its notifications read.
 */
export async function getThread(id: string, viewer: { id: string }) {
  const prisma = getPrisma();
  if (!isId(id)) return null;
  const c = await prisma.conversation.findUnique({
    where: { id },
    select: {
      id: true,
      senderId: true,
      recipientUserId: true,
      recipientOrganizationId: true,
      status: true,
      declineReason: true,
      declineText: true,
      declinedAt: true,
      createdAt: true,
      sender: { select: { id: true, name: true, memberships: { select: { organization: { select: { id: true, name: true } } } } } },
      recipientUser: { select: { id: true, name: true } },
      recipientOrganization: { select: { id: true, name: true } },
      subjectPosting: { select: { id: true, title: true, language: true } },
      linkedPosting: { select: { id: true, title: true, language: true } },
      messages: {
        orderBy: [{ createdAt: "asc" }, { id: "asc" }],
        select: { id: true, body: true, createdAt: true, fromSender: true, authorId: true, author: { select: { id: true, name: true } } },
      },
      reads: { where: { userId: viewer.id }, select: { lastReadAt: true } },
    },
  });
  if (!c) return null;
  const side = sideOf(viewer.id, c, await answersFor(prisma, viewer.id));
  if (!side) return null;
  await markRead(c.id, viewer.id, c.reads[0]?.lastReadAt ?? null, c.messages);
  return {
    id: c.id,
    side,
    status: c.status,
    decline: c.declineReason ? { reason: c.declineReason, text: c.declineText, at: c.declinedAt! } : null,
    createdAt: c.createdAt,
    sender: c.sender && { id: c.sender.id, name: c.sender.name, organizations: c.sender.memberships.map((m) => m.organization) },
    recipient: c.recipientOrganization
      ? { kind: "organization" as const, id: c.recipientOrganization.id, name: c.recipientOrganization.name }
      : c.recipientUser
        ? { kind: "person" as const, id: c.recipientUser.id, name: c.recipientUser.name }
        : null,
    subjectPosting: c.subjectPosting,
    linkedPosting: c.linkedPosting,
    canReply: mayReply(side, c.status),
    canDecline: mayDecline(side, c.status),
    messages: c.messages.map((m) => ({
      id: m.id,
      body: m.body,
      createdAt: m.createdAt,
      mine: m.authorId === viewer.id,
      fromSender: m.fromSender,
      author: m.author,
    })),
  };
}

/** Marks read up to the newest message shown, and its notifications; open pages hear of it only when something was unread. */
async function markRead(
  conversationId: string,
  userId: string,
  lastReadAt: Date | null,
  shown: { authorId: string | null; createdAt: Date }[],
): Promise<void> {
  const upTo = readUpTo(lastReadAt, shown);
  const unread = isUnread(lastReadAt, shown, userId);
  await getPrisma().$transaction(async (tx) => {
    if (upTo && (!lastReadAt || upTo > lastReadAt)) {
      // Never back: another tab may have read further meanwhile.
      await tx.$executeRaw`
        INSERT INTO "ConversationRead" ("conversationId", "userId", "lastReadAt") VALUES (${conversationId}::uuid, ${userId}::uuid, ${upTo})
        ON CONFLICT ("conversationId", "userId") DO UPDATE SET "lastReadAt" = GREATEST("ConversationRead"."lastReadAt", EXCLUDED."lastReadAt")`;
    }
    await tx.notification.updateMany({
      where: { userId, link: `/messages/${conversationId}`, readAt: null },
      data: { readAt: new Date() },
    });
    if (unread) await touch(tx, [userId]);
  });
}

/** Which conversations the user sees, as a condition on "Conversation" c. */
function visibleSql(userId: string, orgs: Set<string>): Prisma.Sql {
  const ids = [...orgs];
  return Prisma.sql`(c."senderId" = ${userId}::uuid OR c."recipientUserId" = ${userId}::uuid OR c."recipientOrganizationId" = ANY(${ids}::uuid[]))`;
}

function visibleWhere(userId: string, orgs: Set<string>): Prisma.ConversationWhereInput {
  return { OR: [{ senderId: userId }, { recipientUserId: userId }, { recipientOrganizationId: { in: [...orgs] } }] };
}

/** The user's conversations, newest message first, each with whether it has news for them. */
export async function listConversations(userId: string, take = 100) {
  const prisma = getPrisma();
  const orgs = await answersFor(prisma, userId);
  const rows = await prisma.conversation.findMany({
    where: visibleWhere(userId, orgs),
    orderBy: [{ lastMessageAt: "desc" }, { id: "asc" }],
    take,
    select: {
      id: true,
      senderId: true,
      recipientUserId: true,
      recipientOrganizationId: true,
      status: true,
      lastMessageAt: true,
      sender: { select: { name: true } },
      recipientUser: { select: { name: true } },
      recipientOrganization: { select: { name: true } },
      subjectPosting: { select: { title: true, language: true } },
      messages: { orderBy: [{ createdAt: "desc" }, { id: "desc" }], take: 1, select: { authorId: true, createdAt: true, body: true } },
      reads: { where: { userId }, select: { lastReadAt: true } },
    },
  });
  return rows.map((c) => {
    const side = sideOf(userId, c, orgs)!;
    const last = c.messages[0];
    return {
      id: c.id,
      side,
      status: c.status,
      lastMessageAt: c.lastMessageAt,
      /** The other side's name; null for an account since deleted. */
      other: side === "sender" ? (c.recipientOrganization?.name ?? c.recipientUser?.name ?? null) : (c.sender?.name ?? null),
      subject: c.subjectPosting,
      preview: last ? excerpt(last.body).slice(0, 160) : "",
      unread: isUnread(c.reads[0]?.lastReadAt ?? null, c.messages, userId),
    };
  });
}

/** How many of the user's conversations have news for them (the header's count). */
export async function unreadConversationCount(userId: string): Promise<number> {
  const prisma = getPrisma();
  const orgs = await answersFor(prisma, userId);
  const [row] = await prisma.$queryRaw<{ n: bigint }[]>`
    SELECT count(*) AS n FROM "Conversation" c
    WHERE ${visibleSql(userId, orgs)}
      AND EXISTS (
        SELECT 1 FROM "Message" m
        WHERE m."conversationId" = c.id AND m."authorId" IS DISTINCT FROM ${userId}::uuid
          AND m."createdAt" > COALESCE(
            (SELECT r."lastReadAt" FROM "ConversationRead" r WHERE r."conversationId" = c.id AND r."userId" = ${userId}::uuid),
            '-infinity'::timestamptz))`;
  return Number(row?.n ?? 0);
}

/** The header's counts: unread notifications, and conversations with news. */
export async function liveCounts(userId: string): Promise<{ unread: number; messages: number }> {
  const [unread, messages] = await Promise.all([unreadCount(userId), unreadConversationCount(userId)]);
  return { unread, messages };
}
