// Seeds the demo data. Idempotent: everything is upserted by `ref`. Each organization,
// person and posting goes through the importer: read as an import record (records.ts) and
// turned into columns by the importer's mapping (mapping.ts).
import { parseOrgNumber, luhnCheckDigit } from "#app/domain/org-number.ts";
import type { PrismaClient } from "#app/generated/prisma/client.ts";
import { writeEvent } from "#app/lib/outbox.server.ts";
import { hashPassword } from "#app/lib/security.server.ts";
import { generateDemo } from "#prisma/demo-generate.ts";
import { DEFAULT_POSTING_DAYS, organizationData, personData, postingData } from "#app/import/mapping.ts";
import { parseLine, type ImportRecord } from "#app/import/records.ts";
import { evaluateConsortium } from "#app/models/consortium.server.ts";
import {
  companies,
  consortia,
  demoAccounts,
  eligibleUniversities,
  postings as handcrafted,
  type SeedOrg,
  type SeedPerson,
  type SeedPosting,
  programmes,
} from "#prisma/seed-data.ts";

const DAY = 24 * 3600 * 1000;

function orgNumberOf(o: SeedOrg): string | null {
  const raw = o.orgNumber ?? (o.orgNumberBase ? o.orgNumberBase + luhnCheckDigit(o.orgNumberBase) : undefined);
  if (!raw) return null;
  const parsed = parseOrgNumber(raw);
  if (!parsed.ok) throw new Error(`Seed organization ${o.ref}: organisation number ${parsed.error}`);
  return parsed.value;
}

/**
 * A demo record read as the importer reads a line (records.ts): the same validation and
 * normalization, so the demo data holds to the rules an import does.
 */
function asRecord<T extends ImportRecord["type"]>(record: { type: T } & Record<string, unknown>): Extract<ImportRecord, { type: T }> {
  const parsed = parseLine(JSON.stringify(record));
  if (!parsed.ok) throw new Error(`Demo ${record.type} ${String(record.ref)}: ${parsed.error}`);
  return parsed.record as Extract<ImportRecord, { type: T }>;
}

const organizationRecord = (o: SeedOrg) =>
  asRecord({
    type: "organization",
    ref: o.ref,
    name: o.name,
    kind: o.kind,
    orgNumber: orgNumberOf(o) ?? undefined,
    region: o.region,
    website: o.website,
    employees: o.employees,
    sniCode: o.sniCode,
    eligibleApplicant: o.eligibleApplicant ?? false,
  });

const personRecord = (p: SeedPerson) =>
  asRecord({
    type: "person",
    ref: p.ref,
    name: p.name,
    email: p.email,
    organizationRef: p.organizationRef,
    role: p.role,
    title: p.title,
    orcid: p.orcid,
    languages: p.languages,
    keywords: p.keywords,
    subjects: p.subjects,
    researchInterests: p.researchInterests,
  });

/** A person's posting names its organization; an organization's own names only itself, as owner. */
const postingRecord = (p: SeedPosting, byPerson: boolean) =>
  asRecord({
    type: "posting",
    ref: p.ref,
    ownerRef: byPerson ? p.ownerRef! : p.orgRef,
    organizationRef: byPerson ? p.orgRef : undefined,
    kind: p.kind,
    title: p.title,
    description: p.description,
    keywords: p.keywords,
    subjects: p.subjects ?? [],
    language: p.language,
    visibility: p.visibility ?? "public",
  });

export async function seedDemo(
  prisma: PrismaClient,
  now = new Date(),
): Promise<{ organizations: number; people: number; postings: number; consortia: number }> {
  const universities = eligibleUniversities();
  const generated = generateDemo(universities.map((u) => u.ref));
  const orgs = [...universities, ...companies, ...generated.orgs];
  const people = [...generated.people, ...demoAccounts];
  // Handcrafted postings last: they are the newest, so the home page shows them.
  const postings = [...generated.postings, ...handcrafted];
  const passwords = new Map(await Promise.all(demoAccounts.map(async (a) => [a.ref, await hashPassword(a.password!)] as const)));

  const orgIds = new Map<string, string>();
  const personIds = new Map<string, string>();
  const postingIds: string[] = [];
  await prisma.$transaction(
    async (tx) => {
      // Organizations without parents first, then the links (a parent may come later).
      for (const o of orgs) {
        const data = organizationData(organizationRecord(o));
        const row = await tx.organization.upsert({
          where: { ref: o.ref },
          create: { ref: o.ref, ...data },
          update: onlyGiven(data),
          select: { id: true },
        });
        orgIds.set(o.ref, row.id);
      }
      for (const o of orgs) {
        await tx.organization.update({
          where: { id: orgIds.get(o.ref)! },
          data: { parentId: o.parentRef ? orgIds.get(o.parentRef)! : null },
        });
      }
      for (const p of people) {
        const data = {
          ...personData(personRecord(p)),
          // The demo accounts sign in at once: their addresses count as confirmed.
          ...(passwords.has(p.ref) ? { passwordHash: passwords.get(p.ref)!, emailConfirmedAt: new Date("2026-01-01T00:00:00Z") } : {}),
        };
        const row = await tx.user.upsert({
          where: { ref: p.ref },
          create: { ref: p.ref, ...data },
          update: onlyGiven(data),
          select: { id: true },
        });
        personIds.set(p.ref, row.id);
        if (p.organizationRef) {
          const key = { userId: row.id, organizationId: orgIds.get(p.organizationRef)! };
          const role = p.orgAdmin ? "admin" : "member";
          await tx.membership.upsert({ where: { userId_organizationId: key }, create: { ...key, role }, update: { role } });
        }
      }
      for (const p of postings) {
        const byPerson = !!p.ownerRef && personIds.has(p.ownerRef);
        const data = postingData(
          postingRecord(p, byPerson),
          byPerson
            ? { personId: personIds.get(p.ownerRef!)!, organizationId: orgIds.get(p.orgRef)! }
            : { organizationId: orgIds.get(p.orgRef)! },
        );
        const expiresAt = new Date(now.getTime() + (p.expiresInDays ?? DEFAULT_POSTING_DAYS) * DAY);
        const row = await tx.posting.upsert({
          where: { ref: p.ref },
          create: { ref: p.ref, ...data, expiresAt },
          update: onlyGiven(data),
          select: { id: true },
        });
        postingIds.push(row.id);
      }
      const programmeIds = new Map<string, string>();
      for (const { ref, deadlineInDays, ...rest } of programmes) {
        const data = { ...rest, deadline: new Date(Math.floor(now.getTime() / DAY + deadlineInDays) * DAY) };
        const row = await tx.programme.upsert({ where: { ref }, create: { ref, ...data }, update: data, select: { id: true } });
        programmeIds.set(ref, row.id);
      }
      // A consortium is written once: invitations answered, pledges changed or members
      // withdrawn since stay as people left them.
      for (const c of consortia) {
        if (await tx.consortium.findUnique({ where: { ref: c.ref }, select: { id: true } })) continue;
        const row = await tx.consortium.create({
          data: {
            ref: c.ref,
            programmeId: programmeIds.get(c.programmeRef)!,
            title: c.title,
            summary: c.summary,
            keywords: c.keywords,
            subjects: c.subjects,
            requestedFunding: BigInt(c.requestedFunding),
            leadOrganizationId: orgIds.get(c.leadRef)!,
            coordinatorId: personIds.get(c.coordinatorRef)!,
            members: {
              create: c.members.map((m) => ({
                organizationId: orgIds.get(m.orgRef)!,
                status: m.status,
                contactId: m.contactRef ? personIds.get(m.contactRef)! : null,
                answeredById: m.status !== "invited" && m.contactRef ? personIds.get(m.contactRef)! : null,
                pledgeCash: BigInt(m.pledgeCash ?? 0),
                pledgeInKind: BigInt(m.pledgeInKind ?? 0),
                expectedContribution: m.expected ?? null,
                reason: m.reason ?? null,
              })),
            },
          },
          select: { id: true },
        });
        // The eligibility already reached counts as announced: no notification for demo data.
        const evaluated = await evaluateConsortium(tx, row.id);
        const eligible = evaluated!.evaluation.eligible;
        await tx.consortium.update({ where: { id: row.id }, data: { thresholdMet: eligible, eligibleSeen: eligible } });
        await tx.funnelEvent.createMany({ data: demoFunnelSteps(c, programmeIds.get(c.programmeRef)!, row.id, eligible, now) });
      }
      await writeEvent(tx, "search.postings", { postingIds });
      await writeEvent(tx, "search.people", { userIds: [...personIds.values()] });
      await writeEvent(tx, "search.organizations", { organizationIds: [...orgIds.values()] });
    },
    { timeout: 120_000 },
  );
  return { organizations: orgs.length, people: people.length, postings: postings.length, consortia: consortia.length };
}

/**
 * The administrators' funnel for a demo consortium, as if it had been formed over the last
 * weeks: its invitations, then the answers, then eligibility, each a few days apart and
 * starting further back for each consortium, so the first visit shows several months.
 */
function demoFunnelSteps(c: (typeof consortia)[number], programmeId: string, consortiumId: string, eligible: boolean, now: Date) {
  const start = now.getTime() - (40 + consortia.indexOf(c) * 25) * DAY;
  const partners = c.members.filter((m) => m.orgRef !== c.leadRef);
  const at = (days: number) => new Date(start + days * DAY);
  const step = (stage: "invitation" | "accepted" | "eligible", days: number) => ({ stage, programmeId, consortiumId, at: at(days) });
  return [
    ...partners.map((_, i) => step("invitation", i)),
    ...partners.filter((m) => m.status === "accepted").map((_, i) => step("accepted", 7 + i)),
    ...(eligible ? [step("eligible", 20)] : []),
  ];
}

/** Seeds only a database that has no organizations yet (the first start). */
export async function seedIfEmpty(prisma: PrismaClient): Promise<boolean> {
  if ((await prisma.organization.count()) > 0) return false;
  await seedDemo(prisma);
  return true;
}

/**
 * What a repeated seed writes over a row that exists: only the fields the demo data gives,
 * and never a posting's status, so a demo posting someone paused or archived, or a
 * description someone wrote, stays as they left it.
 */
function onlyGiven<T extends Record<string, unknown>>(data: T): Partial<T> {
  return Object.fromEntries(Object.entries(data).filter(([k, v]) => v !== null && v !== undefined && k !== "status")) as Partial<T>;
}
