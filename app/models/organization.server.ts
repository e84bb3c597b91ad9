// Organizations and their corporate groups. Only an organization's admins (or a site
// administrator) change it; the parent chain never loops.
import { z } from "zod";
import { sniCode } from "~/domain/classification";
import { cycleIfParentSet } from "~/domain/corporate-group";
import { parseOrgNumber } from "~/domain/org-number";
import { getPrisma } from "~/lib/db.server";
import { writeEvent } from "~/lib/outbox.server";
import { isId, optionalText } from "~/lib/form-fields";

const optionalInt = (max: number) =>
  z
    .string()
    .trim()
    .optional()
    .transform((v) => (v ? v.replace(/\s/g, "") : ""))
    .refine((v) => v === "" || /^\d+$/.test(v), "validation.number")
    .transform((v) => (v === "" ? null : Number(v)))
    .refine((v) => v === null || v <= max, "validation.number");

export const organizationSchema = z
  .object({
    name: z.string().trim().min(1).max(300),
    kind: z.enum(["university", "institute", "company", "public", "other"]),
    orgNumber: z
      .string()
      .trim()
      .max(20)
      .optional()
      .refine((v) => !v || parseOrgNumber(v).ok, "validation.orgNumber"),
    country: z.string().trim().toUpperCase().regex(/^[A-Z]{2}$/, "validation.country"),
    region: optionalText(100),
    website: optionalText(500).refine((v) => v === null || /^https?:\/\/[^\s]+$/.test(v), "validation.url"),
    employees: optionalInt(10_000_000),
    sme: z.enum(["", "yes", "no"]).optional().transform((v) => (v === "yes" ? true : v === "no" ? false : null)),
    sniCode: optionalText(10).refine((v) => v === null || Boolean(sniCode(v)), "validation.sni").transform((v) => (v ? sniCode(v)!.code : null)),
    description: optionalText(10_000),
    competencies: optionalText(10_000),
    needs: optionalText(10_000),
    coFundingCapacity: optionalInt(2_000_000_000),
    parentOrgNumber: z
      .string()
      .trim()
      .max(20)
      .optional()
      .refine((v) => !v || parseOrgNumber(v).ok, "validation.orgNumber"),
  })
  .transform((o, ctx) => {
    // Both numbers were checked above; here they are only normalised.
    const normal = (v: string | undefined) => (v ? (parseOrgNumber(v) as { value: string }).value : null);
    if (!o.orgNumber && o.kind === "company" && o.country === "SE") {
      ctx.addIssue({ code: "custom", path: ["orgNumber"], message: "validation.orgNumberRequired" });
    }
    return { ...o, orgNumber: normal(o.orgNumber), parentOrgNumber: normal(o.parentOrgNumber) };
  });
export type OrganizationInput = z.output<typeof organizationSchema>;

export async function getOrganization(id: string, viewer: { id: string; role: string } | null, now = new Date()) {
  if (!isId(id)) return null;
  const prisma = getPrisma();
  const org = await prisma.organization.findUnique({
    where: { id },
    include: {
      parent: { select: { id: true, name: true, orgNumber: true } },
      subsidiaries: { select: { id: true, name: true }, orderBy: { name: "asc" } },
      postings: {
        where: { status: "active", expiresAt: { gt: now }, ...(viewer ? {} : { visibility: "public" }) },
        select: { id: true, title: true, kind: true, language: true },
        orderBy: { updatedAt: "desc" },
        take: 50,
      },
    },
  });
  if (!org) return null;
  const canEdit = viewer ? viewer.role === "admin" || (await prisma.membership.count({ where: { organizationId: id, userId: viewer.id, role: "admin" } })) > 0 : false;
  return { ...org, canEdit };
}

export type SaveResult = { ok: true } | { ok: false; field: string; message: string; vars?: Record<string, string> };

/** Saves if `userId` administers the organization; field errors for taken numbers, unknown parents and cycles. */
export async function updateOrganization(id: string, user: { id: string; role: string }, input: OrganizationInput): Promise<SaveResult | null> {
  if (!isId(id)) return null;
  const prisma = getPrisma();
  const allowed = user.role === "admin" || (await prisma.membership.count({ where: { organizationId: id, userId: user.id, role: "admin" } })) > 0;
  if (!allowed) return null;
  return prisma.$transaction(async (tx): Promise<SaveResult> => {
    // Serialise parent changes: two admins linking two companies to each other at the
    // same moment must not both pass the cycle check.
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(7262026004)`;
    let parentId: string | null = null;
    if (input.parentOrgNumber) {
      const parent = await tx.organization.findUnique({ where: { orgNumber: input.parentOrgNumber }, select: { id: true } });
      if (!parent) return { ok: false, field: "parentOrgNumber", message: "org.parentUnknown" };
      const all = await tx.organization.findMany({ select: { id: true, parentId: true, name: true } });
      const cycle = cycleIfParentSet(id, parent.id, new Map(all.map((o) => [o.id, o.parentId])));
      if (cycle) {
        const names = new Map(all.map((o) => [o.id, o.name]));
        return { ok: false, field: "parentOrgNumber", message: "org.parentCycle", vars: { chain: [...cycle, cycle[0]!].map((c) => names.get(c)).join(" → ") } };
      }
      parentId = parent.id;
    }
    if (input.orgNumber) {
      const holder = await tx.organization.findUnique({ where: { orgNumber: input.orgNumber }, select: { id: true, name: true } });
      if (holder && holder.id !== id) return { ok: false, field: "orgNumber", message: "org.numberTaken", vars: { name: holder.name } };
    }
    const { parentOrgNumber: _p, ...data } = input;
    await tx.organization.update({ where: { id }, data: { ...data, parentId } });
    // Its postings' documents carry its name, kind, region and group.
    await writeEvent(tx, "search.organizations", { organizationIds: [id] });
    return { ok: true };
  });
}

/**
 * The parent map from one organization upwards (itself and its ancestors): enough for
 * ultimateParent without reading every organization. Depth-bounded, so a loop made by
 * hand in the database ends the walk instead of hanging it.
 */
export async function parentsAbove(id: string): Promise<Map<string, string | null>> {
  const rows = await getPrisma().$queryRaw<{ id: string; parentId: string | null }[]>`
    WITH RECURSIVE up(id, "parentId", depth) AS (
      SELECT id, "parentId", 0 FROM "Organization" WHERE id = ${id}::uuid
      UNION ALL
      SELECT o.id, o."parentId", up.depth + 1 FROM "Organization" o JOIN up ON o.id = up."parentId" WHERE up.depth < 100
    )
    SELECT id, "parentId" FROM up`;
  return new Map(rows.map((r) => [r.id, r.parentId]));
}
