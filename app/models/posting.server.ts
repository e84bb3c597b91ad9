// Queries about postings. Visibility is part of every query: what a visitor may not
// see is never fetched for them.
import { getPrisma } from "~/lib/db.server";

export interface PostingSummary {
  id: string;
  kind: "competence" | "need";
  title: string;
  language: string;
  keywords: string[];
  organizationName: string;
  updatedAt: string;
}

/** Active, unexpired, public postings, newest first. */
export async function listRecentPublicPostings(limit = 12, now = new Date()): Promise<PostingSummary[]> {
  const rows = await getPrisma().posting.findMany({
    where: { status: "active", visibility: "public", expiresAt: { gt: now } },
    orderBy: { updatedAt: "desc" },
    take: limit,
    select: {
      id: true,
      kind: true,
      title: true,
      language: true,
      keywords: true,
      updatedAt: true,
      organization: { select: { name: true } },
      owner: { select: { name: true } },
    },
  });
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind,
    title: r.title,
    language: r.language,
    keywords: r.keywords,
    // A person posting on their own shows under their name.
    organizationName: r.organization?.name ?? r.owner?.name ?? "",
    updatedAt: r.updatedAt.toISOString(),
  }));
}

export async function countMarketplace(now = new Date()) {
  const prisma = getPrisma();
  const [companies, universities, competences, needs] = await Promise.all([
    prisma.organization.count({ where: { kind: "company" } }),
    prisma.organization.count({ where: { kind: "university" } }),
    prisma.posting.count({ where: { kind: "competence", status: "active", visibility: "public", expiresAt: { gt: now } } }),
    prisma.posting.count({ where: { kind: "need", status: "active", visibility: "public", expiresAt: { gt: now } } }),
  ]);
  return { companies, universities, competences, needs };
}
