// Organizations and their corporate groups. Only an organization's admins (or a site
// administrator) change it; the parent chain never loops, and a change of group re-checks
// every consortium it touches.
import { z } from "zod";
import { sniCode } from "#app/domain/classification.ts";
import { cycleIfParentSet } from "#app/domain/corporate-group.ts";
import { parseOrgNumber } from "#app/domain/org-number.ts";
import type { Prisma } from "#app/generated/prisma/client.ts";
import { mayEditOrganization } from "#app/domain/permissions.ts";
import { getPrisma } from "#app/lib/db.server.ts";
import { standingIn } from "#app/models/permissions.server.ts";
import { writeEvent, writeEvents } from "#app/lib/outbox.server.ts";
import { isId, optionalText } from "#app/lib/form-fields.ts";
import { parentMap } from "#app/models/corporate-group.server.ts";
import { settleParentChange, type ParentChangeOutcome } from "#app/models/parent-change.server.ts";
import { msg } from "#app/i18n/index.ts";
import { listedFor } from "#app/models/posting.server.ts";

type Tx = Prisma.TransactionClient;

const optionalInt = (max: number) =>
  z
    .string()
    .trim()
    .optional()
    .transform((v) => (v ? v.replace(/\s/g, "") : ""))
    .refine((v) => v === "" || /^\d+$/.test(v), msg("validation.number"))
    .transform((v) => (v === "" ? null : Number(v)))
    .refine((v) => v === null || v <= max, msg("validation.number"));

export const organizationSchema = z
  .object({
    name: z.string().trim().min(1).max(300),
    kind: z.enum(["university", "institute", "company", "public", "other"]),
    orgNumber: z
      .string()
      .trim()
      .max(20)
      .optional()
      .refine((v) => !v || parseOrgNumber(v).ok, msg("validation.orgNumber")),
    country: z
      .string()
      .trim()
      .toUpperCase()
      .regex(/^[A-Z]{2}$/, msg("validation.country")),
    region: optionalText(100),
    website: optionalText(500).refine((v) => v === null || /^https?:\/\/[^\s]+$/.test(v), msg("validation.url")),
    employees: optionalInt(10_000_000),
    sme: z
      .enum(["", "yes", "no"])
      .optional()
      .transform((v) => (v === "yes" ? true : v === "no" ? false : null)),
    sniCode: optionalText(10)
      .refine((v) => v === null || Boolean(sniCode(v)), msg("validation.sni"))
      .transform((v) => (v ? sniCode(v)!.code : null)),
    description: optionalText(10_000),
    competencies: optionalText(10_000),
    needs: optionalText(10_000),
    coFundingCapacity: optionalInt(2_000_000_000),
    parentOrgNumber: z
      .string()
      .trim()
      .max(20)
      .optional()
      .refine((v) => !v || parseOrgNumber(v).ok, msg("validation.orgNumber")),
  })
  .transform((o, ctx) => {
    // Both numbers were checked above; here they are only normalised.
    const normal = (v: string | undefined) => (v ? (parseOrgNumber(v) as { value: string }).value : null);
    if (!o.orgNumber && o.kind === "company" && o.country === "SE") {
      ctx.addIssue({ code: "custom", path: ["orgNumber"], message: msg("validation.orgNumberRequired") });
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
        where: { status: "active", expiresAt: { gt: now }, ...(viewer ? {} : { visibility: "public" }), ...listedFor(viewer?.id ?? null) },
        select: { id: true, title: true, kind: true, language: true },
        orderBy: { updatedAt: "desc" },
        take: 50,
      },
    },
  });
  if (!org) return null;
  const canEdit = viewer ? mayEditOrganization(await standingIn(prisma, viewer, id)) : false;
  return { ...org, canEdit };
}

export type SaveResult =
  { ok: true; parentChange: ParentChangeOutcome } | { ok: false; field: string; message: string; vars?: Record<string, string> };

/**
 * Saves if `user` administers the organization (or is a site administrator); field
 * errors for taken numbers, unknown parents and cycles. Every field but the parent saves
 * at once; a parent change by an organization admin waits for approval
 * (parent-change.server.ts), a site administrator's applies at once.
 */
export async function updateOrganization(
  id: string,
  user: { id: string; role: string },
  input: OrganizationInput,
): Promise<SaveResult | null> {
  if (!isId(id)) return null;
  const prisma = getPrisma();
  if (!mayEditOrganization(await standingIn(prisma, user, id))) return null;
  return prisma.$transaction(async (tx): Promise<SaveResult> => {
    await lockGroups(tx);
    let parentId: string | null = null;
    // A parent without an organisation number (abroad, a university, imported) cannot be
    // shown in the form's number field: an empty field then means "unchanged", not "leave".
    const current = await tx.organization.findUniqueOrThrow({
      where: { id },
      select: { parent: { select: { id: true, orgNumber: true } } },
    });
    if (!input.parentOrgNumber && current.parent && !current.parent.orgNumber) parentId = current.parent.id;
    if (input.parentOrgNumber) {
      const parent = await tx.organization.findUnique({ where: { orgNumber: input.parentOrgNumber }, select: { id: true } });
      if (!parent) return { ok: false, field: "parentOrgNumber", message: "org.parentUnknown" };
      const cycle = await cycleIn(tx, id, parent.id);
      if (cycle) return { ok: false, field: "parentOrgNumber", message: "org.parentCycle", vars: { chain: cycle } };
      parentId = parent.id;
    }
    if (input.orgNumber) {
      const holder = await tx.organization.findUnique({ where: { orgNumber: input.orgNumber }, select: { id: true, name: true } });
      if (holder && holder.id !== id) return { ok: false, field: "orgNumber", message: "org.numberTaken", vars: { name: holder.name } };
    }
    const { parentOrgNumber: _p, ...data } = input;
    await tx.organization.update({ where: { id }, data });
    // Its postings' documents carry its name, kind, region and group.
    await writeEvent(tx, "search.organizations", { organizationIds: [id] });
    return { ok: true, parentChange: await settleParentChange(tx, id, parentId, user) };
  });
}

/**
 * Serialises every change of a corporate group: two admins linking two companies to each
 * other at the same moment must not both pass the cycle check.
 */
export async function lockGroups(tx: Tx): Promise<void> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(7262026004)`;
}

/** The loop setting `id`'s parent to `parentId` would make, as names ("A → B → A"), or null. */
export async function cycleIn(tx: Tx, id: string, parentId: string | null): Promise<string | null> {
  if (!parentId) return null;
  // A loop through the new parent passes through `id`: the chain above the parent is enough.
  const cycle = cycleIfParentSet(id, parentId, await parentMap([parentId], tx));
  if (!cycle) return null;
  const names = new Map(
    (await tx.organization.findMany({ where: { id: { in: cycle } }, select: { id: true, name: true } })).map((o) => [o.id, o.name]),
  );
  return [...cycle, cycle[0]!].map((c) => names.get(c)).join(" → ");
}

/**
 * Sets a parent and tells everything that depends on the group: the search documents of
 * the organization and everything below it, and every consortium with a member or lead
 * among them, re-evaluated by the worker (which announces a crossed threshold once).
 */
export async function setParent(tx: Tx, id: string, parentId: string | null): Promise<void> {
  await tx.organization.update({ where: { id }, data: { parentId } });
  await groupChanged(tx, [id]);
}

/**
 * The corporate group of these organizations (and so of all below them) changed: writes
 * search.organizations for the subtrees and consortium.changed for every consortium that
 * holds a member or has its lead anywhere in them. Returns the consortia.
 */
export async function groupChanged(tx: Tx, ids: string[]): Promise<string[]> {
  if (ids.length === 0) return [];
  const subtree = await tx.$queryRaw<{ id: string }[]>`
    WITH RECURSIVE down(id, depth) AS (
      SELECT unnest(${ids}::uuid[]), 0
      UNION
      SELECT o.id, down.depth + 1 FROM "Organization" o JOIN down ON o."parentId" = down.id WHERE down.depth < 100
    )
    SELECT DISTINCT id::text AS id FROM down`;
  const orgIds = subtree.map((r) => r.id);
  const consortia = await tx.$queryRaw<{ id: string }[]>`
    SELECT "consortiumId"::text AS id FROM "ConsortiumMember" WHERE "organizationId" = ANY(${orgIds}::uuid[])
    UNION
    SELECT id::text FROM "Consortium" WHERE "leadOrganizationId" = ANY(${orgIds}::uuid[])
    ORDER BY id`;
  await writeEvent(tx, "search.organizations", { organizationIds: orgIds });
  await writeEvents(
    tx,
    "consortium.changed",
    consortia.map((c) => ({ consortiumId: c.id })),
  );
  return consortia.map((c) => c.id);
}
