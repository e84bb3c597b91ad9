// Profiles in Meilisearch: researchers (what they can do) and organizations (what they
// can do and what they need), rebuilt from PostgreSQL like postings. A researcher with
// nothing in their profile yet is left out; people are shown to signed-in users only.
import type { Index } from "meilisearch";
import { label, subjectWithAncestors } from "#app/domain/classification.ts";
import { groupOf } from "#app/domain/corporate-group.ts";
import { parentMap } from "#app/models/corporate-group.server.ts";
import { getPrisma } from "#app/lib/db.server.ts";
import { indexName, meili } from "#app/lib/meili.server.ts";
import { PROFILES_INDEX, profilesSettings } from "#search/settings.ts";
import { rebuildIndex, succeed } from "#search/tasks.server.ts";

export interface ProfileDocument {
  /** "person_<uuid>" or "org_<uuid>": one index, two kinds of row. */
  id: string;
  type: "researcher" | "organization";
  entityId: string;
  name: string;
  /** Researchers: their organizations' names. */
  affiliation: string[];
  competencies: string;
  needs: string;
  keywords: string[];
  subjects: string[];
  subjectLabels: string[];
  organizationKind: string | null;
  region: string | null;
  eligibleApplicant: boolean;
  /** Corporate groups (ultimate parents) the profile belongs to: never suggested to themselves. */
  groupId: string[];
  visibility: "public" | "members";
  updatedAt: number;
}

export const personDocId = (id: string) => `person_${id}`;
export const orgDocId = (id: string) => `org_${id}`;

export function profilesIndex(): Index<ProfileDocument> {
  return meili().index<ProfileDocument>(indexName(PROFILES_INDEX));
}

function subjectFields(codes: string[]) {
  const all = [...new Set(codes.flatMap((c) => subjectWithAncestors(c)))];
  return { subjects: all.map((e) => e.code), subjectLabels: all.flatMap((e) => [label(e, "sv"), label(e, "en")]) };
}

const seconds = (d: Date) => Math.floor(d.getTime() / 1000);

export async function profileDocuments(
  userIds: string[],
  orgIds: string[],
  knownParents?: Map<string, string | null>,
): Promise<{ upserts: ProfileDocument[]; deletes: string[] }> {
  const prisma = getPrisma();
  const parents = knownParents ?? (await parentMap());
  const people = userIds.length
    ? await prisma.user.findMany({
        where: { id: { in: userIds } },
        select: {
          id: true,
          name: true,
          role: true,
          competencies: true,
          researchInterests: true,
          keywords: true,
          subjects: true,
          updatedAt: true,
          memberships: { select: { organization: { select: { id: true, name: true, region: true } } } },
        },
      })
    : [];
  const orgs = orgIds.length ? await prisma.organization.findMany({ where: { id: { in: orgIds } } }) : [];
  const upserts: ProfileDocument[] = [];
  for (const p of people) {
    const competencies = [p.competencies, p.researchInterests].filter(Boolean).join("\n");
    if (p.role !== "researcher" || (!competencies && p.keywords.length === 0 && p.subjects.length === 0)) continue;
    const affiliations = p.memberships.map((m) => m.organization);
    upserts.push({
      id: personDocId(p.id),
      type: "researcher",
      entityId: p.id,
      name: p.name,
      affiliation: affiliations.map((o) => o.name),
      competencies,
      needs: "",
      keywords: p.keywords,
      ...subjectFields(p.subjects),
      organizationKind: null,
      region: affiliations[0]?.region ?? null,
      eligibleApplicant: false,
      groupId: affiliations.map((o) => groupOf(o.id, parents)),
      visibility: "members",
      updatedAt: seconds(p.updatedAt),
    });
  }
  for (const o of orgs) {
    upserts.push({
      id: orgDocId(o.id),
      type: "organization",
      entityId: o.id,
      name: o.name,
      affiliation: [],
      competencies: [o.description, o.competencies].filter(Boolean).join("\n"),
      needs: o.needs ?? "",
      keywords: [],
      subjects: [],
      subjectLabels: [],
      organizationKind: o.kind,
      region: o.region,
      eligibleApplicant: o.eligibleApplicant,
      groupId: [groupOf(o.id, parents)],
      visibility: "public",
      updatedAt: seconds(o.updatedAt),
    });
  }
  const kept = new Set(upserts.map((d) => d.id));
  const deletes = [...userIds.map(personDocId), ...orgIds.map(orgDocId)].filter((id) => !kept.has(id));
  return { upserts, deletes };
}

/** Re-reads these people and organizations into the profiles index: one upsert and one delete task. */
export async function syncProfiles(userIds: string[], orgIds: string[]): Promise<{ upserted: number; deleted: number }> {
  const { upserts, deletes } = await profileDocuments([...new Set(userIds)], [...new Set(orgIds)]);
  if (upserts.length) await succeed(profilesIndex().addDocuments(upserts), "upsert profiles");
  if (deletes.length) await succeed(profilesIndex().deleteDocuments(deletes), "delete profiles");
  return { upserted: upserts.length, deleted: deletes.length };
}

/** The people affiliated with these organizations (their documents carry its name and group). */
export async function membersOf(orgIds: string[]): Promise<string[]> {
  if (orgIds.length === 0) return [];
  const rows = await getPrisma().membership.findMany({ where: { organizationId: { in: orgIds } }, select: { userId: true } });
  return rows.map((r) => r.userId);
}

/** Rebuilds the profiles index from PostgreSQL into a fresh index and swaps it in. */
export async function reindexProfiles(onProgress?: (done: number, total: number) => void): Promise<number> {
  return rebuildIndex(PROFILES_INDEX, profilesSettings, async (add) => {
    const prisma = getPrisma();
    const parents = await parentMap();
    const [users, orgs] = await Promise.all([
      prisma.user.findMany({ where: { role: "researcher" }, select: { id: true } }),
      prisma.organization.findMany({ select: { id: true } }),
    ]);
    const total = users.length + orgs.length;
    let done = 0;
    const BATCH = 5000;
    for (const [kind, ids] of [
      ["people", users.map((u) => u.id)],
      ["orgs", orgs.map((o) => o.id)],
    ] as const) {
      for (let i = 0; i < ids.length; i += BATCH) {
        const slice = ids.slice(i, i + BATCH);
        await add((await profileDocuments(kind === "people" ? slice : [], kind === "orgs" ? slice : [], parents)).upserts);
        done += slice.length;
        onProgress?.(done, total);
      }
    }
    return total;
  });
}
