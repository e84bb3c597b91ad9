// Corporate groups stay trees: the parent chain after the import has no cycle. Every
// organization of the file that is part of one is rejected, naming the loop.
import { findCycles } from "#app/domain/corporate-group.ts";
import type { Entry, OrganizationRecord } from "#app/import/records.ts";
import { reject } from "#app/import/uniqueness.ts";

/** `storedParents`: each stored organization's ref and its parent's ref. */
export function checkCycles(orgs: Map<string, Entry<OrganizationRecord>>, storedParents: Iterable<[string, string | null]>): void {
  const parents = new Map<string, string | null>(storedParents);
  for (const e of orgs.values()) parents.set(e.record.ref, e.record.parentRef ?? null);
  for (const cycle of findCycles(parents)) {
    for (const ref of cycle) {
      const e = orgs.get(ref);
      if (e) reject(e, `parentRef makes a cycle in the corporate group: ${[...cycle, cycle[0]].join(" → ")}`);
    }
  }
}
