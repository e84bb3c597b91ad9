// Queries about postings. Visibility and ownership are part of every query: what a
// viewer may not see is never fetched for them, and an edit of someone else's posting
// matches no row.
import { z } from "zod";
import { isId, listField, subjectsField } from "#app/lib/form-fields.ts";
import { mayPublishFor } from "#app/domain/permissions.ts";
import { getPrisma } from "#app/lib/db.server.ts";
import { standingIn } from "#app/models/permissions.server.ts";
import { writeEvent } from "#app/lib/outbox.server.ts";
import type { Prisma } from "#app/generated/prisma/client.ts";
import { msg } from "#app/i18n/index.ts";
import { teaserOf } from "#app/domain/reveal.ts";

const YEAR_MS = 365 * 24 * 3600 * 1000;
export const PAGE_SIZE = 20;

export interface PostingSummary {
  id: string;
  kind: "competence" | "need";
  title: string;
  language: string;
  keywords: string[];
  /** Empty for a confidential posting: its organization and author are not shown in lists. */
  organizationName: string;
  organizationKind: string | null;
  confidential: boolean;
  status: "active" | "paused" | "archived";
  expiresAt: string;
  updatedAt: string;
}

export const postingSchema = z
  .object({
    kind: z.enum(["competence", "need"]),
    title: z.string().trim().min(1).max(200),
    description: z.string().trim().min(1).max(10_000),
    keywords: listField(50, 100),
    subjects: subjectsField,
    language: z.enum(["sv", "en"]),
    visibility: z.enum(["public", "members"]),
    // Confidential: others see the teaser, the subjects and the organization's kind until the author accepts their request.
    confidential: z
      .literal("on")
      .optional()
      .transform((v) => v === "on"),
    teaser: z.string().trim().max(300).optional().default(""),
    organizationId: z
      .string()
      .optional()
      .transform((v) => v || undefined)
      .refine((v) => v === undefined || isId(v), msg("validation.invalid")),
  })
  .superRefine((p, ctx) => {
    if (p.confidential && !p.teaser) ctx.addIssue({ code: "custom", path: ["teaser"], message: msg("reveal.teaserRequired") });
  });
/** The form as parsed; callers in code may leave confidentiality out (not confidential). */
export type PostingInput = Omit<z.output<typeof postingSchema>, "confidential" | "teaser"> & { confidential?: boolean; teaser?: string };

/** What a viewer may see: active and unexpired, and members-only ones only when signed in. */
function visibleTo(viewerId: string | null, now: Date): Prisma.PostingWhereInput {
  return {
    status: "active",
    expiresAt: { gt: now },
    ...(viewerId ? {} : { visibility: "public" as const }),
  };
}

/**
 * Listed on a person's or an organization's page: a confidential posting only to its own
 * side (its author and its organization's people), since the page itself names them.
 */
export function listedFor(viewerId: string | null): Prisma.PostingWhereInput {
  if (!viewerId) return { confidential: false };
  return { OR: [{ confidential: false }, { ownerId: viewerId }, { organization: { memberships: { some: { userId: viewerId } } } }] };
}

/** Postings this user may edit, as a query: mayEditPosting (app/domain/permissions.ts) in the database's terms. */
function editableBy(userId: string): Prisma.PostingWhereInput {
  return {
    OR: [{ ownerId: userId }, { organization: { memberships: { some: { userId, role: "admin" } } } }],
  };
}

const summarySelect = {
  id: true,
  kind: true,
  title: true,
  language: true,
  keywords: true,
  status: true,
  expiresAt: true,
  updatedAt: true,
  confidential: true,
  teaser: true,
  organization: { select: { name: true, kind: true } },
  owner: { select: { name: true } },
} satisfies Prisma.PostingSelect;

/** A posting as lists show it; a confidential one as its teaser (its own author's list passes `asWritten`). */
function toSummary(row: Prisma.PostingGetPayload<{ select: typeof summarySelect }>, asWritten = false): PostingSummary {
  const hidden = row.confidential && !asWritten;
  const r = hidden ? { ...row, ...teaserOf({ ...row, description: "" }) } : row;
  return {
    id: r.id,
    kind: r.kind,
    title: r.title,
    language: r.language,
    keywords: r.keywords,
    // A person posting on their own shows under their name.
    organizationName: hidden ? "" : (r.organization?.name ?? r.owner?.name ?? ""),
    organizationKind: r.organization?.kind ?? null,
    confidential: r.confidential,
    status: r.status,
    expiresAt: r.expiresAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
  };
}

export async function listRecentPublicPostings(limit = 12, now = new Date()): Promise<PostingSummary[]> {
  const rows = await getPrisma().posting.findMany({
    where: visibleTo(null, now),
    orderBy: [{ createdAt: "desc" }, { id: "asc" }],
    take: limit,
    select: summarySelect,
  });
  return rows.map((r) => toSummary(r));
}

export interface BrowseFilters {
  q?: string;
  kind?: "competence" | "need";
  language?: "sv" | "en";
  page: number;
}

/**
 * Prisma's `contains` becomes LIKE/ILIKE without escaping, so a typed "%" or "_" would be a
 * wildcard ("%" finding every posting). PostgreSQL's default LIKE escape is the backslash.
 */
export function likeLiteral(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

export async function browsePostings(viewerId: string | null, f: BrowseFilters, now = new Date()) {
  const q = f.q?.trim().slice(0, 200);
  const where: Prisma.PostingWhereInput = {
    ...visibleTo(viewerId, now),
    ...(f.kind ? { kind: f.kind } : {}),
    ...(f.language ? { language: f.language } : {}),
    // A plain substring match: the browse page's fallback when Meilisearch does not answer.
    // A confidential posting is found by its teaser alone, never by the words it hides.
    ...(q
      ? {
          OR: [
            {
              confidential: false,
              OR: [
                { title: { contains: likeLiteral(q), mode: "insensitive" } },
                { description: { contains: likeLiteral(q), mode: "insensitive" } },
                { keywords: { has: q } },
              ],
            },
            { confidential: true, teaser: { contains: likeLiteral(q), mode: "insensitive" } },
          ],
        }
      : {}),
  };
  const [total, rows] = await Promise.all([
    getPrisma().posting.count({ where }),
    getPrisma().posting.findMany({
      where,
      orderBy: [{ updatedAt: "desc" }, { id: "asc" }],
      skip: (f.page - 1) * PAGE_SIZE,
      take: PAGE_SIZE,
      select: summarySelect,
    }),
  ]);
  return { total, postings: rows.map((r) => toSummary(r)) };
}

export async function listMyPostings(userId: string): Promise<PostingSummary[]> {
  const rows = await getPrisma().posting.findMany({ where: editableBy(userId), orderBy: { updatedAt: "desc" }, select: summarySelect });
  return rows.map((r) => toSummary(r, true));
}

/** The posting if this viewer may see it: visible to all, or theirs to edit. */
export async function getPosting(id: string, viewerId: string | null, now = new Date()) {
  if (!isId(id)) return null;
  const where: Prisma.PostingWhereInput = viewerId
    ? { id, OR: [visibleTo(viewerId, now), editableBy(viewerId)] }
    : { id, ...visibleTo(null, now) };
  const row = await getPrisma().posting.findFirst({
    where,
    include: {
      organization: { select: { id: true, name: true, kind: true } },
      owner: { select: { id: true, name: true, email: true } },
    },
  });
  if (!row) return null;
  const canEdit = viewerId ? (await getPrisma().posting.count({ where: { id, ...editableBy(viewerId) } })) > 0 : false;
  return { ...row, canEdit };
}

export async function organizationsOf(userId: string) {
  return getPrisma().membership.findMany({ where: { userId }, select: { role: true, organization: { select: { id: true, name: true } } } });
}

function data(input: PostingInput) {
  return {
    kind: input.kind,
    title: input.title,
    description: input.description,
    keywords: input.keywords,
    subjects: input.subjects,
    language: input.language,
    visibility: input.visibility,
    confidential: input.confidential ?? false,
    teaser: input.teaser || null,
    organizationId: input.organizationId ?? null,
  };
}

/** A posting without an organization is the person's own; one for an organization needs its membership. */
async function mayPublish(userId: string, organizationId: string | null | undefined): Promise<boolean> {
  return !organizationId || mayPublishFor(await standingIn(getPrisma(), { id: userId }, organizationId));
}

/** Null when the user may not publish for the organization named. */
export async function createPosting(userId: string, input: PostingInput, now = new Date()): Promise<string | null> {
  if (!(await mayPublish(userId, input.organizationId))) return null;
  return getPrisma().$transaction(async (tx) => {
    const row = await tx.posting.create({
      data: { ...data(input), ownerId: userId, expiresAt: new Date(now.getTime() + YEAR_MS) },
      select: { id: true },
    });
    await writeEvent(tx, "search.postings", { postingIds: [row.id] });
    return row.id;
  });
}

/** False when there is no such posting this user may edit. */
export async function updatePosting(id: string, userId: string, input: PostingInput): Promise<boolean> {
  if (!isId(id)) return false;
  if (!(await mayPublish(userId, input.organizationId))) return false;
  return updateWithEvent(id, userId, data(input));
}

export type StatusChange = "pause" | "resume" | "archive" | "renew";

export async function changeStatus(id: string, userId: string, change: StatusChange, now = new Date()): Promise<boolean> {
  if (!isId(id)) return false;
  const dataFor: Record<StatusChange, Prisma.PostingUpdateManyMutationInput> = {
    pause: { status: "paused" },
    resume: { status: "active" },
    archive: { status: "archived" },
    // Renewing restarts the twelve months and re-arms the reminder.
    renew: { status: "active", expiresAt: new Date(now.getTime() + YEAR_MS), reminderSentAt: null },
  };
  return updateWithEvent(id, userId, dataFor[change]);
}

/** Updates a posting this user may edit and, in the same transaction, tells the search index. */
async function updateWithEvent(id: string, userId: string, changes: Prisma.PostingUpdateManyMutationInput): Promise<boolean> {
  return getPrisma().$transaction(async (tx) => {
    const { count } = await tx.posting.updateMany({ where: { id, ...editableBy(userId) }, data: changes });
    if (count === 1) await writeEvent(tx, "search.postings", { postingIds: [id] });
    return count === 1;
  });
}

export async function countMarketplace(now = new Date()) {
  const prisma = getPrisma();
  const [companies, universities, competences, needs] = await Promise.all([
    prisma.organization.count({ where: { kind: "company" } }),
    prisma.organization.count({ where: { kind: "university" } }),
    prisma.posting.count({ where: { kind: "competence", ...visibleTo(null, now) } }),
    prisma.posting.count({ where: { kind: "need", ...visibleTo(null, now) } }),
  ]);
  return { companies, universities, competences, needs };
}

/**
 * Of these postings (search hits), the ones this viewer may see now, read from PostgreSQL:
 * the search index lags the database while the worker catches up, so a posting archived,
 * expired or made members-only a moment ago must not be listed from it.
 */
export async function visibleSummaries(ids: string[], signedIn: boolean, now = new Date()): Promise<Map<string, PostingSummary>> {
  if (ids.length === 0) return new Map();
  // Visibility depends only on whether someone is signed in, not on who: one kept result
  // serves every signed-in viewer.
  const rows = await getPrisma().posting.findMany({
    where: { id: { in: ids }, ...visibleTo(signedIn ? "signed-in" : null, now) },
    select: summarySelect,
  });
  return new Map(rows.map((r) => [r.id, toSummary(r)]));
}

/** The id of the posting with this import reference, if any (visibility is checked by getPosting). */
export async function postingIdByRef(ref: string): Promise<string | null> {
  return (await getPrisma().posting.findFirst({ where: { ref }, select: { id: true } }))?.id ?? null;
}
