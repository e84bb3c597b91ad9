// What a posting looks like in Meilisearch. PostgreSQL stays the source of truth: a
// document is always rebuilt from the rows, never patched. A confidential posting's
// document carries only what anyone may see of it (docs/decisions/0020-staged-reveal.md):
// its teaser as the title, its subjects, kind, language and organization kind. Its
// description, keywords, organization, author and region are never sent to Meilisearch,
// so no search finds it by them and no hit, highlight or excerpt can show them.
import { label, subjectWithAncestors } from "#app/domain/classification.ts";
import { groupOf } from "#app/domain/corporate-group.ts";
import { getPrisma } from "#app/lib/db.server.ts";
import { parentMap } from "#app/models/corporate-group.server.ts";

export interface PostingDocument {
  id: string;
  ref: string | null;
  kind: "competence" | "need";
  title: string;
  description: string;
  keywords: string[];
  /** The posting's subject codes and every level above them, for filtering by area. */
  subjects: string[];
  /** Labels of those codes in both languages, so "Computer Sciences" finds "Datavetenskap". */
  subjectLabels: string[];
  language: string;
  visibility: "public" | "members";
  organizationId: string | null;
  organizationName: string;
  organizationKind: string | null;
  /** The corporate group: the ultimate parent's id (the organization's own if none). */
  groupId: string | null;
  region: string | null;
  eligibleApplicant: boolean;
  ownerId: string | null;
  ownerName: string | null;
  confidential: boolean;
  /** Unix seconds, for sorting and filtering. */
  updatedAt: number;
  expiresAt: number;
}

const seconds = (d: Date) => Math.floor(d.getTime() / 1000);

/**
 * Documents for the given postings that should be searchable (active ones), and the ids
 * that should not be in the index (archived, paused, deleted).
 */
export async function postingDocuments(
  ids: string[],
  parents?: Map<string, string | null>,
): Promise<{ upserts: PostingDocument[]; deletes: string[] }> {
  if (ids.length === 0) return { upserts: [], deletes: [] };
  const map = parents ?? (await parentMap());
  const rows = await getPrisma().posting.findMany({
    where: { id: { in: ids }, status: "active" },
    include: {
      organization: { select: { id: true, name: true, kind: true, region: true, eligibleApplicant: true } },
      owner: { select: { id: true, name: true } },
    },
  });
  const upserts = rows.map((p): PostingDocument => {
    const codes = [...new Set(p.subjects.flatMap((c) => subjectWithAncestors(c)))];
    if (p.confidential)
      return {
        id: p.id,
        ref: null,
        kind: p.kind,
        title: p.teaser?.trim() ?? "",
        description: "",
        keywords: [],
        subjects: codes.map((e) => e.code),
        subjectLabels: codes.flatMap((e) => [label(e, "sv"), label(e, "en")]),
        language: p.language,
        visibility: p.visibility,
        organizationId: null,
        organizationName: "",
        organizationKind: p.organization?.kind ?? null,
        groupId: null,
        region: null,
        eligibleApplicant: false,
        ownerId: null,
        ownerName: null,
        confidential: true,
        updatedAt: seconds(p.updatedAt),
        expiresAt: seconds(p.expiresAt),
      };
    return {
      id: p.id,
      ref: p.ref,
      kind: p.kind,
      title: p.title,
      description: p.description,
      keywords: p.keywords,
      subjects: codes.map((e) => e.code),
      subjectLabels: codes.flatMap((e) => [label(e, "sv"), label(e, "en")]),
      language: p.language,
      visibility: p.visibility,
      organizationId: p.organization?.id ?? null,
      organizationName: p.organization?.name ?? p.owner?.name ?? "",
      organizationKind: p.organization?.kind ?? null,
      groupId: p.organization ? groupOf(p.organization.id, map) : null,
      region: p.organization?.region ?? null,
      eligibleApplicant: p.organization?.eligibleApplicant ?? false,
      ownerId: p.owner?.id ?? null,
      ownerName: p.owner?.name ?? null,
      confidential: false,
      updatedAt: seconds(p.updatedAt),
      expiresAt: seconds(p.expiresAt),
    };
  });
  const kept = new Set(upserts.map((d) => d.id));
  return { upserts, deletes: ids.filter((id) => !kept.has(id)) };
}
