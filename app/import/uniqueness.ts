// Values that must be unique (organization numbers, email addresses, ORCID iDs) checked
// across the file and the database as they will be after the import.
import type { Entry, OrganizationRecord, PersonRecord } from "#app/import/records.ts";

export const reject = (e: Entry<unknown>, why: string) => {
  if (!e.rejected) e.rejected = why;
};

/**
 * Rejects each line whose value another record holds: a stored row the file leaves alone,
 * or an earlier line. `stored` maps a stored record's ref to its value.
 */
export function uniqueAcross<E extends Entry<{ ref: string }>>(
  entries: Map<string, E>,
  stored: Map<string, string>,
  value: (r: E["record"]) => string | undefined,
  label: string,
): void {
  const owner = new Map<string, string>(); // value -> ref, as it will be after the import
  for (const [ref, v] of stored) if (!entries.has(ref)) owner.set(v, ref);
  for (const e of entries.values()) {
    const v = value(e.record);
    if (!v) continue;
    const holder = owner.get(v);
    if (holder && holder !== e.record.ref) {
      const where = entries.get(holder) ? `line ${entries.get(holder)!.line}` : "the database";
      reject(e, `${label} ${v} is already used by "${holder}" (${where})`);
    } else owner.set(v, e.record.ref);
  }
}

interface StoredValues {
  orgs: { id: string; ref: string | null; orgNumber: string | null }[];
  users: { id: string; ref: string | null; email: string; orcid: string | null }[];
}

export function checkUnique(
  orgs: Map<string, Entry<OrganizationRecord>>,
  persons: Map<string, Entry<PersonRecord>>,
  stored: StoredValues,
): void {
  uniqueAcross(
    orgs,
    new Map(stored.orgs.filter((o) => o.orgNumber).map((o) => [o.ref ?? o.id, o.orgNumber!])),
    (r) => r.orgNumber,
    "orgNumber",
  );
  uniqueAcross(persons, new Map(stored.users.map((u) => [u.ref ?? u.id, u.email])), (r) => r.email, "email");
  uniqueAcross(persons, new Map(stored.users.filter((u) => u.orcid).map((u) => [u.ref ?? u.id, u.orcid!])), (r) => r.orcid, "orcid");
}
