// Merging a duplicate organization into the one kept, by a site administrator. One
// transaction moves everything that points at the duplicate, then deletes it; anything
// left pointing at it (a table added later and not moved here) makes the delete fail and
// the whole merge roll back, rather than be lost.
import { findCycles } from "#app/domain/corporate-group.ts";
import { parentMap } from "#app/models/corporate-group.server.ts";
import { duplicateGroups } from "#app/domain/org-names.ts";
import type { MessageKey } from "#app/i18n/index.ts";
import { getPrisma } from "#app/lib/db.server.ts";
import { isId } from "#app/lib/form-fields.ts";
import { writeEvent } from "#app/lib/outbox.server.ts";
import { groupChanged, lockGroups } from "#app/models/organization.server.ts";

export type MergeResult =
  { ok: true; from: string; into: string } | { ok: false; field: "from" | "into"; message: MessageKey; vars?: Record<string, string> };

// Fields the kept organization takes from the duplicate when it has none of its own.
const FILLED = ["region", "website", "employees", "sme", "sniCode", "description", "competencies", "needs", "coFundingCapacity"] as const;

/** Merges organization `fromId` into `intoId` (kept); `actorId` is the site administrator, recorded on requests it withdraws. */
export async function mergeOrganizations(fromId: string, intoId: string, actorId: string): Promise<MergeResult> {
  const from = fromId.trim();
  const into = intoId.trim();
  if (from === into) return { ok: false, field: "into", message: "merge.same" };
  if (!isId(from)) return { ok: false, field: "from", message: "merge.unknown", vars: { id: from } };
  if (!isId(into)) return { ok: false, field: "into", message: "merge.unknown", vars: { id: into } };
  return getPrisma().$transaction(
    async (tx): Promise<MergeResult> => {
      await lockGroups(tx);
      const [a, b] = await Promise.all([
        tx.organization.findUnique({ where: { id: from } }),
        tx.organization.findUnique({ where: { id: into } }),
      ]);
      if (!a) return { ok: false, field: "from", message: "merge.unknown", vars: { id: from } };
      if (!b) return { ok: false, field: "into", message: "merge.unknown", vars: { id: into } };

      // The groups afterwards: the duplicate's subsidiaries move to the kept one, which keeps
      // its own parent (or takes the duplicate's, having none, or when its parent was the
      // duplicate). Kept below the duplicate, that could loop: refused, naming the loop.
      const before = await parentMap(undefined, tx);
      const parents = new Map([...before].filter(([id]) => id !== a.id).map(([id, parentId]) => [id, parentId === a.id ? b.id : parentId]));
      const parentOfB = b.parentId === a.id || b.parentId === null ? (a.parentId === b.id ? null : a.parentId) : b.parentId;
      parents.set(b.id, parentOfB);
      const [found] = findCycles(parents);
      if (found) {
        // Named from the kept organization, whichever member the search met first.
        const at = Math.max(0, found.indexOf(b.id));
        const cycle = [...found.slice(at), ...found.slice(0, at)];
        const names = new Map(
          (await tx.organization.findMany({ where: { id: { in: cycle } }, select: { id: true, name: true } })).map((o) => [o.id, o.name]),
        );
        return {
          ok: false,
          field: "into",
          message: "merge.cycle",
          vars: { chain: [...cycle, cycle[0]!].map((id) => names.get(id)).join(" → ") },
        };
      }

      // Unique fields are freed on the duplicate before the kept one takes them.
      await tx.organization.update({ where: { id: a.id }, data: { ref: null, orgNumber: null } });
      const filled = Object.fromEntries(FILLED.filter((k) => b[k] === null && a[k] !== null).map((k) => [k, a[k]]));
      await tx.organization.update({
        where: { id: b.id },
        data: {
          ...filled,
          ref: b.ref ?? a.ref,
          orgNumber: b.orgNumber ?? a.orgNumber,
          parentId: parentOfB,
          eligibleApplicant: a.eligibleApplicant || b.eligibleApplicant,
          // Both organizations' verified domains: people at either still join at once.
          emailDomains: [...new Set([...b.emailDomains, ...a.emailDomains])].slice(0, 10),
        },
      });
      await tx.$executeRaw`UPDATE "Organization" SET "parentId" = ${b.id}::uuid WHERE "parentId" = ${a.id}::uuid AND id <> ${b.id}::uuid`;
      await tx.$executeRaw`UPDATE "Posting" SET "organizationId" = ${b.id}::uuid WHERE "organizationId" = ${a.id}::uuid`;

      // People: the union, and someone who administered either administers the one kept.
      await tx.$executeRaw`
        UPDATE "Membership" m SET role = 'admin' FROM "Membership" d
        WHERE m."organizationId" = ${b.id}::uuid AND d."organizationId" = ${a.id}::uuid AND d."userId" = m."userId" AND d.role = 'admin'`;
      await tx.$executeRaw`DELETE FROM "Membership" d USING "Membership" m WHERE d."organizationId" = ${a.id}::uuid AND m."organizationId" = ${b.id}::uuid AND m."userId" = d."userId"`;
      await tx.$executeRaw`UPDATE "Membership" SET "organizationId" = ${b.id}::uuid WHERE "organizationId" = ${a.id}::uuid`;

      // Consortium seats: where both sit in one consortium, the seat further along stays
      // (accepted, then invited, then declined or withdrawn; the kept organization's on a
      // tie) with its own pledge and contact. Pledges are not added up: the two seats are
      // one company's answers to one invitation, and a sum would count its money twice.
      const rank = (alias: string) => `CASE ${alias}.status WHEN 'accepted' THEN 3 WHEN 'invited' THEN 2 ELSE 1 END`;
      await tx.$executeRawUnsafe(
        `DELETE FROM "ConsortiumMember" k USING "ConsortiumMember" d
         WHERE k."organizationId" = $2::uuid AND d."organizationId" = $1::uuid AND d."consortiumId" = k."consortiumId" AND ${rank("d")} > ${rank("k")}`,
        a.id,
        b.id,
      );
      await tx.$executeRaw`DELETE FROM "ConsortiumMember" d USING "ConsortiumMember" k WHERE d."organizationId" = ${a.id}::uuid AND k."organizationId" = ${b.id}::uuid AND k."consortiumId" = d."consortiumId"`;
      await tx.$executeRaw`UPDATE "ConsortiumMember" SET "organizationId" = ${b.id}::uuid WHERE "organizationId" = ${a.id}::uuid`;
      await tx.$executeRaw`UPDATE "Consortium" SET "leadOrganizationId" = ${b.id}::uuid WHERE "leadOrganizationId" = ${a.id}::uuid`;

      // Conversations addressed to the duplicate are answered by the kept one's people.
      await tx.$executeRaw`UPDATE "Conversation" SET "recipientOrganizationId" = ${b.id}::uuid WHERE "recipientOrganizationId" = ${a.id}::uuid`;

      // Past projects: the lead, and the partners as a set.
      await tx.$executeRaw`UPDATE "Project" SET "leadOrganizationId" = ${b.id}::uuid WHERE "leadOrganizationId" = ${a.id}::uuid`;
      await tx.$executeRaw`INSERT INTO "ProjectPartner" ("projectId", "organizationId") SELECT "projectId", ${b.id}::uuid FROM "ProjectPartner" WHERE "organizationId" = ${a.id}::uuid ON CONFLICT DO NOTHING`;
      await tx.$executeRaw`DELETE FROM "ProjectPartner" WHERE "organizationId" = ${a.id}::uuid`;

      // Changes of group: the duplicate's pending request becomes the kept one's, unless that
      // has one of its own (then it is withdrawn); requests naming the duplicate name the
      // kept one; one that would make the kept organization its own parent is withdrawn.
      const now = new Date();
      const withdrawn = { status: "withdrawn" as const, pendingOrganizationId: null, decidedById: actorId, decidedAt: now };
      if (await tx.parentChangeRequest.count({ where: { pendingOrganizationId: b.id } }))
        await tx.parentChangeRequest.updateMany({ where: { pendingOrganizationId: a.id }, data: withdrawn });
      // A request made from another group than the kept organization's is about a group
      // change the kept one never asked for: approving it would move the kept one out of its
      // own group without that group's consent. Withdrawn.
      await tx.$executeRaw`UPDATE "ParentChangeRequest" SET status = 'withdrawn', "pendingOrganizationId" = NULL, "decidedById" = ${actorId}::uuid, "decidedAt" = ${now}
        WHERE "pendingOrganizationId" = ${a.id}::uuid AND "fromParentId" IS DISTINCT FROM ${parentOfB}::uuid`;
      await tx.parentChangeRequest.updateMany({ where: { pendingOrganizationId: a.id }, data: { pendingOrganizationId: b.id } });
      await tx.parentChangeRequest.updateMany({ where: { organizationId: a.id }, data: { organizationId: b.id } });
      await tx.parentChangeRequest.updateMany({ where: { parentId: a.id }, data: { parentId: b.id } });
      await tx.parentChangeRequest.updateMany({ where: { fromParentId: a.id }, data: { fromParentId: b.id } });
      await tx.parentChangeRequest.updateMany({ where: { organizationId: b.id, parentId: b.id, status: "pending" }, data: withdrawn });
      // Requests to join: the duplicate's move to the kept one, except for people already
      // there (members, or with a request of their own), whose request is dropped.
      // A request at the kept one that is no longer pending gives way to the duplicate's.
      await tx.$executeRaw`DELETE FROM "MembershipRequest" k WHERE k."organizationId" = ${b.id}::uuid AND k.status <> 'pending'
        AND EXISTS (SELECT 1 FROM "MembershipRequest" d WHERE d."organizationId" = ${a.id}::uuid AND d."userId" = k."userId")`;
      await tx.$executeRaw`DELETE FROM "MembershipRequest" d WHERE d."organizationId" = ${a.id}::uuid AND (
        EXISTS (SELECT 1 FROM "Membership" m WHERE m."organizationId" = ${b.id}::uuid AND m."userId" = d."userId")
        OR EXISTS (SELECT 1 FROM "MembershipRequest" k WHERE k."organizationId" = ${b.id}::uuid AND k."userId" = d."userId"))`;
      await tx.$executeRaw`UPDATE "MembershipRequest" SET "organizationId" = ${b.id}::uuid WHERE "organizationId" = ${a.id}::uuid`;

      await tx.organization.delete({ where: { id: a.id } });
      // The duplicate's profile document goes; the kept one's postings, people and group
      // are re-read, and every consortium in its group re-checked.
      await writeEvent(tx, "search.organizations", { organizationIds: [a.id] });
      await groupChanged(tx, [b.id]);
      return { ok: true, from: a.name, into: b.name };
    },
    { timeout: 60_000 },
  );
}

/** Groups of organizations that are likely one registered twice, with what each holds (so the administrator sees which to keep). */
export async function likelyDuplicates(limit = 100) {
  const prisma = getPrisma();
  const orgs = await prisma.organization.findMany({ select: { id: true, name: true, kind: true, orgNumber: true } });
  const groups = duplicateGroups(orgs).slice(0, limit);
  const ids = groups.flat().map((o) => o.id);
  const counts = await prisma.organization.findMany({
    where: { id: { in: ids } },
    select: { id: true, _count: { select: { postings: true, memberships: true, consortiumSeats: true } } },
  });
  const byId = new Map(counts.map((c) => [c.id, c._count]));
  return groups.map((g) =>
    g.map((o) => ({
      ...o,
      postings: byId.get(o.id)?.postings ?? 0,
      people: byId.get(o.id)?.memberships ?? 0,
      seats: byId.get(o.id)?.consortiumSeats ?? 0,
    })),
  );
}
