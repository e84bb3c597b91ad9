// Deleting one's own account. The person's row goes, and with it what is theirs alone: the
// profile, sessions, notifications, saved searches, memberships (they leave every
// organization) and the postings they published themselves (withdrawn: deleted, and taken
// out of the search index). Postings published in an organization's name stay with it.
// Conversations stay for the other side: the person's messages keep their text, with the
// author shown as "former user" (the foreign keys set null). Someone who coordinates a
// consortium cannot delete the account until it has another coordinator or is gone: a
// consortium without a coordinator would have nobody to act for it.
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
    await tx.user.delete({ where: { id: userId } });
    return { ok: true };
  });
}
