// Watching consortia: a consortium.changed event re-evaluates the consortium and, when
// the threshold of independent co-funding companies is reached (not met → met) or lost
// (met → not met), tells the coordinator and every accepted member, in the app and by
// email. Exactly once per transition: the consortium row is locked, the announced state
// (thresholdMet) is compared and updated, and the notifications and emails are written,
// all in one transaction. Duplicate jobs, retries and concurrent workers find the state
// already announced and do nothing; a worker killed mid-job leaves nothing half-done.
import { getPrisma } from "#app/lib/db.server.ts";
import type { Prisma } from "#app/generated/prisma/client.ts";
import { evaluateConsortium } from "#app/models/consortium.server.ts";
import { notifyUsers } from "#app/models/notify.server.ts";

export type Transition = "reached" | "lost" | null;

export async function reevaluateConsortium(consortiumId: string): Promise<Transition> {
  return getPrisma().$transaction((tx) => reevaluateConsortiumIn(tx, consortiumId));
}

/** The same inside the caller's transaction (the worker's, which also marks the event processed). */
export async function reevaluateConsortiumIn(tx: Prisma.TransactionClient, consortiumId: string): Promise<Transition> {
  const locked = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM "Consortium" WHERE id = ${consortiumId}::uuid FOR UPDATE`;
  if (locked.length === 0) return null; // deleted meanwhile: nothing to announce
  const found = (await evaluateConsortium(tx, consortiumId))!;
  const { evaluation: e, programme: p, consortium: c } = found;
  const met = e.independentCompanies >= p.minIndependentCompanies;
  if (met === c.thresholdMet) return null;
  await tx.consortium.update({ where: { id: c.id }, data: { thresholdMet: met } });

  // The coordinator and every accepted member: its contact, else its organization's
  // admins, else the person who accepted for it, so every member has someone who hears.
  const accepted = c.members.filter((m) => m.status === "accepted");
  const contactIds = accepted.flatMap((m) => (m.contactId ? [m.contactId] : []));
  const adminsOf = accepted.filter((m) => !m.contactId).map((m) => m.organizationId);
  const admins = adminsOf.length
    ? await tx.membership.findMany({
        where: { organizationId: { in: adminsOf }, role: "admin" },
        select: { userId: true, organizationId: true },
      })
    : [];
  const withAdmins = new Set(admins.map((a) => a.organizationId));
  const answerers = accepted.flatMap((m) => (!m.contactId && !withAdmins.has(m.organizationId) && m.answeredById ? [m.answeredById] : []));
  const key = met ? "reached" : "lost";
  await notifyUsers(tx, [c.coordinatorId, ...contactIds, ...admins.map((a) => a.userId), ...answerers], {
    kind: `consortium.threshold-${key}`,
    title: `consortium.${key}.title`,
    body: `consortium.${key}.body`,
    vars: { title: c.title, count: e.independentCompanies, min: p.minIndependentCompanies },
    link: `/consortia/${c.id}`,
  });
  return key;
}
