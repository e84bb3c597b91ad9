// References between records: each must name a record of the file that was not rejected,
// or a stored one. Checked until nothing more is rejected (a child of a rejected line goes too).
import type { Entry, OrganizationRecord, PersonRecord, PostingRecord } from "#app/import/records.ts";

/** How a reference is resolved: against the file first, then the database. */
export interface Lookups {
  orgOk: (ref: string) => boolean;
  personOk: (ref: string) => boolean;
  /** A posting's owner is a person when one has this ref (in the file or stored). */
  ownerIsPerson: (ref: string) => boolean;
  ownerIsOrg: (ref: string) => boolean;
  /** Why a reference fails: rejected line, or unknown. */
  missing: (field: string, ref: string, kind: string, entry: Entry<unknown> | undefined) => string;
}

export function lookups(
  file: { orgs: Map<string, Entry<OrganizationRecord>>; persons: Map<string, Entry<PersonRecord>> },
  stored: { orgByRef: Map<string, unknown>; userByRef: Map<string, unknown> },
): Lookups {
  return {
    orgOk: (ref) => (file.orgs.has(ref) ? !file.orgs.get(ref)!.rejected : stored.orgByRef.has(ref)),
    personOk: (ref) => (file.persons.has(ref) ? !file.persons.get(ref)!.rejected : stored.userByRef.has(ref)),
    ownerIsPerson: (ref) => file.persons.has(ref) || stored.userByRef.has(ref),
    ownerIsOrg: (ref) => file.orgs.has(ref) || stored.orgByRef.has(ref),
    missing: (field, ref, kind, entry) =>
      entry?.rejected ? `${field} "${ref}" refers to line ${entry.line}, which was rejected` : `${field} "${ref}" is not a known ${kind}`,
  };
}

export function checkReferences(
  {
    orgs,
    persons,
    postings,
  }: {
    orgs: Map<string, Entry<OrganizationRecord>>;
    persons: Map<string, Entry<PersonRecord>>;
    postings: Map<string, Entry<PostingRecord>>;
  },
  { orgOk, personOk, ownerIsPerson, ownerIsOrg, missing }: Lookups,
): void {
  for (let changed = true; changed;) {
    changed = false;
    const check = (e: Entry<unknown>, why: string | undefined) => {
      if (why && !e.rejected) {
        e.rejected = why;
        changed = true;
      }
    };
    for (const e of orgs.values()) {
      const p = e.record.parentRef;
      if (!e.rejected && p && !orgOk(p)) check(e, missing("parentRef", p, "organization", orgs.get(p)));
    }
    for (const e of persons.values()) {
      const o = e.record.organizationRef;
      if (!e.rejected && o && !orgOk(o)) check(e, missing("organizationRef", o, "organization", orgs.get(o)));
    }
    for (const e of postings.values()) {
      if (e.rejected) continue;
      const { ownerRef, organizationRef } = e.record;
      const asPerson = ownerIsPerson(ownerRef);
      const asOrg = ownerIsOrg(ownerRef);
      if (asPerson && asOrg) check(e, `ownerRef "${ownerRef}" names both a person and an organization`);
      else if (!asPerson && !asOrg) check(e, `ownerRef "${ownerRef}" is not a known person or organization`);
      else if (asPerson && !personOk(ownerRef)) check(e, missing("ownerRef", ownerRef, "person", persons.get(ownerRef)));
      else if (asOrg && !orgOk(ownerRef)) check(e, missing("ownerRef", ownerRef, "organization", orgs.get(ownerRef)));
      // An organization posts for itself: organizationRef may only repeat the owner.
      else if (asOrg && organizationRef && organizationRef !== ownerRef)
        check(
          e,
          `organizationRef "${organizationRef}" is not the owner "${ownerRef}": an organization posts for itself, so leave organizationRef out or name the owner`,
        );
      else if (organizationRef && !orgOk(organizationRef))
        check(e, missing("organizationRef", organizationRef, "organization", orgs.get(organizationRef)));
    }
  }
}
