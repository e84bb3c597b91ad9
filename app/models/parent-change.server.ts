// Changes of corporate group that wait for approval. Two companies of one group count
// once for the funder, so joining or leaving a group decides whether a consortium is
// eligible: an organization's own admin may only *ask*. The admins of the requested
// parent decide on joining it, those of the current parent on leaving it, and a site
// administrator on anything (alone when that organization has no admins). Deciders and
// the requester are told in the app and by email, through the outbox, in the same
// transaction as the change.
import type { Prisma } from "#app/generated/prisma/client.ts";
import { message, type Message } from "#app/i18n/message.ts";
import { mayDecideFor, mayEditOrganization } from "#app/domain/permissions.ts";
import { getPrisma } from "#app/lib/db.server.ts";
import { standingIn } from "#app/models/permissions.server.ts";
import { isId } from "#app/lib/form-fields.ts";
import { notifyUsers } from "#app/models/notify.server.ts";
import { cycleIn, lockGroups, setParent } from "#app/models/organization.server.ts";

type Tx = Prisma.TransactionClient;
type Actor = { id: string; role: string };

/** What became of the parent field of a save: nothing to do, or waiting for `decider` (null: the site's administrators). */
export type ParentChangeOutcome = { pending: false } | { pending: true; decider: string | null };

const requestInclude = {
  organization: { select: { id: true, name: true } },
  parent: { select: { id: true, name: true, orgNumber: true } },
  fromParent: { select: { id: true, name: true } },
  requestedBy: { select: { id: true, name: true } },
} as const;

/**
 * The organization whose admins decide: the requested parent when joining a group, the
 * one being left when leaving. A move from one group to another needs both groups' consent,
 * and either group's admin alone could otherwise let a company slip out of its group (by
 * creating a new "parent" it administers): moves are decided by site administrators (null).
 */
function deciderOrgId(r: { parentId: string | null; fromParentId: string | null }): string | null {
  if (r.parentId && r.fromParentId && r.parentId !== r.fromParentId) return null;
  return r.parentId ?? r.fromParentId;
}

/** Admins who count: those whose address is confirmed (an unconfirmed account proves nothing). */
const confirmedAdmin = { role: "admin" as const, user: { emailConfirmedAt: { not: null } } };

/** The admins of the deciding organization, or every site administrator when it has none. */
async function deciders(tx: Tx, orgId: string | null): Promise<{ userIds: string[]; orgName: string | null }> {
  if (orgId) {
    const admins = await tx.membership.findMany({ where: { organizationId: orgId, ...confirmedAdmin }, select: { userId: true } });
    if (admins.length)
      return {
        userIds: admins.map((a) => a.userId),
        orgName: (await tx.organization.findUniqueOrThrow({ where: { id: orgId }, select: { name: true } })).name,
      };
  }
  return { userIds: (await tx.user.findMany({ where: { role: "admin" }, select: { id: true } })).map((u) => u.id), orgName: null };
}

/**
 * Called by updateOrganization inside its transaction (groups locked) with the parent the
 * form asks for. A site administrator's change applies at once; an organization admin's
 * becomes (or stays, or replaces) the organization's one pending request, and asking for
 * the present parent again withdraws it.
 */
export async function settleParentChange(tx: Tx, orgId: string, parentId: string | null, actor: Actor): Promise<ParentChangeOutcome> {
  const org = await tx.organization.findUniqueOrThrow({ where: { id: orgId }, select: { parentId: true } });
  const pending = await tx.parentChangeRequest.findUnique({ where: { pendingOrganizationId: orgId } });
  const withdraw = () =>
    tx.parentChangeRequest.update({
      where: { id: pending!.id },
      data: { status: "withdrawn", pendingOrganizationId: null, decidedById: actor.id, decidedAt: new Date() },
    });
  if (actor.role === "admin") {
    if (pending) await withdraw();
    if (parentId !== org.parentId) await setParent(tx, orgId, parentId);
    return { pending: false };
  }
  if (parentId === org.parentId) {
    if (pending) await withdraw();
    return { pending: false };
  }
  if (pending && pending.parentId === parentId) return { pending: true, decider: (await deciders(tx, deciderOrgId(pending))).orgName };
  if (pending) await withdraw();
  const request = await tx.parentChangeRequest.create({
    data: { organizationId: orgId, parentId, fromParentId: org.parentId, pendingOrganizationId: orgId, requestedById: actor.id },
    include: requestInclude,
  });
  const { userIds, orgName } = await deciders(tx, deciderOrgId(request));
  const link = request.parentId
    ? `/organizations/${request.parentId}`
    : request.fromParentId && orgName
      ? `/organizations/${request.fromParentId}`
      : "/admin/organizations";
  const person = request.requestedBy?.name ?? "";
  await notifyUsers(tx, userIds, {
    kind: "organization.group-request",
    title: "group.asked.title",
    body: "group.asked.body",
    vars: { org: request.organization.name, person, change: change(request) },
    link,
  });
  return { pending: true, decider: orgName };
}

export type DecideResult = { ok: true } | { ok: false; error: "not-found" | "decided" } | { ok: false; error: "cycle"; chain: string };

/** Approves or refuses a pending request, if `actor` may decide it; an approval re-checks the group's consortia. */
export async function decideParentChange(requestId: string, actor: Actor, approve: boolean): Promise<DecideResult> {
  if (!isId(requestId)) return { ok: false, error: "not-found" };
  return getPrisma().$transaction(async (tx): Promise<DecideResult> => {
    await lockGroups(tx);
    const r = await tx.parentChangeRequest.findUnique({ where: { id: requestId }, include: requestInclude });
    if (!r || !(await mayDecide(tx, actor, r))) return { ok: false, error: "not-found" };
    if (r.status !== "pending") return { ok: false, error: "decided" };
    if (approve) {
      // The groups may have changed since the request was made.
      const chain = await cycleIn(tx, r.organizationId, r.parentId);
      if (chain) return { ok: false, error: "cycle", chain };
      const now = await tx.organization.findUniqueOrThrow({ where: { id: r.organizationId }, select: { parentId: true } });
      if (now.parentId !== r.parentId) await setParent(tx, r.organizationId, r.parentId);
    }
    await tx.parentChangeRequest.update({
      where: { id: r.id },
      data: { status: approve ? "approved" : "refused", pendingOrganizationId: null, decidedById: actor.id, decidedAt: new Date() },
    });
    const decider = (await tx.user.findUniqueOrThrow({ where: { id: actor.id }, select: { name: true } })).name;
    const key = approve ? "approved" : "refused";
    await notifyUsers(tx, r.requestedById ? [r.requestedById] : [], {
      kind: `organization.group-${key}`,
      title: `group.${key}.title`,
      body: `group.${key}.body`,
      vars: { org: r.organization.name, person: decider, change: change(r) },
      link: `/organizations/${r.organizationId}`,
    });
    return { ok: true };
  });
}

async function mayDecide(tx: Tx, actor: Actor, r: { parentId: string | null; fromParentId: string | null }): Promise<boolean> {
  const orgId = deciderOrgId(r);
  // With no organization to decide for, only site administrators decide.
  if (orgId === null) return actor.role === "admin";
  return mayDecideFor(await standingIn(tx, actor, orgId));
}

type RequestRow = Prisma.ParentChangeRequestGetPayload<{ include: typeof requestInclude }>;

/** The request as its page shows it. */
export type ParentChangeView = {
  id: string;
  organization: { id: string; name: string };
  parent: { id: string; name: string; orgNumber: string | null } | null;
  fromParent: { id: string; name: string } | null;
  requestedBy: string | null;
  decider: string | null;
  createdAt: string;
};

async function view(tx: Tx, r: RequestRow): Promise<ParentChangeView> {
  return {
    id: r.id,
    organization: r.organization,
    parent: r.parent,
    fromParent: r.fromParent,
    requestedBy: r.requestedBy?.name ?? null,
    decider: (await deciders(tx, deciderOrgId(r))).orgName,
    createdAt: r.createdAt.toISOString(),
  };
}

/** The organization's own pending request, for its admins (and site administrators). */
export async function pendingParentChangeOf(orgId: string, viewer: Actor | null): Promise<ParentChangeView | null> {
  if (!viewer) return null;
  const prisma = getPrisma();
  const r = await prisma.parentChangeRequest.findUnique({ where: { pendingOrganizationId: orgId }, include: requestInclude });
  if (!r) return null;
  const canSee = mayEditOrganization(await standingIn(prisma, viewer, orgId));
  return canSee ? view(prisma, r) : null;
}

/** Pending requests this organization's admins decide (to join it, or to leave it), if the viewer is one of them or a site administrator. */
export async function parentChangesToDecide(orgId: string, viewer: Actor | null): Promise<ParentChangeView[]> {
  if (!viewer) return [];
  const prisma = getPrisma();
  if (!(await mayDecide(prisma, viewer, { parentId: orgId, fromParentId: null }))) return [];
  const rows = await prisma.parentChangeRequest.findMany({
    where: { status: "pending", OR: [{ parentId: orgId }, { parentId: null, fromParentId: orgId }] },
    include: requestInclude,
    orderBy: { createdAt: "asc" },
  });
  return Promise.all(rows.map((r) => view(prisma, r)));
}

/** Every pending request, oldest first, for the site administrators' page. */
export async function allPendingParentChanges(): Promise<ParentChangeView[]> {
  const prisma = getPrisma();
  const rows = await prisma.parentChangeRequest.findMany({
    where: { status: "pending" },
    include: requestInclude,
    orderBy: { createdAt: "asc" },
    take: 500,
  });
  return Promise.all(rows.map((r) => view(prisma, r)));
}

/** "Alfa AB to be controlled by Moder AB" or "Alfa AB to leave the group of Moder AB", in `locale`. */
function change(r: RequestRow): Message {
  return message(r.parentId ? "group.change.join" : "group.change.leave", {
    org: r.organization.name,
    parent: (r.parent ?? r.fromParent)?.name ?? "",
  });
}
