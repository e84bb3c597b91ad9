// Consortia: created by a coordinator, organizations invited, invitations answered by a
// representative of the invited organization, pledges recorded, members withdrawing or
// removed. Every change writes a consortium.changed outbox event in its transaction; the
// worker re-evaluates the rules and announces threshold crossings (workers/consortia.ts).
import { z } from "zod";
import { evaluate, type Evaluation, type MemberStatus, type Org, type Programme } from "#app/domain/eligibility.ts";
import type { Prisma } from "#app/generated/prisma/client.ts";
import { isMember, mayLeadFor, maySeeConsortium, speaksForInConsortium } from "#app/domain/permissions.ts";
import { getPrisma } from "#app/lib/db.server.ts";
import { standingIn } from "#app/models/permissions.server.ts";
import { isId, kronor, listField, subjectsField } from "#app/lib/form-fields.ts";
import { writeEvent } from "#app/lib/outbox.server.ts";
import { parentMap } from "#app/models/corporate-group.server.ts";
import { recordConsortiumStep, recordFunnelStep } from "#app/models/funnel.server.ts";
import { notifyUsers, organizationPeople } from "#app/models/notify.server.ts";
import { mayRecordFor } from "#app/models/outcome.server.ts";
import { recordLeaving } from "#app/models/letter.server.ts";
import type { InvitationDeclineReason } from "#app/domain/invitation-decline.ts";

import { MAX_SEK } from "#app/domain/programme.ts";
import { msg } from "#app/i18n/index.ts";

export const pledgeSchema = z.object({
  pledgeCash: kronor(MAX_SEK),
  pledgeInKind: kronor(MAX_SEK),
});

export type ConsortiumResult =
  | { ok: true }
  | { ok: false; error: "not-found" | "forbidden" | "not-invited" | "not-a-member" | "not-at-organization" | "already-a-partner" };

type Tx = Prisma.TransactionClient;

async function changed(tx: Tx, consortiumId: string) {
  await writeEvent(tx, "consortium.changed", { consortiumId });
}

/** Does this user speak for the organization in this consortium (app/domain/permissions.ts)? */
async function speaksFor(tx: Tx, userId: string, organizationId: string, contactId: string | null): Promise<boolean> {
  return speaksForInConsortium(userId, contactId, await standingIn(tx, { id: userId }, organizationId));
}

export async function invite(
  consortiumId: string,
  actorId: string,
  organizationId: string,
  contactId: string | null = null,
): Promise<ConsortiumResult> {
  if (!isId(consortiumId) || !isId(organizationId)) return { ok: false, error: "not-found" };
  return getPrisma().$transaction(async (tx) => {
    // Invitations to one consortium take turns, so two at once do not both tell the invitee.
    await tx.$queryRaw`SELECT id FROM "Consortium" WHERE id = ${consortiumId}::uuid FOR UPDATE`;
    const c = await tx.consortium.findUnique({
      where: { id: consortiumId },
      select: {
        coordinatorId: true,
        title: true,
        summary: true,
        programmeId: true,
        programme: { select: { name: true } },
        coordinator: { select: { name: true } },
      },
    });
    if (!c) return { ok: false, error: "not-found" };
    if (c.coordinatorId !== actorId) return { ok: false, error: "forbidden" };
    const org = await tx.organization.findUnique({ where: { id: organizationId }, select: { name: true } });
    if (!org) return { ok: false, error: "not-found" };
    if (contactId && !(await isMemberOf(tx, contactId, organizationId))) return { ok: false, error: "not-at-organization" };
    const before = await tx.consortiumMember.findUnique({
      where: { consortiumId_organizationId: { consortiumId, organizationId } },
      select: { status: true, contactId: true },
    });
    // An accepted partner is not invited again: that would take it out of the count and
    // leave its letter of intent in place, unnoticed (its contact is changed on its own).
    if (before?.status === "accepted") return { ok: false, error: "already-a-partner" };
    await tx.consortiumMember.upsert({
      where: { consortiumId_organizationId: { consortiumId, organizationId } },
      create: { consortiumId, organizationId, contactId, status: "invited" },
      update: { contactId, status: "invited", reason: null, answeredById: null },
    });
    // The invitation reaches a person: the named contact, else the organization's admins,
    // else its members (any of whom may answer), else the site's admins. Repeating the
    // same invitation tells nobody twice.
    if (before?.status !== "invited") await recordFunnelStep(tx, "invitation", { consortiumId, programmeId: c.programmeId });
    if (before?.status !== "invited" || before.contactId !== contactId) {
      const to = contactId ? [contactId] : await organizationPeople(tx, organizationId);
      const summary = c.summary.length > 600 ? `${c.summary.slice(0, 600)}…` : c.summary;
      await notifyUsers(tx, to, {
        kind: "consortium.invitation",
        title: "invitation.title",
        body: "invitation.body",
        vars: { organization: org.name, consortium: c.title, programme: c.programme.name, coordinator: c.coordinator.name, summary },
        link: `/consortia/${consortiumId}`,
      });
    }
    await changed(tx, consortiumId);
    return { ok: true };
  });
}

/** The contact may answer for the organization, so it must be one of its people. */
async function isMemberOf(tx: Tx, userId: string, organizationId: string): Promise<boolean> {
  return isMember(await standingIn(tx, { id: userId }, organizationId));
}

/**
 * The coordinator names the person at a partner the invitation is for (null: the
 * organization's administrators). That person may answer for it and is the one told of
 * threshold crossings.
 */
export async function setContact(
  consortiumId: string,
  organizationId: string,
  actorId: string,
  contactId: string | null,
): Promise<ConsortiumResult> {
  return getPrisma().$transaction(async (tx) => {
    const c = await tx.consortium.findUnique({ where: { id: consortiumId }, select: { coordinatorId: true } });
    if (!c) return { ok: false, error: "not-found" };
    if (c.coordinatorId !== actorId) return { ok: false, error: "forbidden" };
    if (contactId && !(await isMemberOf(tx, contactId, organizationId))) return { ok: false, error: "not-at-organization" };
    const n = await tx.consortiumMember.updateMany({
      where: { consortiumId, organizationId, status: { in: ["invited", "accepted"] } },
      data: { contactId },
    });
    return n.count ? { ok: true } : { ok: false, error: "not-a-member" };
  });
}

/** Accept or decline an invitation, for the invited organization; a decline keeps the kind of reason given. */
export async function respond(
  consortiumId: string,
  organizationId: string,
  actorId: string,
  accept: boolean,
  reason?: string,
  declineReason?: InvitationDeclineReason,
): Promise<ConsortiumResult> {
  return getPrisma().$transaction(async (tx) => {
    const m = await tx.consortiumMember.findUnique({
      where: { consortiumId_organizationId: { consortiumId, organizationId } },
      select: { status: true, contactId: true },
    });
    if (!m) return { ok: false, error: "not-found" };
    if (!(await speaksFor(tx, actorId, organizationId, m.contactId))) return { ok: false, error: "forbidden" };
    // Conditional update: two answers at once, or an answer after a withdrawal, change nothing twice.
    const n = await tx.consortiumMember.updateMany({
      where: { consortiumId, organizationId, status: "invited" },
      data: {
        status: accept ? "accepted" : "declined",
        reason: reason?.trim() || null,
        declineReason: accept ? null : (declineReason ?? null),
        answeredById: actorId,
      },
    });
    if (n.count === 0) return { ok: false, error: "not-invited" };
    if (accept) await recordConsortiumStep(tx, "accepted", consortiumId);
    await changed(tx, consortiumId);
    return { ok: true };
  });
}

export async function setPledge(
  consortiumId: string,
  organizationId: string,
  actorId: string,
  pledge: { pledgeCash: number; pledgeInKind: number },
): Promise<ConsortiumResult> {
  const { pledgeCash, pledgeInKind } = pledgeSchema.parse(pledge);
  return getPrisma().$transaction(async (tx) => {
    const m = await tx.consortiumMember.findUnique({
      where: { consortiumId_organizationId: { consortiumId, organizationId } },
      select: { status: true, contactId: true },
    });
    if (!m) return { ok: false, error: "not-found" };
    if (!(await speaksFor(tx, actorId, organizationId, m.contactId))) return { ok: false, error: "forbidden" };
    if (m.status === "declined" || m.status === "withdrawn") return { ok: false, error: "not-a-member" };
    await tx.consortiumMember.update({
      where: { consortiumId_organizationId: { consortiumId, organizationId } },
      data: { pledgeCash: BigInt(pledgeCash), pledgeInKind: BigInt(pledgeInKind) },
    });
    await changed(tx, consortiumId);
    return { ok: true };
  });
}

/** A member leaves (its representative), or the coordinator removes it. */
export async function withdraw(consortiumId: string, organizationId: string, actorId: string, reason?: string): Promise<ConsortiumResult> {
  return getPrisma().$transaction(async (tx) => {
    const c = await tx.consortium.findUnique({
      where: { id: consortiumId },
      select: { coordinatorId: true, members: { where: { organizationId }, select: { contactId: true } } },
    });
    const m = c?.members[0];
    if (!c || !m) return { ok: false, error: "not-found" };
    const byCoordinator = c.coordinatorId === actorId;
    if (!byCoordinator && !(await speaksFor(tx, actorId, organizationId, m.contactId))) return { ok: false, error: "forbidden" };
    const n = await tx.consortiumMember.updateMany({
      where: { consortiumId, organizationId, status: { in: ["invited", "accepted"] } },
      data: { status: "withdrawn", reason: reason?.trim() || (byCoordinator ? "Removed by the coordinator" : null) },
    });
    if (n.count === 0) return { ok: false, error: "not-a-member" };
    await recordLeaving(tx, consortiumId, organizationId, actorId);
    await changed(tx, consortiumId);
    return { ok: true };
  });
}

/** Every organization involved and all their parents, for the group rules. */
async function orgsWithAncestors(tx: Tx, ids: string[]): Promise<Map<string, Org>> {
  const parents = await parentMap(ids, tx);
  if (parents.size === 0) return new Map();
  const rows = await tx.organization.findMany({
    where: { id: { in: [...parents.keys()] } },
    select: { id: true, name: true, kind: true, parentId: true, eligibleApplicant: true },
  });
  return new Map(rows.map((r) => [r.id, r]));
}

/** The consortium's evaluation against its programme, read inside `tx`. */
export async function evaluateConsortium(
  tx: Tx,
  consortiumId: string,
): Promise<{
  evaluation: Evaluation;
  programme: Programme;
  consortium: {
    id: string;
    title: string;
    coordinatorId: string;
    thresholdMet: boolean;
    readyAnnounced: boolean;
    eligibleSeen: boolean;
    programmeId: string;
    members: { organizationId: string; status: string; contactId: string | null; answeredById: string | null }[];
  };
} | null> {
  const c = await tx.consortium.findUnique({
    where: { id: consortiumId },
    include: { programme: true, members: { orderBy: [{ createdAt: "asc" }, { organizationId: "asc" }] } },
  });
  if (!c) return null;
  const { evaluation, programme } = await evaluateLoaded(tx, c);
  return {
    evaluation,
    programme,
    consortium: {
      id: c.id,
      title: c.title,
      coordinatorId: c.coordinatorId,
      thresholdMet: c.thresholdMet,
      readyAnnounced: c.readyAnnounced,
      eligibleSeen: c.eligibleSeen,
      programmeId: c.programmeId,
      members: c.members,
    },
  };
}

/** What the rules read of a consortium: its funding, lead, programme and members' pledges. */
interface Evaluable {
  requestedFunding: bigint;
  leadOrganizationId: string | null;
  programme: Programme;
  members: { organizationId: string; status: MemberStatus; pledgeCash: bigint; pledgeInKind: bigint }[];
}

/** The evaluation of a consortium already read: only the organizations and their parents are read here. */
async function evaluateLoaded(db: Tx, c: Evaluable): Promise<{ evaluation: Evaluation; programme: Programme }> {
  const orgs = await orgsWithAncestors(db, [
    ...c.members.map((m) => m.organizationId),
    ...(c.leadOrganizationId ? [c.leadOrganizationId] : []),
  ]);
  const programme: Programme = {
    minIndependentCompanies: c.programme.minIndependentCompanies,
    coFundingRatio: c.programme.coFundingRatio,
    instituteCapShare: c.programme.instituteCapShare,
    requireEligibleApplicant: c.programme.requireEligibleApplicant,
  };
  const evaluation = evaluate(
    {
      requestedFunding: Number(c.requestedFunding),
      leadOrganizationId: c.leadOrganizationId,
      members: c.members.map((m) => ({
        organizationId: m.organizationId,
        status: m.status,
        pledgeCash: Number(m.pledgeCash),
        pledgeInKind: Number(m.pledgeInKind),
      })),
    },
    orgs,
    programme,
  );
  return { evaluation, programme };
}

/**
 * A consortium as its page shows it, for a viewer who may see its internals: the
 * coordinator, or someone at an invited or accepted organization. Null otherwise.
 */
export async function getConsortiumView(id: string, viewerId: string) {
  const prisma = getPrisma();
  const c = await prisma.consortium.findUnique({
    where: { id },
    include: {
      programme: {
        select: {
          name: true,
          deadline: true,
          minIndependentCompanies: true,
          coFundingRatio: true,
          instituteCapShare: true,
          requireEligibleApplicant: true,
        },
      },
      leadOrganization: { select: { id: true, name: true } },
      coordinator: { select: { id: true, name: true } },
      members: {
        orderBy: [{ createdAt: "asc" }, { organizationId: "asc" }],
        include: { organization: { select: { id: true, name: true, kind: true } }, contact: { select: { id: true, name: true } } },
      },
    },
  });
  if (!c) return null;
  const mine = await prisma.membership.findMany({
    where: { userId: viewerId, organizationId: { in: c.members.map((m) => m.organizationId) } },
    select: { organizationId: true },
  });
  const memberOf = new Set(mine.map((m) => m.organizationId));
  // The lead's admins see it too: they may record its outcome.
  if (!maySeeConsortium(viewerId, c, memberOf) && !(await mayRecordFor(prisma, viewerId, c))) return null;
  const isCoordinator = c.coordinatorId === viewerId;
  // The organizations the viewer can speak for here: theirs, and those they are the named contact of.
  const myOrgs = new Set([...memberOf, ...c.members.filter((m) => m.contactId === viewerId).map((m) => m.organizationId)]);
  const { evaluation } = await evaluateLoaded(prisma, c);
  // The coordinator chooses each partner's contact among its people.
  const people = isCoordinator
    ? await prisma.membership.findMany({
        where: { organizationId: { in: c.members.map((m) => m.organizationId) } },
        orderBy: { user: { name: "asc" } },
        select: { organizationId: true, user: { select: { id: true, name: true } } },
      })
    : [];
  return { consortium: c, evaluation, isCoordinator, myOrgs: [...myOrgs], people };
}

/** Whether this user may see the consortium's page (maySeeConsortium): where to land after leaving it. */
export async function maySee(id: string, viewerId: string): Promise<boolean> {
  const prisma = getPrisma();
  const c = await prisma.consortium.findUnique({
    where: { id },
    select: {
      coordinatorId: true,
      leadOrganizationId: true,
      members: { select: { organizationId: true, contactId: true, status: true } },
    },
  });
  if (!c) return false;
  const mine = await prisma.membership.findMany({
    where: { userId: viewerId, organizationId: { in: c.members.map((m) => m.organizationId) } },
    select: { organizationId: true },
  });
  return maySeeConsortium(viewerId, c, new Set(mine.map((m) => m.organizationId))) || (await mayRecordFor(prisma, viewerId, c));
}

export const descriptionSchema = z.object({
  summary: z.string().trim().min(1).max(10_000),
  keywords: listField(30, 100),
});

/** The coordinator rewrites what the project is about. False for anyone else (or no such consortium). */
export async function describeConsortium(id: string, actorId: string, input: z.output<typeof descriptionSchema>): Promise<boolean> {
  const n = await getPrisma().consortium.updateMany({ where: { id, coordinatorId: actorId }, data: input });
  return n.count > 0;
}

/** The coordinator says what a partner is expected to give; empty clears it. False for anyone else, or no such partner. */
export async function setExpectedContribution(id: string, organizationId: string, actorId: string, text: string): Promise<boolean> {
  const n = await getPrisma().consortiumMember.updateMany({
    where: { consortiumId: id, organizationId, consortium: { coordinatorId: actorId } },
    data: { expectedContribution: text.trim() || null },
  });
  return n.count > 0;
}

/** The consortia this user coordinates that could still invite the organization (from its page). */
export async function consortiaToInviteTo(userId: string, organizationId: string) {
  return getPrisma().consortium.findMany({
    where: { coordinatorId: userId, members: { none: { organizationId, status: { in: ["invited", "accepted"] } } } },
    orderBy: { updatedAt: "desc" },
    select: { id: true, title: true },
  });
}

/**
 * The consortia a user coordinates or whose invited or accepted organizations they belong
 * to, and those whose lead they administer: maySeeConsortium and mayRecordOutcome
 * (app/domain/permissions.ts) as a query.
 */
export async function listMyConsortia(userId: string) {
  const memberships = await getPrisma().membership.findMany({
    where: { userId },
    select: { organizationId: true, role: true, user: { select: { emailConfirmedAt: true } } },
  });
  const orgs = memberships.map((m) => m.organizationId);
  const leads = memberships.filter((m) => m.role === "admin" && m.user.emailConfirmedAt !== null).map((m) => m.organizationId);
  const found = await getPrisma().consortium.findMany({
    where: {
      OR: [
        { coordinatorId: userId },
        { members: { some: { status: { in: ["invited", "accepted"] }, OR: [{ organizationId: { in: orgs } }, { contactId: userId }] } } },
        ...(leads.length ? [{ leadOrganizationId: { in: leads } }] : []),
      ],
    },
    orderBy: { updatedAt: "desc" },
    select: {
      id: true,
      title: true,
      thresholdMet: true,
      requestedFunding: true,
      leadOrganizationId: true,
      outcome: true,
      programme: true,
      members: { select: { organizationId: true, status: true, pledgeCash: true, pledgeInKind: true } },
    },
  });
  // What each still lacks, as the list says it next to the title (a person's consortia are few).
  return Promise.all(
    found.map(async (c) => {
      const { evaluation } = await evaluateLoaded(getPrisma(), c);
      return {
        id: c.id,
        title: c.title,
        thresholdMet: c.thresholdMet,
        outcome: c.outcome,
        programme: { name: c.programme.name, deadline: c.programme.deadline },
        missing: evaluation.missing,
        eligible: evaluation.eligible,
      };
    }),
  );
}

export const consortiumSchema = z.object({
  programmeId: z.string().refine(isId, msg("validation.invalid")),
  title: z.string().trim().min(1).max(300),
  summary: z.string().trim().min(1).max(10_000),
  keywords: listField(30, 100),
  subjects: subjectsField,
  requestedFunding: kronor(MAX_SEK),
  leadOrganizationId: z.string().refine(isId, msg("validation.invalid")),
});
export type ConsortiumInput = z.output<typeof consortiumSchema>;

export type CreateResult = { ok: true; id: string } | { ok: false; field: "programmeId" | "leadOrganizationId" };

/**
 * Creates a consortium with this user as coordinator. The lead applies in its own name,
 * so the coordinator must be one of its people (site admins excepted).
 */
export async function createConsortium(user: { id: string; role: string }, input: ConsortiumInput): Promise<CreateResult> {
  return getPrisma().$transaction(async (tx) => {
    const [programme, lead, standing] = await Promise.all([
      tx.programme.count({ where: { id: input.programmeId } }),
      tx.organization.count({ where: { id: input.leadOrganizationId } }),
      standingIn(tx, user, input.leadOrganizationId),
    ]);
    if (!programme) return { ok: false, field: "programmeId" };
    if (!lead || !mayLeadFor(standing)) return { ok: false, field: "leadOrganizationId" };
    const c = await tx.consortium.create({ data: { ...input, requestedFunding: BigInt(input.requestedFunding), coordinatorId: user.id } });
    await changed(tx, c.id);
    return { ok: true, id: c.id };
  });
}

/** What the create form offers: programmes, and the universities this person may lead for (eligible ones first). */
export async function consortiumFormOptions(user: { id: string; role: string }) {
  const prisma = getPrisma();
  const [programmes, universities] = await Promise.all([
    prisma.programme.findMany({ orderBy: { name: "asc" }, select: { id: true, name: true } }),
    prisma.organization.findMany({
      where: { kind: "university", ...(user.role === "admin" ? {} : { memberships: { some: { userId: user.id } } }) },
      orderBy: [{ eligibleApplicant: "desc" }, { name: "asc" }],
      select: { id: true, name: true, eligibleApplicant: true },
    }),
  ]);
  return { programmes, universities };
}
