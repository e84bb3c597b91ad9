// The importer's part for programmes, consortia and their members
// (docs/import-export.md): reference checks against the rest of the file and the database, then
// create / update / unchanged against the canonical form of the stored row, and the
// writing steps. Every consortium the import creates or changes (itself, a member, its
// programme's rules) gets a consortium.changed event in the transaction that changes it, so the worker evaluates it and announces a threshold
// it reaches, as after any other change.
import { randomUUID } from "node:crypto";
import { PROGRAMME_DEFAULTS } from "#app/domain/programme.ts";
import type { Prisma } from "#app/generated/prisma/client.ts";
import { getPrisma } from "#app/lib/db.server.ts";
import { writeEvents } from "#app/lib/outbox.server.ts";
import type { Step } from "#app/import/chunks.server.ts";
import { consortiumToRecord, memberToRecord, programmeToRecord, sameRecord } from "#app/import/canonical.ts";
import type { ConsortiumRecord, Entry, MemberRecord, ProgrammeRecord } from "#app/import/records.ts";

type Tx = Prisma.TransactionClient;

/** The ref of the programme a consortium without programmeRef goes under. */
export const DEFAULT_PROGRAMME_REF = "default";

export interface ConsortiumEntries {
  programmes: Map<string, Entry<ProgrammeRecord>>;
  consortia: Map<string, Entry<ConsortiumRecord>>;
  members: Map<string, Entry<MemberRecord>>;
}

export const memberKey = (r: { consortiumRef: string; organizationRef: string }) => `${r.consortiumRef} / ${r.organizationRef}`;

/** What the database holds, by ref (a row created in the app has its id as its ref). */
export async function readStoredConsortia() {
  const prisma = getPrisma();
  const [programmes, consortia, members] = await Promise.all([
    prisma.programme.findMany(),
    prisma.consortium.findMany(),
    prisma.consortiumMember.findMany(),
  ]);
  return {
    programmeByRef: new Map(programmes.map((p) => [p.ref ?? p.id, p])),
    programmeRefOfId: new Map(programmes.map((p) => [p.id, p.ref ?? p.id])),
    consortiumByRef: new Map(consortia.map((c) => [c.ref ?? c.id, c])),
    consortiumRefOfId: new Map(consortia.map((c) => [c.id, c.ref ?? c.id])),
    members,
  };
}
export type StoredConsortia = Awaited<ReturnType<typeof readStoredConsortia>>;

interface RefChecks {
  orgOk: (ref: string) => boolean;
  personOk: (ref: string) => boolean;
  /** The organization's or person's line in the file, if it has one (to say it was rejected). */
  orgLine: (ref: string) => Entry<unknown> | undefined;
  personLine: (ref: string) => Entry<unknown> | undefined;
  /** Is the person one of the organization's people (after the import)? */
  memberOf: (personRef: string, orgRef: string) => boolean;
  /** Why a reference fails: rejected line, or unknown. */
  missing: (field: string, ref: string, kind: string, entry: Entry<unknown> | undefined) => string;
}

/** Rejects records whose references do not hold; members of a rejected consortium go too. */
export function checkConsortia(
  file: ConsortiumEntries,
  stored: StoredConsortia,
  { orgOk, personOk, orgLine, personLine, memberOf, missing }: RefChecks,
): void {
  const reject = (e: Entry<unknown>, why: string | undefined) => {
    if (why && !e.rejected) e.rejected = why;
  };
  const programmeOk = (ref: string) => (file.programmes.has(ref) ? !file.programmes.get(ref)!.rejected : stored.programmeByRef.has(ref));
  for (const e of file.consortia.values()) {
    const r = e.record;
    if (r.programmeRef && !programmeOk(r.programmeRef))
      reject(e, missing("programmeRef", r.programmeRef, "programme", file.programmes.get(r.programmeRef)));
    else if (!personOk(r.coordinatorRef)) reject(e, missing("coordinatorRef", r.coordinatorRef, "person", personLine(r.coordinatorRef)));
    else if (r.leadOrganizationRef && !orgOk(r.leadOrganizationRef))
      reject(e, missing("leadOrganizationRef", r.leadOrganizationRef, "organization", orgLine(r.leadOrganizationRef)));
  }
  const consortiumOk = (ref: string) => (file.consortia.has(ref) ? !file.consortia.get(ref)!.rejected : stored.consortiumByRef.has(ref));
  for (const e of file.members.values()) {
    const r = e.record;
    if (!consortiumOk(r.consortiumRef))
      reject(e, missing("consortiumRef", r.consortiumRef, "consortium", file.consortia.get(r.consortiumRef)));
    else if (!orgOk(r.organizationRef))
      reject(e, missing("organizationRef", r.organizationRef, "organization", orgLine(r.organizationRef)));
    else if (r.contactRef && !personOk(r.contactRef)) reject(e, missing("contactRef", r.contactRef, "person", personLine(r.contactRef)));
    // The contact may answer for the organization, so it must be one of its people.
    else if (r.contactRef && !memberOf(r.contactRef, r.organizationRef))
      reject(e, `contactRef "${r.contactRef}" is not a person of "${r.organizationRef}"`);
  }
}

/**
 * Decides what changes and returns the steps that write it; counts into `summary`.
 * `orgId` and `userId` resolve refs of the file and the database to ids.
 */
export function consortiumSteps(
  file: ConsortiumEntries,
  stored: StoredConsortia,
  orgId: (ref: string) => string,
  userId: (ref: string) => string,
  refs: { orgRefOfId: Map<string, string>; userRefOfId: Map<string, string> },
  summary: { created: number; updated: number; unchanged: number },
): Step[] {
  const valid = <R>(m: Map<string, Entry<R>>) => [...m.values()].filter((e) => !e.rejected).map((e) => e.record);
  const programmeIds = new Map([...stored.programmeByRef].map(([ref, p]) => [ref, p.id]));
  const programmeCreates: ProgrammeRecord[] = [];
  const programmeUpdates: ProgrammeRecord[] = [];
  const consortia = valid(file.consortia);
  const programmes = valid(file.programmes);
  // Consortia without programmeRef: the default programme, created with PROGRAMME_DEFAULTS if missing.
  const addDefault =
    consortia.some((c) => !c.programmeRef) && !programmeIds.has(DEFAULT_PROGRAMME_REF) && !file.programmes.has(DEFAULT_PROGRAMME_REF);
  if (addDefault)
    programmes.push({
      type: "programme",
      ref: DEFAULT_PROGRAMME_REF,
      name: "Default programme",
      ...PROGRAMME_DEFAULTS,
      deadline: undefined,
    });
  for (const r of programmes) {
    const row = stored.programmeByRef.get(r.ref);
    if (!row) {
      programmeIds.set(r.ref, randomUUID());
      programmeCreates.push(r);
    } else if (sameRecord(programmeToRecord(row, r.ref), r)) summary.unchanged++;
    else programmeUpdates.push(r);
  }

  const consortiumIds = new Map([...stored.consortiumByRef].map(([ref, c]) => [ref, c.id]));
  const consortiumCreates: ConsortiumRecord[] = [];
  const consortiumUpdates: ConsortiumRecord[] = [];
  for (const r of consortia) {
    const row = stored.consortiumByRef.get(r.ref);
    const incoming = { ...r, programmeRef: r.programmeRef ?? DEFAULT_PROGRAMME_REF };
    if (!row) {
      consortiumIds.set(r.ref, randomUUID());
      consortiumCreates.push(incoming);
    } else {
      const current = consortiumToRecord(row, {
        ref: r.ref,
        programmeRef: stored.programmeRefOfId.get(row.programmeId)!,
        coordinatorRef: refs.userRefOfId.get(row.coordinatorId) ?? row.coordinatorId,
        leadOrganizationRef: row.leadOrganizationId ? (refs.orgRefOfId.get(row.leadOrganizationId) ?? row.leadOrganizationId) : undefined,
      });
      if (sameRecord(current, incoming)) summary.unchanged++;
      else consortiumUpdates.push(incoming);
    }
  }

  const storedMembers = new Map(
    stored.members.map((m) => [
      memberKey({
        consortiumRef: stored.consortiumRefOfId.get(m.consortiumId)!,
        organizationRef: refs.orgRefOfId.get(m.organizationId) ?? m.organizationId,
      }),
      m,
    ]),
  );
  const memberWrites: MemberRecord[] = [];
  for (const r of valid(file.members)) {
    const row = storedMembers.get(memberKey(r));
    if (!row) {
      summary.created++;
      memberWrites.push(r);
    } else if (
      sameRecord(
        memberToRecord(row, { ...r, contactRef: row.contactId ? (refs.userRefOfId.get(row.contactId) ?? row.contactId) : undefined }),
        r,
      )
    )
      summary.unchanged++;
    else {
      summary.updated++;
      memberWrites.push(r);
    }
  }
  summary.created += programmeCreates.length - (addDefault ? 1 : 0) + consortiumCreates.length; // the default programme is no line of the file
  summary.updated += programmeUpdates.length + consortiumUpdates.length;

  // Each step writes, in its own transaction, a re-check for every consortium it touched:
  // those written, those whose members changed, and those under a programme whose rules changed.
  const recheck = (tx: Tx, ids: Iterable<string>) =>
    writeEvents(
      tx,
      "consortium.changed",
      [...new Set(ids)].map((consortiumId) => ({ consortiumId })),
    );
  const underProgramme = new Map<string, string[]>();
  for (const c of stored.consortiumByRef.values()) underProgramme.set(c.programmeId, [...(underProgramme.get(c.programmeId) ?? []), c.id]);

  const programmeData = (r: ProgrammeRecord) => ({
    name: r.name,
    projectType: r.projectType,
    minIndependentCompanies: r.minIndependentCompanies,
    coFundingRatio: r.coFundingRatio,
    instituteCapShare: r.instituteCapShare,
    requireEligibleApplicant: r.requireEligibleApplicant,
    deadline: r.deadline ? new Date(`${r.deadline}T00:00:00Z`) : null,
  });
  const consortiumData = (r: ConsortiumRecord) => ({
    programmeId: programmeIds.get(r.programmeRef!)!,
    title: r.title,
    summary: r.summary,
    keywords: r.keywords,
    subjects: r.subjects,
    requestedFunding: BigInt(r.requestedFunding),
    coordinatorId: userId(r.coordinatorRef),
    leadOrganizationId: r.leadOrganizationRef ? orgId(r.leadOrganizationRef) : null,
    outcome: r.outcome ?? null,
    submittedOn: r.submittedOn ? new Date(`${r.submittedOn}T00:00:00Z`) : null,
    decidedOn: r.decidedOn ? new Date(`${r.decidedOn}T00:00:00Z`) : null,
  });
  const memberData = (r: MemberRecord) => ({
    status: r.status,
    reason: r.reason ?? null,
    declineReason: r.declineReason ?? null,
    pledgeCash: BigInt(r.pledgeCash),
    pledgeInKind: BigInt(r.pledgeInKind),
    contactId: r.contactRef ? userId(r.contactRef) : null,
  });
  const programmeWrites = [...programmeCreates, ...programmeUpdates];
  const consortiumWrites = [...consortiumCreates, ...consortiumUpdates];
  return [
    {
      phase: "programmes",
      items: programmeWrites.length,
      run: async (tx, a, b) => {
        const chunk = programmeWrites.slice(a, b);
        for (const r of chunk)
          await tx.programme.upsert({
            where: { ref: r.ref },
            create: { id: programmeIds.get(r.ref)!, ref: r.ref, ...programmeData(r) },
            update: programmeData(r),
          });
        await recheck(
          tx,
          chunk.flatMap((r) => underProgramme.get(programmeIds.get(r.ref)!) ?? []),
        );
      },
    },
    {
      phase: "consortia",
      items: consortiumWrites.length,
      run: async (tx, a, b) => {
        const chunk = consortiumWrites.slice(a, b);
        for (const r of chunk)
          await tx.consortium.upsert({
            where: { ref: r.ref },
            create: { id: consortiumIds.get(r.ref)!, ref: r.ref, ...consortiumData(r) },
            update: consortiumData(r),
          });
        await recheck(
          tx,
          chunk.map((r) => consortiumIds.get(r.ref)!),
        );
      },
    },
    {
      phase: "consortium members",
      items: memberWrites.length,
      run: async (tx, a, b) => {
        const chunk = memberWrites.slice(a, b);
        for (const r of chunk) {
          const key = { consortiumId: consortiumIds.get(r.consortiumRef)!, organizationId: orgId(r.organizationRef) };
          await tx.consortiumMember.upsert({
            where: { consortiumId_organizationId: key },
            create: { ...key, ...memberData(r) },
            update: memberData(r),
          });
        }
        await recheck(
          tx,
          chunk.map((r) => consortiumIds.get(r.consortiumRef)!),
        );
      },
    },
  ];
}
