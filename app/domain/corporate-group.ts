// Corporate groups as data: each organization may name the company that controls it.
// Pure functions over a parent map (organization id -> parent id or null).

export type ParentMap = ReadonlyMap<string, string | null | undefined>;

/**
 * The chain from `id` upwards, `id` first. Returns the cycle instead when the chain
 * loops, so callers can name every organization in it.
 */
export function parentChain(id: string, parents: ParentMap): { chain: string[]; cycle?: string[] } {
  const chain: string[] = [];
  const seen = new Map<string, number>();
  for (let cur: string | null | undefined = id; cur; cur = parents.get(cur)) {
    const at = seen.get(cur);
    if (at !== undefined) return { chain, cycle: chain.slice(at) };
    seen.set(cur, chain.length);
    chain.push(cur);
  }
  return { chain };
}

/** The top of the group: the organization with no parent above `id`. */
export function ultimateParent(id: string, parents: ParentMap): string {
  const { chain, cycle } = parentChain(id, parents);
  if (cycle) throw new Error(`Corporate group cycle: ${cycle.join(" → ")}`);
  return chain[chain.length - 1]!;
}

/**
 * The group `id` belongs to, named by its top. A loop (only a manual database edit makes
 * one: every form and the importer refuse them) leaves the organization standing alone, so
 * searching and indexing keep working while the loop is found and mended.
 */
export function groupOf(id: string, parents: ParentMap): string {
  const { chain, cycle } = parentChain(id, parents);
  return cycle ? id : chain[chain.length - 1]!;
}

/** The groups of several organizations, each once, in first-seen order. */
export function groupsOf(ids: Iterable<string>, parents: ParentMap): string[] {
  return [...new Set([...ids].map((id) => groupOf(id, parents)))];
}

/**
 * Would setting `id`'s parent to `parentId` create a cycle? Returns the cycle
 * (starting at `id`) or undefined.
 */
export function cycleIfParentSet(id: string, parentId: string | null, parents: ParentMap): string[] | undefined {
  if (!parentId) return undefined;
  const next = new Map(parents);
  next.set(id, parentId);
  return parentChain(id, next).cycle;
}

/** Every cycle in the map, each listed once (for validating a whole import). */
export function findCycles(parents: ParentMap): string[][] {
  const cycles: string[][] = [];
  const inCycle = new Set<string>();
  for (const id of parents.keys()) {
    if (inCycle.has(id)) continue;
    const { cycle } = parentChain(id, parents);
    if (cycle && !cycle.some((c) => inCycle.has(c))) {
      cycle.forEach((c) => inCycle.add(c));
      cycles.push(cycle);
    }
  }
  return cycles;
}
