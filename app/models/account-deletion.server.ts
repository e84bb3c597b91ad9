// Deleting one's own account. The person's row goes, and with it what is theirs alone: the
// profile, sessions, notifications, saved searches, memberships (they leave every
// organization) and the postings they published themselves (withdrawn: deleted, and taken
// out of the search index). Postings published in an organization's name stay with it.
// Conversations stay for the other side: the person's messages keep their text, with the
// author shown as "former user" (the foreign keys set null). Someone who coordinates a
// consortium cannot delete the account until it has another coordinator or is gone: a
// consortium without a coordinator would have nobody to act for it. Other people's notices
// of the person's conversations say "former user" instead of the name; the notices of the
// person's requests to join an organization go, with the requests. Letters of intent keep
// who confirmed them: that record is the point of the letter.
import type { Prisma } from "#app/generated/prisma/client.ts";
import { getPrisma } from "#app/lib/db.server.ts";
import { writeEvent } from "#app/lib/outbox.server.ts";
import { verifyPassword } from "#app/lib/security.server.ts";

export type DeleteResult = { ok: true } | { ok: false; error: "password" } | { ok: false; error: "coordinator"; consortia: string[] };

/** The consortia the person coordinates (deletion waits for these). */
export async function coordinatedConsortia(userId: string): Promise<{ id: string; title: string }[]> {
  return getPrisma().consortium.findMany({
    where: { coordinatorId: userId },
    select: { id: true, title: true },
    orderBy: { title: "asc" },
  });
}

export async function deleteAccount(userId: string, password: string): Promise<DeleteResult> {
  const prisma = getPrisma();
  const user = await prisma.user.findUnique({ where: { id: userId }, select: { passwordHash: true } });
  if (!user || !(await verifyPassword(user.passwordHash, password))) return { ok: false, error: "password" };
  return prisma.$transaction(async (tx) => {
    // Locked, so a consortium created meanwhile either waits for this or is seen below.
    await tx.$queryRaw`SELECT id FROM "User" WHERE id = ${userId}::uuid FOR UPDATE`;
    const coordinating = await tx.consortium.findMany({
      where: { coordinatorId: userId },
      select: { title: true },
      orderBy: { title: "asc" },
    });
    if (coordinating.length > 0) return { ok: false, error: "coordinator", consortia: coordinating.map((c) => c.title) };
    const postings = await tx.posting.findMany({ where: { ownerId: userId }, select: { id: true } });
    // The search index forgets the postings and the profile once the worker re-reads them and finds them gone.
    if (postings.length > 0) await writeEvent(tx, "search.postings", { postingIds: postings.map((p) => p.id) });
    await writeEvent(tx, "search.people", { userIds: [userId] });
    await forgetInOthersNotices(tx, userId);
    await tx.user.delete({ where: { id: userId } });
    return { ok: true };
  });
}

const FORMER = JSON.stringify({ key: "conversation.former" });

/**
 * Other people's notices that name the person: those of the person's conversations (as the
 * one who opened or wrote), where the name becomes "former user" in the variables and in the
 * text stored for rows written before texts had keys, and requests to join (known by the
 * address, which is unique).
 */
async function forgetInOthersNotices(tx: Prisma.TransactionClient, userId: string): Promise<void> {
  const me = await tx.user.findUniqueOrThrow({ where: { id: userId }, select: { name: true, email: true } });
  const conversations = await tx.conversation.findMany({
    where: { OR: [{ senderId: userId }, { recipientUserId: userId }, { messages: { some: { authorId: userId } } }] },
    select: { id: true },
  });
  const links = conversations.map((c) => `/messages/${c.id}`);
  // In the notices of the person's conversations, the variables that hold the name (the one
  // who opened, wrote or declined) become "former user", and so does the name in the text
  // stored with each row (shown for rows written before texts had keys, which have no variables).
  await tx.$executeRaw`
    UPDATE "Notification" SET
      params = CASE WHEN params IS NULL THEN NULL ELSE params
        || CASE WHEN params->>'sender' = ${me.name} THEN jsonb_build_object('sender', ${FORMER}::jsonb) ELSE '{}'::jsonb END
        || CASE WHEN params->>'author' = ${me.name} THEN jsonb_build_object('author', ${FORMER}::jsonb) ELSE '{}'::jsonb END
        || CASE WHEN params->>'recipient' = ${me.name} THEN jsonb_build_object('recipient', ${FORMER}::jsonb) ELSE '{}'::jsonb END
      END,
      title = replace(title, ${me.name}, 'Former user'),
      body = replace(body, ${me.name}, 'Former user')
    WHERE "userId" <> ${userId}::uuid AND link = ANY(${links}::text[])
      AND (params->>'sender' = ${me.name} OR params->>'author' = ${me.name} OR params->>'recipient' = ${me.name}
        OR strpos(title, ${me.name}) > 0 OR strpos(body, ${me.name}) > 0)`;
  // A request to join goes with the account, so its notice to the organization's admins,
  // which names the person and gives the address, goes too.
  await tx.$executeRaw`DELETE FROM "Notification" WHERE kind = 'membership.request' AND params->>'email' = ${me.email}`;
}
