// Where a consortium's application stands: submitted, then granted or not granted, each
// with its day, recorded by the coordinator or an admin of the lead organization
// (mayRecordOutcome in app/domain/permissions.ts) under the rules of app/domain/outcome.ts.
// The change, the partners' notices and, for a grant, the past project that puts the
// consortium into each partner's track record are written in one transaction with the
// consortium's row locked, so two recordings at once neither double the project nor the notices.
import type { Prisma } from "#app/generated/prisma/client.ts";
import { recordStep, stockholmDay, type Outcome, type OutcomeRefusal, type OutcomeState } from "#app/domain/outcome.ts";
import { mayRecordOutcome } from "#app/domain/permissions.ts";
import { getPrisma } from "#app/lib/db.server.ts";
import { isId } from "#app/lib/form-fields.ts";
import { recordFunnelStep } from "#app/models/funnel.server.ts";
import { notifyUsers } from "#app/models/notify.server.ts";
import { standingIn } from "#app/models/permissions.server.ts";

type Tx = Prisma.TransactionClient;

export type OutcomeResult = { ok: true; changed: boolean } | { ok: false; error: "not-found" | OutcomeRefusal };

/** A stored @db.Date as YYYY-MM-DD (Prisma reads it as midnight UTC). */
const day = (d: Date | null): string | null => (d ? d.toISOString().slice(0, 10) : null);
const asDate = (s: string | null): Date | null => (s ? new Date(`${s}T00:00:00Z`) : null);

/** Whether this person may record the consortium's outcome (the coordinator, or a confirmed admin of its lead). */
export async function mayRecordFor(db: Tx, userId: string, c: { coordinatorId: string; leadOrganizationId: string | null }) {
  if (userId === c.coordinatorId) return true;
  const lead = c.leadOrganizationId ? await standingIn(db, { id: userId }, c.leadOrganizationId) : null;
  return mayRecordOutcome(userId, c.coordinatorId, lead);
}

export async function recordOutcome(
  consortiumId: string,
  actorId: string,
  input: { kind: Outcome; on: string },
  now = new Date(),
): Promise<OutcomeResult> {
  if (!isId(consortiumId)) return { ok: false, error: "not-found" };
  return getPrisma().$transaction(async (tx) => {
    const locked = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM "Consortium" WHERE id = ${consortiumId}::uuid FOR UPDATE`;
    if (locked.length === 0) return { ok: false, error: "not-found" };
    const c = await tx.consortium.findUniqueOrThrow({
      where: { id: consortiumId },
      select: {
        id: true,
        title: true,
        summary: true,
        keywords: true,
        coordinatorId: true,
        leadOrganizationId: true,
        outcome: true,
        submittedOn: true,
        decidedOn: true,
        programmeId: true,
        programme: { select: { name: true } },
        members: { select: { organizationId: true, status: true, contactId: true, answeredById: true } },
      },
    });
    // Refused like a page one may not see: nothing says the consortium exists.
    if (!(await mayRecordFor(tx, actorId, c))) return { ok: false, error: "not-found" };
    const before: OutcomeState = { outcome: c.outcome, submittedOn: day(c.submittedOn), decidedOn: day(c.decidedOn) };
    const step = recordStep(before, input.kind, input.on, stockholmDay(now));
    if (!step.ok) return step;
    if (!step.changed) return { ok: true, changed: false };
    const after = step.state;
    await tx.consortium.update({
      where: { id: c.id },
      data: { outcome: after.outcome, submittedOn: asDate(after.submittedOn), decidedOn: asDate(after.decidedOn), outcomeById: actorId },
    });
    // The funnel counts a submission and a grant on the day given, once (a corrected day moves it).
    if (after.outcome === "submitted" || after.outcome === "granted")
      await recordFunnelStep(tx, after.outcome, {
        consortiumId: c.id,
        programmeId: c.programmeId,
        key: `${after.outcome}:${c.id}`,
        at: asDate(after.outcome === "submitted" ? after.submittedOn : after.decidedOn)!,
      });
    const accepted = c.members.filter((m) => m.status === "accepted");
    if (after.outcome === "granted")
      await becomeProject(
        tx,
        c,
        after.decidedOn!,
        accepted.map((m) => m.organizationId),
      );
    const told = (await partnerPeople(tx, accepted)).filter((id) => id !== actorId);
    if (c.coordinatorId !== actorId) told.push(c.coordinatorId);
    await notifyUsers(tx, told, {
      kind: `consortium.outcome-${after.outcome}`,
      title: `outcome.notice.${after.outcome!}.title`,
      body: `outcome.notice.${after.outcome!}.body`,
      vars: { title: c.title, programme: c.programme.name, date: { date: input.on } },
      link: `/consortia/${c.id}`,
    });
    return { ok: true, changed: true };
  });
}

/**
 * A granted consortium as a past project of its lead and accepted partners: made once
 * (the project's consortiumId is unique), its partners added without repeats.
 */
async function becomeProject(
  tx: Tx,
  c: { id: string; title: string; summary: string; keywords: string[]; leadOrganizationId: string | null; programme: { name: string } },
  decidedOn: string,
  partners: string[],
) {
  const data = {
    title: c.title.slice(0, 300),
    summary: c.summary,
    programme: c.programme.name.slice(0, 200),
    year: Number(decidedOn.slice(0, 4)),
    keywords: c.keywords,
    leadOrganizationId: c.leadOrganizationId,
  };
  const project = await tx.project.upsert({
    where: { consortiumId: c.id },
    create: { ...data, consortiumId: c.id },
    update: data,
    select: { id: true },
  });
  if (partners.length > 0)
    await tx.projectPartner.createMany({
      data: partners.map((organizationId) => ({ projectId: project.id, organizationId })),
      skipDuplicates: true,
    });
}

/**
 * Who hears news of a consortium for its accepted partners: each partner's contact, else its
 * admins, else the person who accepted for it (as threshold announcements do).
 */
export async function partnerPeople(
  tx: Tx,
  accepted: { organizationId: string; contactId: string | null; answeredById: string | null }[],
): Promise<string[]> {
  const contacts = accepted.flatMap((m) => (m.contactId ? [m.contactId] : []));
  const adminsOf = accepted.filter((m) => !m.contactId).map((m) => m.organizationId);
  const admins = adminsOf.length
    ? await tx.membership.findMany({
        where: { organizationId: { in: adminsOf }, role: "admin" },
        select: { userId: true, organizationId: true },
      })
    : [];
  const withAdmins = new Set(admins.map((a) => a.organizationId));
  const answerers = accepted.flatMap((m) => (!m.contactId && !withAdmins.has(m.organizationId) && m.answeredById ? [m.answeredById] : []));
  return [...new Set([...contacts, ...admins.map((a) => a.userId), ...answerers])];
}

/** The outcome as the consortium page shows it, and whether the viewer may record the next step. */
export async function outcomeView(
  c: {
    coordinatorId: string;
    leadOrganizationId: string | null;
    outcome: Outcome | null;
    submittedOn: Date | null;
    decidedOn: Date | null;
  },
  viewerId: string,
) {
  return {
    state: { outcome: c.outcome, submittedOn: day(c.submittedOn), decidedOn: day(c.decidedOn) } satisfies OutcomeState,
    mayRecord: await mayRecordFor(getPrisma(), viewerId, c),
  };
}
