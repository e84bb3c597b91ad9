// Past projects (imported track record): which an organization took part in, and whom
// it worked with. Taking part means being a partner or the lead: a file may name a lead
// outside its partner list, and it is stored as given.
import { projectPartners } from "#app/domain/track-record.ts";
import { getPrisma } from "#app/lib/db.server.ts";
import { isId } from "#app/lib/form-fields.ts";

/** The organization's projects, newest year first (no year last), each with the other organizations in it. */
export async function projectsOf(organizationId: string, { limit = 50, partnersShown = 30 } = {}) {
  if (!isId(organizationId)) return [];
  const rows = await getPrisma().project.findMany({
    where: { OR: [{ partners: { some: { organizationId } } }, { leadOrganizationId: organizationId }] },
    orderBy: [{ year: { sort: "desc", nulls: "last" } }, { title: "asc" }, { id: "asc" }],
    take: limit,
    select: {
      id: true,
      title: true,
      year: true,
      funder: true,
      programme: true,
      leadOrganization: { select: { id: true, name: true } },
      // At most 500 a project (the import's bound), so at most limit × 500 rows.
      partners: { select: { organization: { select: { id: true, name: true } } } },
    },
  });
  return rows.map(({ leadOrganization, partners, ...p }) => ({
    ...p,
    ...projectPartners(
      organizationId,
      leadOrganization,
      partners.map((x) => x.organization),
      partnersShown,
    ),
  }));
}
export type ProjectOf = Awaited<ReturnType<typeof projectsOf>>[number];

export interface Collaborator {
  id: string;
  name: string;
  /** Projects shared with the organization. */
  projects: number;
  latestYear: number | null;
}

/** Organizations that shared a project with this one: most shared projects first, then the most recent. */
export async function collaboratorsOf(organizationId: string, { limit = 30 } = {}): Promise<Collaborator[]> {
  if (!isId(organizationId)) return [];
  // Grouping over a self-join has no Prisma query; each part uses an index on
  // ProjectPartner or Project. UNION (not UNION ALL) counts a lead that is also a
  // partner once.
  return getPrisma().$queryRaw<Collaborator[]>`
    WITH mine AS (
      SELECT "projectId" AS id FROM "ProjectPartner" WHERE "organizationId" = ${organizationId}::uuid
      UNION
      SELECT id FROM "Project" WHERE "leadOrganizationId" = ${organizationId}::uuid
    ), taking_part AS (
      SELECT pp."projectId", pp."organizationId" FROM "ProjectPartner" pp JOIN mine ON mine.id = pp."projectId"
      UNION
      SELECT p.id, p."leadOrganizationId" FROM "Project" p JOIN mine ON mine.id = p.id WHERE p."leadOrganizationId" IS NOT NULL
    )
    SELECT o.id, o.name, count(*)::int AS projects, max(p.year) AS "latestYear"
    FROM taking_part t
    JOIN "Project" p ON p.id = t."projectId"
    JOIN "Organization" o ON o.id = t."organizationId"
    WHERE t."organizationId" <> ${organizationId}::uuid
    GROUP BY o.id, o.name
    ORDER BY projects DESC, "latestYear" DESC NULLS LAST, o.name, o.id
    LIMIT ${limit}`;
}
