// The data behind corporate groups: the parent map that the rules in
// app/domain/corporate-group.ts read. Every reader of groups loads it here.
import { groupsOf } from "#app/domain/corporate-group.ts";
import type { Prisma } from "#app/generated/prisma/client.ts";
import { getPrisma } from "#app/lib/db.server.ts";

type Db = Prisma.TransactionClient;

/**
 * The parent map (organization id -> parent id or null) for the given organizations: each
 * of them and all their ancestors, which is all that naming their groups needs. Without
 * ids, every organization (indexing in bulk, or finding who else is in a group: one small
 * row each). Depth-bounded, so a loop made by hand in the database ends the walk.
 */
export async function parentMap(ids?: readonly string[], db: Db = getPrisma()): Promise<Map<string, string | null>> {
  if (!ids) {
    const all = await db.organization.findMany({ select: { id: true, parentId: true } });
    return new Map(all.map((r) => [r.id, r.parentId]));
  }
  if (ids.length === 0) return new Map();
  const rows = await db.$queryRaw<{ id: string; parentId: string | null }[]>`
    WITH RECURSIVE up(id, depth) AS (
      SELECT unnest(${[...new Set(ids)]}::uuid[]), 0
      UNION
      SELECT o."parentId", up.depth + 1 FROM "Organization" o JOIN up ON o.id = up.id WHERE o."parentId" IS NOT NULL AND up.depth < 100
    )
    SELECT DISTINCT o.id, o."parentId" FROM "Organization" o JOIN up ON o.id = up.id`;
  return new Map(rows.map((r) => [r.id, r.parentId]));
}

/** The corporate groups of these organizations, each once (named by their tops). */
export async function groupsOfOrganizations(ids: readonly string[], db: Db = getPrisma()): Promise<string[]> {
  return groupsOf(ids, await parentMap(ids, db));
}
