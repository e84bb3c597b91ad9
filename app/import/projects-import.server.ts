// The importer's part for past projects (docs/import-export.md): their lead and
// partners must be organizations of the file or the database; create / update /
// unchanged against the canonical form of the stored row. A project is track record,
// nothing anyone waits for, so writing one announces nothing (no outbox event).
import { randomUUID } from "node:crypto";
import { getPrisma } from "#app/lib/db.server.ts";
import { projectToRecord, sameRecord, sortRefs } from "#app/import/canonical.ts";
import type { Step } from "#app/import/chunks.server.ts";
import type { Entry, ProjectRecord } from "#app/import/records.ts";

const READ_CHUNK = 1000;
// Partner rows per INSERT: a chunk of projects can have up to 500 partners each, more
// bind parameters than PostgreSQL takes in one statement.
const PARTNER_CHUNK = 5000;

/** The stored projects the file names, by ref, with their partners' ids. */
export async function readStoredProjects(refs: string[]) {
  const prisma = getPrisma();
  // Only the importer creates projects, so every stored one has a ref.
  const readChunk = (chunk: string[]) =>
    prisma.project.findMany({ where: { ref: { in: chunk } }, include: { partners: { select: { organizationId: true } } } });
  const byRef = new Map<string, Awaited<ReturnType<typeof readChunk>>[number]>();
  for (let i = 0; i < refs.length; i += READ_CHUNK) for (const p of await readChunk(refs.slice(i, i + READ_CHUNK))) byRef.set(p.ref!, p);
  return byRef;
}
export type StoredProjects = Awaited<ReturnType<typeof readStoredProjects>>;

interface RefChecks {
  orgOk: (ref: string) => boolean;
  /** The organization's line in the file, if it has one (to say it was rejected). */
  orgLine: (ref: string) => Entry<unknown> | undefined;
  missing: (field: string, ref: string, kind: string, entry: Entry<unknown> | undefined) => string;
}

/** Rejects projects naming an organization that is neither in the file nor stored, or was rejected; names every such ref. */
export function checkProjects(projects: Map<string, Entry<ProjectRecord>>, { orgOk, orgLine, missing }: RefChecks): void {
  for (const e of projects.values()) {
    const { leadOrganizationRef: lead, partnerRefs } = e.record;
    const why = [
      ...(lead && !orgOk(lead) ? [missing("leadOrganizationRef", lead, "organization", orgLine(lead))] : []),
      ...partnerRefs.filter((r) => !orgOk(r)).map((r) => missing("partnerRefs", r, "organization", orgLine(r))),
    ];
    if (why.length && !e.rejected) e.rejected = why.join("; ");
  }
}

/**
 * Decides what changes and returns the steps that write it; counts into `summary`.
 * `orgId` resolves refs of the file and the database to ids.
 */
export function projectSteps(
  projects: Map<string, Entry<ProjectRecord>>,
  stored: StoredProjects,
  orgId: (ref: string) => string,
  orgRefOfId: Map<string, string>,
  summary: { created: number; updated: number; unchanged: number },
): Step[] {
  const ids = new Map<string, string>();
  const creates: ProjectRecord[] = [];
  const updates: ProjectRecord[] = [];
  for (const e of projects.values()) {
    if (e.rejected) continue;
    const r = e.record;
    const row = stored.get(r.ref);
    if (!row) {
      ids.set(r.ref, randomUUID());
      creates.push(r);
      continue;
    }
    ids.set(r.ref, row.id);
    const refOf = (id: string) => orgRefOfId.get(id) ?? id;
    const current = projectToRecord(row, {
      ref: r.ref,
      leadOrganizationRef: row.leadOrganizationId ? refOf(row.leadOrganizationId) : undefined,
      partnerRefs: row.partners.map((p) => refOf(p.organizationId)),
    });
    if (sameRecord(current, { ...r, partnerRefs: sortRefs(r.partnerRefs) })) summary.unchanged++;
    else updates.push(r);
  }
  summary.created += creates.length;
  summary.updated += updates.length;

  const data = (r: ProjectRecord) => ({
    title: r.title,
    summary: r.summary,
    funder: r.funder ?? null,
    programme: r.programme ?? null,
    year: r.year ?? null,
    keywords: r.keywords,
    leadOrganizationId: r.leadOrganizationRef ? orgId(r.leadOrganizationRef) : null,
  });
  // Exactly the partners the line names: the lead is not added when it is not among them,
  // so export gives back what was imported.
  const partnerRows = (chunk: ProjectRecord[]) =>
    chunk.flatMap((r) => r.partnerRefs.map((ref) => ({ projectId: ids.get(r.ref)!, organizationId: orgId(ref) })));
  const insertPartners = async (tx: Parameters<Step["run"]>[0], rows: { projectId: string; organizationId: string }[]) => {
    for (let i = 0; i < rows.length; i += PARTNER_CHUNK) await tx.projectPartner.createMany({ data: rows.slice(i, i + PARTNER_CHUNK) });
  };
  return [
    {
      phase: "projects",
      items: creates.length,
      run: async (tx, a, b) => {
        const chunk = creates.slice(a, b);
        await tx.project.createMany({ data: chunk.map((r) => ({ id: ids.get(r.ref)!, ref: r.ref, ...data(r) })) });
        await insertPartners(tx, partnerRows(chunk));
      },
    },
    {
      phase: "projects",
      items: updates.length,
      run: async (tx, a, b) => {
        const chunk = updates.slice(a, b);
        for (const r of chunk) await tx.project.update({ where: { id: ids.get(r.ref)! }, data: data(r) });
        await tx.projectPartner.deleteMany({ where: { projectId: { in: chunk.map((r) => ids.get(r.ref)!) } } });
        await insertPartners(tx, partnerRows(chunk));
      },
    },
  ];
}
