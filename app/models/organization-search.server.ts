// Existing organizations for the organization picker, by name or organisation number.
// Only what every organization's public page shows: name, kind, number, region and the
// corporate group's top; never its members, email domains or anything about its people.
import { parseOrgNumber } from "#app/domain/org-number.ts";
import { parseOrgQuery, rankByName } from "#app/domain/org-search.ts";
import type { Prisma } from "#app/generated/prisma/client.ts";
import { getPrisma } from "#app/lib/db.server.ts";

type Db = Prisma.TransactionClient;

export interface OrganizationHit {
  id: string;
  name: string;
  kind: string;
  orgNumber: string | null;
  region: string | null;
  /** The parent organization's name, when it belongs to a corporate group. */
  group: string | null;
}

/** How many rows the name patterns may bring back to be ranked: enough for any one query's near misses. */
const NARROWED = 200;

const FIELDS = { id: true, name: true, kind: true, orgNumber: true, region: true, parent: { select: { name: true } } } as const;

type Row = { id: string; name: string; kind: string; orgNumber: string | null; region: string | null; parent: { name: string } | null };
const hit = (r: Row): OrganizationHit => ({
  id: r.id,
  name: r.name,
  kind: r.kind,
  orgNumber: r.orgNumber,
  region: r.region,
  group: r.parent?.name ?? null,
});

/** Organizations for what was typed, best first; an empty list for what says too little. */
export async function searchOrganizations(text: string, limit = 10): Promise<OrganizationHit[]> {
  const query = parseOrgQuery(text);
  const prisma = getPrisma();
  if (query.kind === "empty") return [];
  if (query.kind === "number") {
    // The prefix holds only digits and one dash, so it cannot act as a LIKE wildcard.
    const rows = await prisma.organization.findMany({
      where: { orgNumber: { startsWith: query.prefix } },
      select: FIELDS,
      orderBy: { orgNumber: "asc" },
      take: limit,
    });
    return rows.map(hit);
  }
  const narrowed = await narrowByName(prisma, query.patterns);
  if (narrowed.length === 0) return [];
  const rows = await prisma.organization.findMany({ where: { id: { in: narrowed } }, select: FIELDS });
  return rankByName(query.words, rows, limit).map(hit);
}

/**
 * The ids of the organizations whose names share most three-letter pieces with the typed
 * words (accents and case folded as the domain folds them), at most NARROWED: the domain's
 * rules then decide which fit. The patterns hold only letters and digits (parseOrgQuery).
 */
export async function narrowByName(db: Db, patterns: string[]): Promise<string[]> {
  if (patterns.length === 0) return [];
  const rows = await db.$queryRaw<{ id: string }[]>`
    SELECT id::text FROM (
      SELECT id, name, lower(translate(name, 'ÅÄÖÉÈÜÁÀÍÓÚØÆåäöéèüáàíóúøæ', 'AAOEEUAAIOUOAaaoeeuaaiouoa')) AS folded
      FROM "Organization"
    ) o
    WHERE folded LIKE ANY (${patterns}::text[])
    ORDER BY (SELECT count(*) FROM unnest(${patterns}::text[]) p WHERE folded LIKE p) DESC, name
    LIMIT ${NARROWED}`;
  return rows.map((r) => r.id);
}

export type Resolved =
  { kind: "found"; organization: OrganizationHit } | { kind: "choose"; candidates: OrganizationHit[] } | { kind: "none" };

/**
 * What a typed name or number names, for a form that only points at an existing
 * organization (an invitation): one organization by its number or exact name, else the
 * ones it may mean, to choose among.
 */
export async function resolveOrganization(typed: string): Promise<Resolved> {
  const text = typed.trim().slice(0, 300);
  const prisma = getPrisma();
  const number = parseOrgNumber(text);
  if (number.ok) {
    const org = await prisma.organization.findUnique({ where: { orgNumber: number.value }, select: FIELDS });
    return org ? { kind: "found", organization: hit(org) } : { kind: "none" };
  }
  if (!text) return { kind: "none" };
  const exact = await organizationHits(await idsWithName(prisma, text));
  if (exact.length === 1) return { kind: "found", organization: exact[0]! };
  if (exact.length > 1) return { kind: "choose", candidates: exact };
  const near = await searchOrganizations(text, 8);
  return near.length ? { kind: "choose", candidates: near } : { kind: "none" };
}

/** Public details of these organizations, in the order given. */
export async function organizationHits(ids: string[], db: Db = getPrisma()): Promise<OrganizationHit[]> {
  const rows = await db.organization.findMany({ where: { id: { in: ids } }, select: FIELDS });
  const byId = new Map(rows.map((r) => [r.id, hit(r)]));
  return ids.flatMap((id) => byId.get(id) ?? []);
}

/**
 * The organizations named exactly this, in any case (at most 8). Compared with lower(),
 * not Prisma's case-insensitive `equals`, which is an ILIKE: there "%" would name them all.
 */
export async function idsWithName(db: Db, name: string): Promise<string[]> {
  const rows = await db.$queryRaw<{ id: string }[]>`
    SELECT id::text FROM "Organization" WHERE lower(name) = lower(${name}) ORDER BY name, id LIMIT 8`;
  return rows.map((r) => r.id);
}
