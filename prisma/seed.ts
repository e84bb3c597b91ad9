// Seeds the demo data. Idempotent: organizations and postings are upserted by `ref`.
import { parseOrgNumber, luhnCheckDigit } from "../app/domain/org-number.ts";
import type { PrismaClient } from "../app/generated/prisma/client.ts";
import { companies, eligibleUniversities, postings, type SeedOrg } from "./seed-data.ts";

function orgNumberOf(o: SeedOrg): string | null {
  const raw = o.orgNumber ?? (o.orgNumberBase ? o.orgNumberBase + luhnCheckDigit(o.orgNumberBase) : undefined);
  if (!raw) return null;
  const parsed = parseOrgNumber(raw);
  if (!parsed.ok) throw new Error(`Seed organization ${o.ref}: organisation number ${parsed.error}`);
  return parsed.value;
}

export async function seedDemo(prisma: PrismaClient, now = new Date()): Promise<{ organizations: number; postings: number }> {
  const orgs = [...eligibleUniversities(), ...companies];
  const ids = new Map<string, string>();
  await prisma.$transaction(async (tx) => {
    // Parents first, so parentId can be set in the same pass.
    for (const o of orgs) {
      const data = {
        name: o.name,
        kind: o.kind,
        orgNumber: orgNumberOf(o),
        region: o.region ?? null,
        website: o.website ?? null,
        employees: o.employees ?? null,
        eligibleApplicant: o.eligibleApplicant ?? false,
        parentId: o.parentRef ? ids.get(o.parentRef)! : null,
      };
      const row = await tx.organization.upsert({ where: { ref: o.ref }, create: { ref: o.ref, ...data }, update: data, select: { id: true } });
      ids.set(o.ref, row.id);
    }
    const expiresAt = new Date(now.getTime() + 365 * 24 * 3600 * 1000);
    for (const p of postings) {
      const data = {
        kind: p.kind,
        title: p.title,
        description: p.description,
        keywords: p.keywords,
        language: p.language,
        organizationId: ids.get(p.orgRef)!,
      };
      await tx.posting.upsert({ where: { ref: p.ref }, create: { ref: p.ref, ...data, expiresAt }, update: data });
    }
  });
  return { organizations: orgs.length, postings: postings.length };
}

/** Seeds only a database that has no organizations yet (the first start). */
export async function seedIfEmpty(prisma: PrismaClient): Promise<boolean> {
  if ((await prisma.organization.count()) > 0) return false;
  await seedDemo(prisma);
  return true;
}
