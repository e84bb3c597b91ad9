// Create, update or unchanged: each valid line against the canonical form of its stored
// row (canonical.ts), so export and import can never disagree about what a field means.
// A new record gets its id here, so later lines and steps can refer to it.
import { randomUUID } from "node:crypto";
import { organizationToRecord, personToRecord, postingToRecord, sameRecord } from "#app/import/canonical.ts";
import type { Entry, OrganizationRecord, PersonRecord, PostingRecord } from "#app/import/records.ts";
import type { Stored } from "#app/import/stored.server.ts";

export interface Decided<R> {
  creates: Entry<R>[];
  updates: Entry<R>[];
  unchanged: number;
}

const valid = <R>(m: Map<string, Entry<R>>) => [...m.values()].filter((e) => !e.rejected);

/** `ids`: organization ref -> id, stored ones given; new ones are added. */
export function diffOrganizations(
  orgs: Map<string, Entry<OrganizationRecord>>,
  stored: Pick<Stored, "orgByRef" | "orgRefOfId">,
  ids: Map<string, string>,
): Decided<OrganizationRecord> {
  const d: Decided<OrganizationRecord> = { creates: [], updates: [], unchanged: 0 };
  for (const e of valid(orgs)) {
    const row = stored.orgByRef.get(e.record.ref);
    if (!row) {
      ids.set(e.record.ref, randomUUID());
      d.creates.push(e);
    } else {
      const canonical = organizationToRecord(row, e.record.ref, row.parentId ? stored.orgRefOfId.get(row.parentId) : undefined);
      if (sameRecord(canonical, e.record)) d.unchanged++;
      else d.updates.push(e);
    }
  }
  return d;
}

/** `userIds`: person ref -> id, stored ones given; new ones are added. */
export function diffPersons(
  persons: Map<string, Entry<PersonRecord>>,
  stored: Pick<Stored, "userByRef" | "orgRefOfId">,
  userIds: Map<string, string>,
): Decided<PersonRecord> {
  const d: Decided<PersonRecord> = { creates: [], updates: [], unchanged: 0 };
  for (const e of valid(persons)) {
    const row = stored.userByRef.get(e.record.ref);
    if (!row) {
      userIds.set(e.record.ref, randomUUID());
      d.creates.push(e);
    } else {
      const m = row.memberships[0];
      const canonical = personToRecord(row, e.record.ref, m ? stored.orgRefOfId.get(m.organizationId) : undefined);
      if (sameRecord(canonical, e.record)) d.unchanged++;
      else d.updates.push(e);
    }
  }
  return d;
}

export function diffPostings(
  postings: Map<string, Entry<PostingRecord>>,
  stored: Pick<Stored, "postingByRef" | "orgRefOfId">,
  userRefOfId: Map<string, string>,
  ownerIsPerson: (ref: string) => boolean,
): Decided<PostingRecord> {
  const d: Decided<PostingRecord> = { creates: [], updates: [], unchanged: 0 };
  for (const e of valid(postings)) {
    const row = stored.postingByRef.get(e.record.ref);
    if (!row) d.creates.push(e);
    else {
      const owner = row.ownerId ? userRefOfId.get(row.ownerId)! : stored.orgRefOfId.get(row.organizationId!)!;
      const canonical = postingToRecord(
        row,
        e.record.ref,
        owner,
        row.ownerId && row.organizationId ? stored.orgRefOfId.get(row.organizationId) : undefined,
      );
      // An organization's own posting is stored without organizationRef (it may only name
      // the owner, checked before), so a line that names the owner is compared without it.
      const incoming = ownerIsPerson(e.record.ownerRef) ? e.record : { ...e.record, organizationRef: undefined };
      const ignore = e.record.expiresAt ? [] : ["expiresAt"];
      if (sameRecord(canonical, incoming, ignore)) d.unchanged++;
      else d.updates.push(e);
    }
  }
  return d;
}
