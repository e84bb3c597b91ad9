// Reporting a message to the site's administrators, and what they do about it: dismiss the
// report, or suspend the message's author (who can then not sign in, and whose sessions end
// at once). Only someone who can read the conversation may report one of its messages, and
// not their own. Administrators read a reported message, and only that one, on /admin/reports,
// where they also see the suspended accounts and may lift a suspension.
import type { Prisma } from "#app/generated/prisma/client.ts";
import { sideOf } from "#app/domain/conversation.ts";
import { reportReasonProblem } from "#app/domain/messaging-safety.ts";
import { getPrisma } from "#app/lib/db.server.ts";
import { isId } from "#app/lib/form-fields.ts";
import { answersFor } from "#app/models/conversation.server.ts";
import { notifyUsers } from "#app/models/notify.server.ts";

type Db = Prisma.TransactionClient;

export type ReportResult = { ok: true } | { ok: false; error: "not-found" | "own" | "empty" | "too-long" };

/** Reports a message with a reason; a second report of the same message by the same person keeps the first. */
export async function reportMessage(messageId: string, reporter: { id: string; name: string }, reason: string): Promise<ReportResult> {
  const problem = reportReasonProblem(reason);
  if (problem) return { ok: false, error: problem };
  if (!isId(messageId)) return { ok: false, error: "not-found" };
  return getPrisma().$transaction(async (tx) => {
    const m = await tx.message.findUnique({
      where: { id: messageId },
      select: { authorId: true, conversation: { select: { senderId: true, recipientUserId: true, recipientOrganizationId: true } } },
    });
    if (!m || !sideOf(reporter.id, m.conversation, await answersFor(tx, reporter.id))) return { ok: false, error: "not-found" };
    if (m.authorId === reporter.id) return { ok: false, error: "own" };
    const { count } = await tx.report.createMany({
      data: [{ messageId, reporterId: reporter.id, reason: reason.trim() }],
      skipDuplicates: true,
    });
    if (count === 1) {
      await notifyUsers(tx, await siteAdmins(tx), {
        kind: "report.new",
        title: "report.notice.title",
        body: "report.notice.body",
        vars: {},
        link: "/admin/reports",
      });
    }
    return { ok: true };
  });
}

async function siteAdmins(tx: Db): Promise<string[]> {
  return (await tx.user.findMany({ where: { role: "admin", suspendedAt: null }, select: { id: true } })).map((u) => u.id);
}

/** Open reports, oldest first, each with the reported message's text and who wrote and reported it. */
export async function openReports(take = 200) {
  const rows = await getPrisma().report.findMany({
    where: { status: "open" },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    take,
    select: {
      id: true,
      reason: true,
      createdAt: true,
      reporter: { select: { id: true, name: true } },
      message: {
        select: { body: true, createdAt: true, author: { select: { id: true, name: true, role: true, suspendedAt: true } } },
      },
    },
  });
  return rows.map((r) => ({
    id: r.id,
    reason: r.reason,
    createdAt: r.createdAt,
    reporter: r.reporter,
    body: r.message.body,
    writtenAt: r.message.createdAt,
    author: r.message.author && {
      id: r.message.author.id,
      name: r.message.author.name,
      suspended: r.message.author.suspendedAt !== null,
      // Another administrator is not suspended from here.
      suspendable: r.message.author.role !== "admin",
    },
  }));
}

export type DecideResult = { ok: true } | { ok: false; error: "not-found" | "not-suspendable" };

/** Closes an open report as needing nothing more. */
export async function dismissReport(reportId: string, adminId: string, now = new Date()): Promise<DecideResult> {
  if (!isId(reportId)) return { ok: false, error: "not-found" };
  const { count } = await getPrisma().report.updateMany({
    where: { id: reportId, status: "open" },
    data: { status: "dismissed", decidedAt: now, decidedById: adminId },
  });
  return count === 1 ? { ok: true } : { ok: false, error: "not-found" };
}

/**
 * Suspends the author of a reported message: the account can no longer sign in, every
 * session of it ends now, and every open report on its messages is closed with it.
 */
export async function suspendAuthor(reportId: string, adminId: string, now = new Date()): Promise<DecideResult> {
  if (!isId(reportId)) return { ok: false, error: "not-found" };
  return getPrisma().$transaction(async (tx) => {
    const r = await tx.report.findFirst({
      where: { id: reportId, status: "open" },
      select: { message: { select: { author: { select: { id: true, role: true } } } } },
    });
    if (!r) return { ok: false, error: "not-found" };
    const author = r.message.author;
    if (!author || author.role === "admin" || author.id === adminId) return { ok: false, error: "not-suspendable" };
    await tx.user.updateMany({ where: { id: author.id, suspendedAt: null }, data: { suspendedAt: now } });
    await tx.session.deleteMany({ where: { userId: author.id } });
    await tx.report.updateMany({
      where: { status: "open", message: { authorId: author.id } },
      data: { status: "suspended", decidedAt: now, decidedById: adminId },
    });
    // Their open pages hear of it and find the session gone.
    await tx.$executeRaw`SELECT pg_notify('samband_notification', ${author.id})`;
    return { ok: true };
  });
}

/**
 * Suspended accounts, most recently suspended first, each with who suspended it and when
 * (the last report decided by suspending it), for the administrators' page.
 */
export async function suspendedAccounts(take = 200) {
  const users = await getPrisma().user.findMany({
    where: { suspendedAt: { not: null } },
    orderBy: [{ suspendedAt: "desc" }, { id: "asc" }],
    take,
    select: {
      id: true,
      name: true,
      suspendedAt: true,
      messages: {
        where: { reports: { some: { status: "suspended" } } },
        select: {
          reports: {
            where: { status: "suspended" },
            orderBy: { decidedAt: "desc" },
            take: 1,
            select: { decidedAt: true, decidedBy: { select: { name: true } } },
          },
        },
      },
    },
  });
  return users.map((u) => {
    const decisions = u.messages.flatMap((m) => m.reports).sort((a, b) => (b.decidedAt?.getTime() ?? 0) - (a.decidedAt?.getTime() ?? 0));
    return { id: u.id, name: u.name, suspendedAt: u.suspendedAt!, suspendedBy: decisions[0]?.decidedBy?.name ?? null };
  });
}

export type LiftResult = { ok: true } | { ok: false; error: "not-found" | "forbidden" };

/**
 * Lifts an account's suspension: it may sign in again (and so write again). Only a site
 * administrator who is not suspended may; who and when are kept (SuspensionLift). An
 * account not suspended (any more: two lifts at once) is not found, and nothing is written.
 */
export async function liftSuspension(userId: string, adminId: string, now = new Date()): Promise<LiftResult> {
  if (!isId(userId)) return { ok: false, error: "not-found" };
  return getPrisma().$transaction(async (tx) => {
    const admin = await tx.user.findUnique({ where: { id: adminId }, select: { role: true, suspendedAt: true } });
    if (admin?.role !== "admin" || admin.suspendedAt) return { ok: false, error: "forbidden" };
    // Takes the row's lock: of two lifts at once, the second finds it lifted.
    const [user] = await tx.$queryRaw<{ suspendedAt: Date | null }[]>`
      SELECT "suspendedAt" FROM "User" WHERE id = ${userId}::uuid FOR UPDATE`;
    if (!user?.suspendedAt) return { ok: false, error: "not-found" };
    await tx.user.update({ where: { id: userId }, data: { suspendedAt: null } });
    await tx.suspensionLift.create({ data: { userId, suspendedAt: user.suspendedAt, liftedById: adminId, liftedAt: now } });
    return { ok: true };
  });
}
