// The one query behind every "may this person act for this organization" question: a
// person's standing towards an organization, judged by the rules in app/domain/permissions.ts.
import type { Prisma } from "#app/generated/prisma/client.ts";
import type { Standing } from "#app/domain/permissions.ts";

type Db = Prisma.TransactionClient;

/** A person's standing towards the organization (their membership, site role, confirmed address). */
export async function standingIn(db: Db, user: { id: string; role?: string }, organizationId: string): Promise<Standing> {
  const m = await db.membership.findUnique({
    where: { userId_organizationId: { userId: user.id, organizationId } },
    select: { role: true, user: { select: { emailConfirmedAt: true } } },
  });
  return { siteAdmin: user.role === "admin", role: m?.role ?? null, confirmed: m ? m.user.emailConfirmedAt !== null : false };
}
