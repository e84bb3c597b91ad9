// What the signed-in home shows: where the person's profile and guided start stand, the
// invitations waiting for their answer, their consortia with what each still misses, and
// new suggestions for their postings. Everything is read from PostgreSQL: the suggestions
// come from the lists kept for each posting (search/partner-cache.server.ts), never
// computed here, so the home stays cheap however many postings a person has.
import { daysLeft, guide, missingProfileParts } from "#app/domain/home.ts";
import { speaksForInConsortium } from "#app/domain/permissions.ts";
import { getPrisma } from "#app/lib/db.server.ts";
import { listMyConsortia } from "#app/models/consortium.server.ts";

/** How many consortia the home evaluates: each costs a few queries. */
const CONSORTIA = 10;
/** How many of the person's postings the home looks at for new suggestions. */
const POSTINGS = 10;

export async function homeFor(userId: string) {
  const prisma = getPrisma();
  const [user, memberships, requests, postings] = await Promise.all([
    prisma.user.findUniqueOrThrow({
      where: { id: userId },
      select: {
        title: true,
        languages: true,
        keywords: true,
        subjects: true,
        researchInterests: true,
        competencies: true,
        matchesSeenAt: true,
        guideDismissedAt: true,
      },
    }),
    prisma.membership.findMany({ where: { userId }, select: { organizationId: true, role: true } }),
    prisma.membershipRequest.count({ where: { userId, status: "pending" } }),
    prisma.posting.findMany({
      where: { ownerId: userId, status: { not: "archived" } },
      orderBy: { updatedAt: "desc" },
      take: POSTINGS,
      select: { id: true, title: true, status: true },
    }),
  ]);
  const missing = missingProfileParts({ ...user, organizations: memberships.length + requests });
  const [invitations, consortia, matches] = await Promise.all([
    waitingInvitations(userId, memberships),
    consortiaWithMissing(userId),
    newMatches(
      postings.filter((p) => p.status === "active"),
      user.matchesSeenAt,
    ),
  ]);
  return {
    missing,
    guide: guide({ missing, postings: postings.length, matchesSeenAt: user.matchesSeenAt, guideDismissedAt: user.guideDismissedAt }),
    invitations,
    consortia,
    matches,
    firstPosting: postings[0]?.id ?? null,
  };
}

/** Invitations to organizations this person speaks for (app/domain/permissions.ts), not yet answered. */
async function waitingInvitations(userId: string, memberships: { organizationId: string; role: "member" | "admin" }[]) {
  const role = new Map(memberships.map((m) => [m.organizationId, m.role]));
  const rows = await getPrisma().consortiumMember.findMany({
    where: { status: "invited", OR: [{ contactId: userId }, { organizationId: { in: [...role.keys()] } }] },
    orderBy: { createdAt: "desc" },
    take: 20,
    select: {
      organizationId: true,
      contactId: true,
      organization: { select: { name: true } },
      consortium: { select: { id: true, title: true, coordinator: { select: { name: true } } } },
    },
  });
  return rows
    .filter((r) => speaksForInConsortium(userId, r.contactId, { role: role.get(r.organizationId) ?? null }))
    .map((r) => ({
      consortiumId: r.consortium.id,
      title: r.consortium.title,
      coordinator: r.consortium.coordinator.name,
      organizationId: r.organizationId,
      organization: r.organization.name,
    }));
}

/** The person's consortia, each with its evaluation's verdict and missing line, its deadline and outcome. */
async function consortiaWithMissing(userId: string, now = new Date()) {
  const mine = (await listMyConsortia(userId)).slice(0, CONSORTIA);
  return mine.map((c) => ({
    id: c.id,
    title: c.title,
    programme: c.programme.name,
    eligible: c.eligible,
    missing: c.missing,
    outcome: c.outcome,
    deadline: c.programme.deadline?.toISOString() ?? null,
    daysLeft: c.programme.deadline ? daysLeft(c.programme.deadline, now) : null,
  }));
}

/** The part of a kept list the home reads (search/partner-cache.server.ts writes it). */
interface KeptLists {
  partners?: { id: string; name: string; postings?: { id: string }[] }[];
}

/**
 * For each active posting with a kept list of suggestions: the partners suggested through
 * a posting published since the person last looked at their suggestions (all of them, if
 * they never have). Postings no longer visible are not counted.
 */
async function newMatches(postings: { id: string; title: string }[], seenAt: Date | null, now = new Date()) {
  if (postings.length === 0) return [];
  const prisma = getPrisma();
  const kept = await prisma.partnerSuggestionCache.findMany({
    where: { postingId: { in: postings.map((p) => p.id) }, audience: "members" },
    select: { postingId: true, lists: true },
  });
  const lists = new Map(kept.map((k) => [k.postingId, ((k.lists as KeptLists | null)?.partners ?? []).slice(0, 10)]));
  const suggested = [...new Set([...lists.values()].flatMap((ps) => ps.flatMap((p) => (p.postings ?? []).map((x) => x.id))))];
  const fresh = new Set(
    suggested.length === 0
      ? []
      : (
          await prisma.posting.findMany({
            where: {
              id: { in: suggested },
              status: "active",
              expiresAt: { gt: now },
              ...(seenAt ? { createdAt: { gt: seenAt } } : {}),
            },
            select: { id: true },
          })
        ).map((r) => r.id),
  );
  return postings
    .map((p) => {
      const partners = (lists.get(p.id) ?? []).filter((s) => (s.postings ?? []).some((x) => fresh.has(x.id)));
      return { postingId: p.id, title: p.title, count: partners.length, names: partners.slice(0, 3).map((s) => s.name) };
    })
    .filter((m) => m.count > 0);
}

/** The person has seen the suggestions for a posting of theirs: the home counts from now. */
export async function markMatchesSeen(userId: string, now = new Date()): Promise<void> {
  await getPrisma().user.update({ where: { id: userId }, data: { matchesSeenAt: now } });
}

export async function dismissGuide(userId: string, now = new Date()): Promise<void> {
  await getPrisma().user.update({ where: { id: userId }, data: { guideDismissedAt: now } });
}
