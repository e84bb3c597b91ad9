// Blocking a sender. The side written to blocks the person who wrote: a person for
// themselves, or one of the people who answer for an organization for the organization
// (any of them may lift it again). The blocked person can still read what was written,
// but can open no conversation with the blocker (nor about their postings) and write no
// more in any conversation with them. The rule is app/domain/messaging-safety.ts isBlocked.
import type { Prisma } from "#app/generated/prisma/client.ts";
import { sideOf } from "#app/domain/conversation.ts";
import { getPrisma } from "#app/lib/db.server.ts";
import { isId } from "#app/lib/form-fields.ts";
import { answersFor } from "#app/models/conversation.server.ts";

type Db = Prisma.TransactionClient;

/** The conversation's sender and the scope the viewer would block them for, when the viewer is on the side written to. */
async function blockable(db: Db, conversationId: string, viewerId: string) {
  if (!isId(conversationId)) return null;
  const c = await db.conversation.findUnique({
    where: { id: conversationId },
    select: { senderId: true, recipientUserId: true, recipientOrganizationId: true },
  });
  if (!c || !c.senderId) return null;
  if (sideOf(viewerId, c, await answersFor(db, viewerId)) !== "recipient") return null;
  return {
    blockedId: c.senderId,
    scope: c.recipientUserId ? { blockerUserId: c.recipientUserId } : { organizationId: c.recipientOrganizationId! },
  };
}

/** Whether the viewer (on the side written to) has blocked this conversation's sender; null when they cannot block in it. */
export async function senderBlocked(conversationId: string, viewerId: string): Promise<boolean | null> {
  const prisma = getPrisma();
  const b = await blockable(prisma, conversationId, viewerId);
  if (!b) return null;
  return (await prisma.block.count({ where: { blockedId: b.blockedId, ...b.scope } })) > 0;
}

/** Blocks the sender of a conversation the viewer was written to; blocking twice is one block. */
export async function blockSender(conversationId: string, viewerId: string): Promise<{ ok: true } | { ok: false; error: "not-found" }> {
  return getPrisma().$transaction(async (tx) => {
    const b = await blockable(tx, conversationId, viewerId);
    if (!b) return { ok: false, error: "not-found" };
    await tx.block.createMany({ data: [{ blockedId: b.blockedId, ...b.scope, createdById: viewerId }], skipDuplicates: true });
    // Their open pages hear of it (the reply form goes away).
    await tx.$executeRaw`SELECT pg_notify('samband_notification', ${b.blockedId})`;
    return { ok: true };
  });
}

/** The blocks the person may lift: their own, and those of the organizations they answer for. */
async function ownBlocksWhere(db: Db, userId: string): Promise<Prisma.BlockWhereInput> {
  return { OR: [{ blockerUserId: userId }, { organizationId: { in: [...(await answersFor(db, userId))] } }] };
}

export async function listBlocks(userId: string) {
  const prisma = getPrisma();
  const rows = await prisma.block.findMany({
    where: await ownBlocksWhere(prisma, userId),
    orderBy: [{ createdAt: "desc" }, { id: "asc" }],
    select: {
      id: true,
      createdAt: true,
      blocked: { select: { id: true, name: true } },
      organization: { select: { id: true, name: true } },
    },
  });
  return rows.map((r) => ({ id: r.id, createdAt: r.createdAt, person: r.blocked, organization: r.organization }));
}

/** Lifts a block the person may lift; anything else is not found. */
export async function unblock(blockId: string, userId: string): Promise<boolean> {
  if (!isId(blockId)) return false;
  const prisma = getPrisma();
  const { count } = await prisma.block.deleteMany({ where: { AND: [{ id: blockId }, await ownBlocksWhere(prisma, userId)] } });
  return count === 1;
}
