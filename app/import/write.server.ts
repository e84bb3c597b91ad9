// The writing steps for organizations, their corporate groups, people and postings, in
// that order (a later record may refer to an earlier one). Each step writes one chunk in
// the transaction it is given and tells the search index and consortia what changed.
import { randomUUID } from "node:crypto";
import { writeEvent } from "#app/lib/outbox.server.ts";
import { groupChanged } from "#app/models/organization.server.ts";
import type { Step } from "#app/import/chunks.server.ts";
import type { Decided } from "#app/import/diff.ts";
import { organizationData, personData, postingData, postingExpiry } from "#app/import/mapping.ts";
import type { OrganizationRecord, PersonRecord, PostingRecord } from "#app/import/records.ts";
import type { Stored } from "#app/import/stored.server.ts";

export function recordSteps(
  d: { orgs: Decided<OrganizationRecord>; persons: Decided<PersonRecord>; postings: Decided<PostingRecord> },
  stored: Pick<Stored, "orgByRef">,
  /** Ref -> id, for records of the file and stored ones. */
  ids: { org: (ref: string) => string; user: (ref: string) => string },
  ownerIsPerson: (ref: string) => boolean,
  now: Date,
): Step[] {
  const { orgs, persons, postings } = d;
  const postingColumns = (r: PostingRecord) =>
    postingData(
      r,
      ownerIsPerson(r.ownerRef)
        ? { personId: ids.user(r.ownerRef), organizationId: r.organizationRef ? ids.org(r.organizationRef) : null }
        : { organizationId: ids.org(r.ownerRef) },
    );
  return [
    {
      phase: "organizations",
      items: orgs.creates.length,
      run: (tx, a, b) =>
        tx.organization.createMany({
          data: orgs.creates.slice(a, b).map((e) => ({ id: ids.org(e.record.ref), ref: e.record.ref, ...organizationData(e.record) })),
        }),
    },
    {
      phase: "organizations",
      items: orgs.updates.length,
      run: async (tx, a, b) => {
        const chunk = orgs.updates.slice(a, b);
        for (const e of chunk) await tx.organization.update({ where: { id: ids.org(e.record.ref) }, data: organizationData(e.record) });
        // Their postings' documents carry the organization's name, region and group.
        await writeEvent(tx, "search.organizations", { organizationIds: chunk.map((e) => ids.org(e.record.ref)) });
      },
    },
    {
      // Parents last: a record may name a parent further down the file.
      phase: "corporate groups",
      items: orgs.creates.length + orgs.updates.length,
      run: async (tx, a, b) => {
        const regrouped: string[] = [];
        for (const e of [...orgs.creates, ...orgs.updates].slice(a, b)) {
          const parentId = e.record.parentRef ? ids.org(e.record.parentRef) : null;
          const before = stored.orgByRef.get(e.record.ref)?.parentId ?? null;
          if (parentId !== before) {
            await tx.organization.update({ where: { id: ids.org(e.record.ref) }, data: { parentId } });
            // A new organization has no consortium seats yet (consortium lines come later and
            // re-check their consortia) and its postings are indexed as they are written.
            if (stored.orgByRef.has(e.record.ref)) regrouped.push(ids.org(e.record.ref));
          }
        }
        // A new group can make a consortium eligible or not: re-check those it touches.
        await groupChanged(tx, regrouped);
      },
    },
    {
      phase: "people",
      items: persons.creates.length,
      run: async (tx, a, b) => {
        const chunk = persons.creates.slice(a, b);
        await tx.user.createMany({ data: chunk.map((e) => ({ id: ids.user(e.record.ref), ref: e.record.ref, ...personData(e.record) })) });
        const memberships = chunk
          .filter((e) => e.record.organizationRef)
          .map((e) => ({ userId: ids.user(e.record.ref), organizationId: ids.org(e.record.organizationRef!) }));
        if (memberships.length) await tx.membership.createMany({ data: memberships, skipDuplicates: true });
        await writeEvent(tx, "search.people", { userIds: chunk.map((e) => ids.user(e.record.ref)) });
      },
    },
    {
      phase: "people",
      items: persons.updates.length,
      run: async (tx, a, b) => {
        for (const e of persons.updates.slice(a, b)) {
          const userId = ids.user(e.record.ref);
          // A changed address is not the one its owner confirmed.
          await tx.user.updateMany({
            where: { id: userId, emailConfirmedAt: { not: null }, NOT: { email: personData(e.record).email } },
            data: { emailConfirmedAt: null },
          });
          await tx.user.update({ where: { id: userId }, data: personData(e.record) });
          const orgRef = e.record.organizationRef;
          if (orgRef)
            await tx.membership.upsert({
              where: { userId_organizationId: { userId, organizationId: ids.org(orgRef) } },
              create: { userId, organizationId: ids.org(orgRef) },
              update: {},
            });
        }
        if (b > a) await writeEvent(tx, "search.people", { userIds: persons.updates.slice(a, b).map((e) => ids.user(e.record.ref)) });
      },
    },
    {
      phase: "postings",
      items: postings.creates.length,
      run: async (tx, a, b) => {
        const chunk = postings.creates
          .slice(a, b)
          .map((e) => ({ id: randomUUID(), ref: e.record.ref, ...postingColumns(e.record), expiresAt: postingExpiry(e.record, now) }));
        await tx.posting.createMany({ data: chunk });
        await writeEvent(tx, "search.postings", { postingIds: chunk.map((p) => p.id) });
      },
    },
    {
      phase: "postings",
      items: postings.updates.length,
      run: async (tx, a, b) => {
        const changed: string[] = [];
        for (const e of postings.updates.slice(a, b)) {
          const row = await tx.posting.update({
            where: { ref: e.record.ref },
            data: {
              ...postingColumns(e.record),
              ...(e.record.expiresAt ? { expiresAt: new Date(e.record.expiresAt), reminderSentAt: null } : {}),
            },
            select: { id: true },
          });
          changed.push(row.id);
        }
        await writeEvent(tx, "search.postings", { postingIds: changed });
      },
    },
  ];
}
