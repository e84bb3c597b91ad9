// Imports a JSON Lines file (docs/import-export.md). Every line is checked on its
// own and against the rest of the file and the database; valid lines are written,
// invalid ones reported with their line number, or nothing at all with `strict`. The
// passes, in order: read.ts, stored.server.ts, uniqueness.ts, cycles.ts, references.ts
// (and the consortium and project checks), diff.ts, then write.server.ts and the other
// steps through chunks.server.ts.
import pg from "pg";
import { loadConfig } from "#app/lib/config.server.ts";
import { getPrisma, requireUrl } from "#app/lib/db.server.ts";
import { CHUNK, runSteps } from "#app/import/chunks.server.ts";
import { checkConsortia, consortiumSteps, readStoredConsortia } from "#app/import/consortia-import.server.ts";
import { checkCycles } from "#app/import/cycles.ts";
import { diffOrganizations, diffPersons, diffPostings } from "#app/import/diff.ts";
import { checkProjects, projectSteps, readStoredProjects } from "#app/import/projects-import.server.ts";
import { readRecords, type LineError, type ParsedFile } from "#app/import/read.ts";
import type { Entry } from "#app/import/records.ts";
import { checkReferences, lookups } from "#app/import/references.ts";
import { readStored } from "#app/import/stored.server.ts";
import { checkUnique } from "#app/import/uniqueness.ts";
import { recordSteps } from "#app/import/write.server.ts";

export type { LineError } from "#app/import/read.ts";

export interface ImportSummary {
  created: number;
  updated: number;
  unchanged: number;
  rejected: number;
  errors: LineError[];
  /** False when --strict refused the file. */
  written: boolean;
}

export interface ImportOptions {
  strict?: boolean;
  /** Called as work advances: phase, done, total. */
  onProgress?: (phase: string, done: number, total: number) => void;
  /** Default expiry of a new posting without expiresAt. */
  now?: Date;
}

// One import at a time: two at once would both decide "create" for the same ref.
const IMPORT_LOCK = 7_262_026_003;

export async function importLines(lines: Iterable<string> | AsyncIterable<string>, options: ImportOptions = {}): Promise<ImportSummary> {
  // Read and check every line before taking the lock, so that another import waits only for our writes.
  const parsed = await readRecords(lines);
  options.onProgress?.("read", parsed.lineCount, parsed.lineCount);
  const lock = new pg.Client({ connectionString: requireUrl("DATABASE_URL", loadConfig().DATABASE_URL) });
  await lock.connect();
  try {
    await lock.query("SELECT pg_advisory_lock($1)", [IMPORT_LOCK]);
    return await apply(parsed, options);
  } finally {
    await lock.query("SELECT pg_advisory_unlock($1)", [IMPORT_LOCK]).catch(() => {});
    await lock.end();
  }
}

async function apply(file: ParsedFile, options: ImportOptions): Promise<ImportSummary> {
  const { errors, orgs, persons, postings, consortia, projects } = file;
  const prisma = getPrisma();
  const now = options.now ?? new Date();

  // What the database has; then the checks, each rejecting lines with the reason.
  const stored = await readStored([...postings.keys()]);
  checkUnique(orgs, persons, stored);
  checkCycles(
    orgs,
    stored.orgs.map((o) => [o.ref ?? o.id, o.parentId ? stored.orgRefOfId.get(o.parentId)! : null]),
  );
  const refs = lookups(file, stored);
  checkReferences(file, refs);

  // Programmes, consortia and members refer to all of the above.
  const storedConsortia = await readStoredConsortia();
  const memberships = new Set(
    (await prisma.membership.findMany({ select: { userId: true, organizationId: true } })).map(
      (m) => `${stored.userRefOfId.get(m.userId)} / ${stored.orgRefOfId.get(m.organizationId)}`,
    ),
  );
  for (const e of persons.values()) if (e.record.organizationRef) memberships.add(`${e.record.ref} / ${e.record.organizationRef}`);
  checkConsortia(consortia, storedConsortia, {
    ...refs,
    orgLine: (ref) => orgs.get(ref),
    personLine: (ref) => persons.get(ref),
    memberOf: (person, org) => memberships.has(`${person} / ${org}`),
  });
  const storedProjects = await readStoredProjects([...projects.keys()]);
  checkProjects(projects, { ...refs, orgLine: (ref) => orgs.get(ref) });

  for (const map of [orgs, persons, postings, consortia.programmes, consortia.consortia, consortia.members, projects] as Map<
    string,
    Entry<unknown>
  >[]) {
    for (const e of map.values()) if (e.rejected) errors.push({ line: e.line, error: e.rejected });
  }
  errors.sort((a, b) => a.line - b.line);
  const summary: ImportSummary = { created: 0, updated: 0, unchanged: 0, rejected: errors.length, errors, written: true };
  if (options.strict && errors.length > 0) return { ...summary, written: false };

  // Create / update / unchanged; new records get their ids.
  const ids = new Map([...stored.orgByRef].map(([ref, o]) => [ref, o.id])); // org ref -> id
  const userIds = new Map([...stored.userByRef].map(([ref, u]) => [ref, u.id]));
  const orgsDecided = diffOrganizations(orgs, stored, ids);
  const personsDecided = diffPersons(persons, stored, userIds);
  const userRefOfId = new Map([...userIds].map(([ref, id]) => [id, ref]));
  const decided = { orgs: orgsDecided, persons: personsDecided, postings: diffPostings(postings, stored, userRefOfId, refs.ownerIsPerson) };
  for (const d of Object.values(decided)) summary.unchanged += d.unchanged;

  // Write.
  const idOf = { org: (ref: string) => ids.get(ref)!, user: (ref: string) => userIds.get(ref)! };
  const steps = [
    ...recordSteps(decided, stored, idOf, refs.ownerIsPerson, now),
    ...consortiumSteps(consortia, storedConsortia, idOf.org, idOf.user, { orgRefOfId: stored.orgRefOfId, userRefOfId }, summary),
    ...projectSteps(projects, storedProjects, idOf.org, stored.orgRefOfId, summary),
  ];
  const total = await runSteps(steps, options);
  for (const d of Object.values(decided)) {
    summary.created += d.creates.length;
    summary.updated += d.updates.length;
  }
  // A large import changes the tables' shape at once; fresh statistics keep the matcher's
  // term joins on good plans (without them a suggestion took 50 s instead of 0.1 s).
  if (total > CHUNK)
    await prisma.$executeRawUnsafe('ANALYZE "Organization", "Posting", "PostingTerm", "Project", "ProjectPartner", "ProjectTerm"');
  return summary;
}
