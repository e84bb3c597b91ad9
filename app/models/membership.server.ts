// Who acts for an organization. Membership is granted, never claimed: naming an
// existing organization (at registration or on the profile) files a request that the
// organization's admins decide (site admins when it has none); only then does a
// Membership row exist, and every permission check reads Membership. The first person of
// a new organization is its admin. Existing organizations are offered first (by
// organisation number, exact name, or a near miss), so a typo does not create a duplicate.
import { z } from "zod";
import { domainOf, parseEmailDomains } from "#app/domain/email-domain.ts";
import { duplicateKey, similarOrganizationName } from "#app/domain/org-names.ts";
import { parseOrgNumber } from "#app/domain/org-number.ts";
import { parseOrgQuery, rankByName } from "#app/domain/org-search.ts";
import type { Prisma } from "#app/generated/prisma/client.ts";
import { isMember, mayDecideFor, maySeeMembers } from "#app/domain/permissions.ts";
import { getPrisma } from "#app/lib/db.server.ts";
import { standingIn } from "#app/models/permissions.server.ts";
import { idsWithName, narrowByName, organizationHits, type OrganizationHit } from "#app/models/organization-search.server.ts";
import { isId } from "#app/lib/form-fields.ts";
import { writeEvent } from "#app/lib/outbox.server.ts";
import { joinByDomain } from "#app/models/email-confirmation.server.ts";
import { notifyUsers, organizationDeciders } from "#app/models/notify.server.ts";
import { msg } from "#app/i18n/index.ts";

type Tx = Prisma.TransactionClient;

/** An organization offered to choose among: what its public page shows, to tell namesakes apart. */
export type OrganizationChoice = OrganizationHit;

/** What a person asks for: a typed name or number, the choice they made among offers, or "create it". */
export const affiliationSchema = z.object({
  organization: z
    .string()
    .trim()
    .max(300)
    .optional()
    .transform((v) => v || undefined),
  organizationId: z
    .string()
    .optional()
    .transform((v) => v || undefined)
    .refine((v) => v === undefined || v === "new" || isId(v), msg("validation.invalid")),
  message: z
    .string()
    .trim()
    .max(1000)
    .optional()
    .transform((v) => v || undefined),
});
export type AffiliationInput = z.output<typeof affiliationSchema>;

export type AffiliationResult =
  | { kind: "none" }
  | { kind: "created"; organizationId: string }
  | { kind: "requested"; organizationId: string; name: string }
  | { kind: "member"; organizationId: string; name: string }
  | { kind: "joined"; organizationId: string; name: string }
  | { kind: "choose"; candidates: OrganizationChoice[] }
  | { kind: "unknown-number"; orgNumber: string }
  | { kind: "unknown-choice" };

/** Looks like an organisation number rather than a name (digits, at most a dash and spaces). */
const looksLikeNumber = (text: string) => /^[\d\s-]{10,13}$/.test(text);

/**
 * Existing organizations a typed name may mean, best first, at most 8: those the duplicate
 * rule of org-names.ts calls similar, then those the picker would offer (every typed word
 * fits a word of the name: "Sjöfarts" offers Sjöfartsverket).
 */
export async function organizationCandidates(tx: Tx, typed: string): Promise<OrganizationChoice[]> {
  const query = parseOrgQuery(typed);
  if (query.kind !== "name") return [];
  // Narrowed by shared pieces of the folded name ("Sjodata" finds "Sjödata AB"); the rules decide.
  const ids = await narrowByName(tx, query.patterns);
  const rows = await tx.organization.findMany({ where: { id: { in: ids } }, select: { id: true, name: true }, orderBy: { name: "asc" } });
  const similar = rows.filter((r) => similarOrganizationName(typed, r.name));
  const fitting = rankByName(query.words, rows, 8);
  return organizationHits([...new Set([...similar, ...fitting].map((r) => r.id))].slice(0, 8), tx);
}

type Decision =
  | { kind: "none" }
  | { kind: "existing"; organizationId: string }
  | { kind: "create"; name: string }
  | { kind: "choose"; candidates: OrganizationChoice[] }
  | { kind: "unknown-number"; orgNumber: string }
  | { kind: "unknown-choice" };

/**
 * What a typed name or a choice means, changing nothing: an existing organization (the
 * one chosen, the one with that number or exact name), a choice to make among similar
 * names, or a new organization, only when none is similar or the person said "none of
 * these" (an exact name still means the existing one).
 */
async function decide(tx: Tx, input: Pick<AffiliationInput, "organization" | "organizationId">): Promise<Decision> {
  if (input.organizationId && input.organizationId !== "new") {
    const org = await tx.organization.findUnique({ where: { id: input.organizationId }, select: { id: true } });
    return org ? { kind: "existing", organizationId: org.id } : { kind: "unknown-choice" };
  }
  const typed = input.organization;
  if (!typed) return { kind: "none" };
  if (looksLikeNumber(typed)) {
    const parsed = parseOrgNumber(typed);
    const org = parsed.ok ? await tx.organization.findUnique({ where: { orgNumber: parsed.value }, select: { id: true } }) : null;
    return org ? { kind: "existing", organizationId: org.id } : { kind: "unknown-number", orgNumber: typed };
  }
  const exact = await idsWithName(tx, typed);
  if (exact.length === 1) return { kind: "existing", organizationId: exact[0]! };
  if (exact.length > 1) return { kind: "choose", candidates: await organizationHits(exact, tx) };
  if (input.organizationId !== "new") {
    const near = await organizationCandidates(tx, typed);
    if (near.length > 0) return { kind: "choose", candidates: near };
  }
  return { kind: "create", name: typed };
}

export type AffiliationCheck =
  | { kind: "ok" }
  | { kind: "choose"; candidates: OrganizationChoice[] }
  | { kind: "unknown-number"; orgNumber: string }
  | { kind: "unknown-choice" };

/** Whether what was typed or chosen can be acted on as it is, or needs a choice or a correction first (registration asks before it creates the account). */
export async function checkAffiliation(input: Pick<AffiliationInput, "organization" | "organizationId">): Promise<AffiliationCheck> {
  const d = await getPrisma().$transaction((tx) => decide(tx, input));
  return d.kind === "choose" || d.kind === "unknown-number" || d.kind === "unknown-choice" ? d : { kind: "ok" };
}

/**
 * Resolves what a person typed or chose and acts on it inside `tx`: asks to join an
 * existing organization, or creates a new one with them as admin only when nothing
 * existing fits (or they said "none of these").
 */
export async function affiliate(tx: Tx, user: { id: string; role: string }, input: AffiliationInput): Promise<AffiliationResult> {
  // People naming the same organization at once take turns, so the second sees the
  // organization the first created and asks to join it instead of making a twin.
  const key = input.organization ? duplicateKey(input.organization) : "";
  if (key) await tx.$queryRaw`SELECT pg_advisory_xact_lock(hashtext(${`organization-name:${key}`}))::text`;
  const d = await decide(tx, input);
  if (d.kind === "existing") return requestIn(tx, user.id, d.organizationId, input.message);
  if (d.kind !== "create") return d;
  const org = await tx.organization.create({
    data: { name: d.name, kind: user.role === "company_rep" ? "company" : "university", country: "SE" },
    select: { id: true },
  });
  await tx.membership.create({ data: { userId: user.id, organizationId: org.id, role: "admin" } });
  await writeEvent(tx, "search.people", { userIds: [user.id] }); // the affiliation is part of the profile document
  return { kind: "created", organizationId: org.id };
}

async function requestIn(tx: Tx, userId: string, organizationId: string, message: string | undefined): Promise<AffiliationResult> {
  // One person's requests take turns: two submits at once must not both tell the admins.
  await tx.$queryRaw`SELECT id FROM "User" WHERE id = ${userId}::uuid FOR UPDATE`;
  const org = await tx.organization.findUniqueOrThrow({ where: { id: organizationId }, select: { name: true, emailDomains: true } });
  if (isMember(await standingIn(tx, { id: userId }, organizationId))) return { kind: "member", organizationId, name: org.name };
  // A confirmed address at a domain the organization verified: a member at once.
  const me = await tx.user.findUniqueOrThrow({ where: { id: userId }, select: { email: true, emailConfirmedAt: true } });
  if (me.emailConfirmedAt && org.emailDomains.includes(domainOf(me.email))) {
    await tx.membership.upsert({
      where: { userId_organizationId: { userId, organizationId } },
      create: { userId, organizationId },
      update: {},
    });
    await tx.membershipRequest.deleteMany({ where: { userId, organizationId } });
    await writeEvent(tx, "search.people", { userIds: [userId] });
    return { kind: "joined", organizationId, name: org.name };
  }
  const existing = await tx.membershipRequest.findUnique({
    where: { userId_organizationId: { userId, organizationId } },
    select: { status: true },
  });
  // Asking again while a request waits changes nothing and tells nobody twice.
  if (existing?.status === "pending") return { kind: "requested", organizationId, name: org.name };
  await tx.membershipRequest.upsert({
    where: { userId_organizationId: { userId, organizationId } },
    create: { userId, organizationId, message: message ?? null },
    update: { status: "pending", message: message ?? null, decidedById: null, decidedAt: null },
  });
  const requester = await tx.user.findUniqueOrThrow({ where: { id: userId }, select: { name: true, email: true } });
  await notifyUsers(tx, await organizationDeciders(tx, organizationId), {
    kind: "membership.request",
    title: "membership.requested.title",
    body: "membership.requested.body",
    vars: { person: requester.name, email: requester.email, organization: org.name, message: message ?? "" },
    link: `/organizations/${organizationId}/members`,
  });
  return { kind: "requested", organizationId, name: org.name };
}

/** Whether the user administers the organization (its admin, or a site admin). */
export async function administers(tx: Tx, user: { id: string; role: string }, organizationId: string): Promise<boolean> {
  return mayDecideFor(await standingIn(tx, user, organizationId));
}

export type DecideResult = { ok: true } | { ok: false; error: "not-found" | "forbidden" | "already-decided" };

/** An admin approves or refuses a pending request; the person is told either way. */
export async function decideMembership(
  organizationId: string,
  requesterId: string,
  actor: { id: string; role: string },
  approve: boolean,
): Promise<DecideResult> {
  if (!isId(organizationId) || !isId(requesterId)) return { ok: false, error: "not-found" };
  return getPrisma().$transaction(async (tx) => {
    const org = await tx.organization.findUnique({ where: { id: organizationId }, select: { name: true } });
    if (!org) return { ok: false, error: "not-found" };
    if (!(await administers(tx, actor, organizationId))) return { ok: false, error: "forbidden" };
    // Conditional: two admins deciding at once, or a decision on a decided request, change nothing twice.
    const n = await tx.membershipRequest.updateMany({
      where: { userId: requesterId, organizationId, status: "pending" },
      data: { status: approve ? "approved" : "refused", decidedById: actor.id, decidedAt: new Date() },
    });
    if (n.count === 0) {
      const exists = await tx.membershipRequest.count({ where: { userId: requesterId, organizationId } });
      return { ok: false, error: exists ? "already-decided" : "not-found" };
    }
    if (approve) {
      await tx.membership.upsert({
        where: { userId_organizationId: { userId: requesterId, organizationId } },
        create: { userId: requesterId, organizationId, role: "member" },
        update: {},
      });
      await writeEvent(tx, "search.people", { userIds: [requesterId] });
    }
    await notifyUsers(tx, [requesterId], {
      kind: approve ? "membership.approved" : "membership.refused",
      title: approve ? "membership.approved.title" : "membership.refused.title",
      body: approve ? "membership.approved.body" : "membership.refused.body",
      vars: { organization: org.name },
      link: approve ? `/organizations/${organizationId}` : "/profile",
    });
    return { ok: true };
  });
}

/** Members and pending requests, for the people who administer the organization; null for anyone else. */
export async function getMembersView(organizationId: string, viewer: { id: string; role: string }) {
  if (!isId(organizationId)) return null;
  const prisma = getPrisma();
  const org = await prisma.organization.findUnique({ where: { id: organizationId }, select: { id: true, name: true, emailDomains: true } });
  if (!org) return null;
  const standing = await standingIn(prisma, viewer, organizationId);
  if (!maySeeMembers(standing)) return null;
  const canDecide = mayDecideFor(standing);
  const [members, requests] = await Promise.all([
    prisma.membership.findMany({
      where: { organizationId },
      orderBy: { user: { name: "asc" } },
      select: { role: true, user: { select: { id: true, name: true, title: true } } },
    }),
    canDecide
      ? prisma.membershipRequest.findMany({
          where: { organizationId, status: "pending" },
          orderBy: { createdAt: "asc" },
          select: { message: true, createdAt: true, user: { select: { id: true, name: true, email: true, title: true } } },
        })
      : Promise.resolve([]),
  ]);
  return { org, members, requests, canDecide, canVerifyDomains: viewer.role === "admin" };
}

/** A person's own requests still waiting or refused, for the profile page. */
export async function myMembershipRequests(userId: string) {
  return getPrisma().membershipRequest.findMany({
    where: { userId, status: { in: ["pending", "refused"] } },
    orderBy: { updatedAt: "desc" },
    select: { status: true, organization: { select: { id: true, name: true } } },
  });
}

export type DomainsSaveResult =
  { ok: true; domains: string[] } | { ok: false; error: "not-found" | "invalid" | "free-mail" | "too-many"; domain?: string };

/**
 * A site admin sets the email domains verified as the organization's. Only site admins:
 * an organization's own admin could otherwise claim a domain that is not theirs. People
 * already waiting with a confirmed address there join at once.
 */
export async function setEmailDomains(
  organizationId: string,
  actor: { id: string; role: string },
  text: string,
): Promise<DomainsSaveResult> {
  if (actor.role !== "admin" || !isId(organizationId)) return { ok: false, error: "not-found" };
  const parsed = parseEmailDomains(text);
  if (!parsed.ok) return parsed;
  return getPrisma().$transaction(async (tx) => {
    const n = await tx.organization.updateMany({ where: { id: organizationId }, data: { emailDomains: parsed.domains } });
    if (n.count === 0) return { ok: false, error: "not-found" };
    const waiting = await tx.membershipRequest.findMany({
      where: { organizationId, status: "pending", user: { emailConfirmedAt: { not: null } } },
      select: { userId: true },
    });
    for (const w of waiting) await joinByDomain(tx, w.userId);
    return { ok: true, domains: parsed.domains };
  });
}

/** organizationCandidates in a transaction of its own, for a page that only shows them. */
export function findOrganizationCandidates(typed: string): Promise<OrganizationChoice[]> {
  return getPrisma().$transaction((tx) => organizationCandidates(tx, typed));
}

/** affiliate in a transaction of its own: the profile page's "join an organization". */
export function joinOrganization(user: { id: string; role: string }, input: AffiliationInput): Promise<AffiliationResult> {
  return getPrisma().$transaction((tx) => affiliate(tx, user, input));
}
