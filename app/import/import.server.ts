// Imports a JSON Lines file (docs/import-export.md). Every line is checked on its
// own and against the rest of the file and the database; valid lines are written,
// invalid ones reported with their line number, or nothing at all with `strict`.
import { randomUUID } from "node:crypto";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { PrismaClient, type Prisma } from "#app/generated/prisma/client.ts";
import { findCycles } from "#app/domain/corporate-group.ts";
import { loadConfig } from "#app/lib/config.server.ts";
import { getPrisma, requireUrl } from "#app/lib/db.server.ts";
import { writeEvent } from "#app/lib/outbox.server.ts";
import { groupChanged } from "#app/models/organization.server.ts";
import { organizationToRecord, personToRecord, postingToRecord, sameRecord } from "#app/import/canonical.ts";
import { checkConsortia, consortiumSteps, memberKey, readStoredConsortia, type ConsortiumEntries } from "#app/import/consortia-import.server.ts";
import { checkProjects, projectSteps, readStoredProjects } from "#app/import/projects-import.server.ts";
import { parseLine, type Entry, type OrganizationRecord, type PersonRecord, type PostingRecord, type ProjectRecord } from "#app/import/records.ts";

export interface LineError {
  line: number;
  error: string;
}

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

const CHUNK = 1000;
const CHUNKS_PER_CLIENT = 4;

/** Transactions on a client of their own, replaced after CHUNKS_PER_CLIENT of them. */
function chunkWriter() {
  const url = requireUrl("DATABASE_URL", loadConfig().DATABASE_URL);
  const open = () => new PrismaClient({ adapter: new PrismaPg({ connectionString: url, max: 2 }) });
  let client = open();
  let used = 0;
  return {
    async transaction<T>(fn: (tx: Prisma.TransactionClient) => Promise<T>): Promise<T> {
      if (used++ === CHUNKS_PER_CLIENT) {
        await client.$disconnect();
        // V8 would let the replaced clients' plans pile up as garbage long before it
        // collected them; `npm run import` runs with --expose-gc, so collect them now.
        (globalThis as { gc?: () => void }).gc?.();
        client = open();
        used = 1;
      }
      return client.$transaction(fn, { timeout: 10 * 60_000 });
    },
    close: () => client.$disconnect(),
  };
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

interface ParsedFile {
  lineCount: number;
  errors: LineError[];
  orgs: Map<string, Entry<OrganizationRecord>>;
  persons: Map<string, Entry<PersonRecord>>;
  postings: Map<string, Entry<PostingRecord>>;
  consortia: ConsortiumEntries;
  projects: Map<string, Entry<ProjectRecord>>;
}

async function readRecords(lines: Iterable<string> | AsyncIterable<string>): Promise<ParsedFile> {
  const errors: LineError[] = [];
  const orgs = new Map<string, Entry<OrganizationRecord>>();
  const persons = new Map<string, Entry<PersonRecord>>();
  const postings = new Map<string, Entry<PostingRecord>>();
  const consortia: ConsortiumEntries = { programmes: new Map(), consortia: new Map(), members: new Map() };
  const projects = new Map<string, Entry<ProjectRecord>>();

  // 1. Each line on its own.
  let lineNo = 0;
  for await (let raw of lines) {
    lineNo++;
    // A byte-order mark, as some editors on Windows write, is not part of the first record.
    if (lineNo === 1 && raw.startsWith("\uFEFF")) raw = raw.slice(1);
    if (raw.trim() === "") continue;
    const parsed = parseLine(raw);
    if (!parsed.ok) {
      errors.push({ line: lineNo, error: parsed.error });
      continue;
    }
    const r = parsed.record;
    const maps = { organization: orgs, person: persons, posting: postings, programme: consortia.programmes, consortium: consortia.consortia, member: consortia.members, project: projects };
    const map = maps[r.type] as Map<string, Entry<typeof r>>;
    const key = r.type === "member" ? memberKey(r) : r.ref;
    const earlier = map.get(key);
    if (earlier) {
      errors.push({ line: lineNo, error: `${r.type} ${r.type === "member" ? `"${key}"` : `ref "${key}"`} is already on line ${earlier.line}` });
      continue;
    }
    map.set(key, { line: lineNo, record: r });
  }
  return { lineCount: lineNo, errors, orgs, persons, postings, consortia, projects };
}

async function apply({ errors, orgs, persons, postings, consortia, projects }: ParsedFile, options: ImportOptions): Promise<ImportSummary> {
  const prisma = getPrisma();
  const now = options.now ?? new Date();

  // 2. What the database has.
  const dbOrgs = await prisma.organization.findMany();
  const orgRefOfId = new Map(dbOrgs.map((o) => [o.id, o.ref ?? o.id]));
  const dbOrgByRef = new Map(dbOrgs.map((o) => [o.ref ?? o.id, o]));
  const dbUsers = await prisma.user.findMany({ include: { memberships: { orderBy: { createdAt: "asc" }, take: 1 } } });
  const dbUserByRef = new Map(dbUsers.map((u) => [u.ref ?? u.id, u]));
  const dbPostingByRef = new Map<string, Awaited<ReturnType<typeof prisma.posting.findMany>>[number]>();
  const postingRefs = [...postings.keys()];
  for (let i = 0; i < postingRefs.length; i += CHUNK) {
    for (const p of await prisma.posting.findMany({ where: { ref: { in: postingRefs.slice(i, i + CHUNK) } } })) dbPostingByRef.set(p.ref!, p);
  }

  const reject = (e: Entry<unknown>, why: string) => {
    if (!e.rejected) e.rejected = why;
  };
  const orgOk = (ref: string) => (orgs.has(ref) ? !orgs.get(ref)!.rejected : dbOrgByRef.has(ref));
  const personOk = (ref: string) => (persons.has(ref) ? !persons.get(ref)!.rejected : dbUserByRef.has(ref));
  const ownerIsPerson = (ref: string) => persons.has(ref) || dbUserByRef.has(ref);
  const missing = (field: string, ref: string, kind: string, entry: Entry<unknown> | undefined) =>
    entry?.rejected ? `${field} "${ref}" refers to line ${entry.line}, which was rejected` : `${field} "${ref}" is not a known ${kind}`;

  // 3. Unique values across the file and the database.
  const uniqueAcross = <E extends Entry<{ ref: string }>>(entries: Map<string, E>, dbValues: Map<string, string>, value: (r: E["record"]) => string | undefined, label: string) => {
    const owner = new Map<string, string>(); // value -> ref, as it will be after the import
    for (const [ref, v] of dbValues) if (!entries.has(ref)) owner.set(v, ref);
    for (const e of entries.values()) {
      const v = value(e.record);
      if (!v) continue;
      const holder = owner.get(v);
      if (holder && holder !== e.record.ref) {
        const where = entries.get(holder) ? `line ${entries.get(holder)!.line}` : "the database";
        reject(e, `${label} ${v} is already used by "${holder}" (${where})`);
      } else owner.set(v, e.record.ref);
    }
  };
  uniqueAcross(orgs, new Map(dbOrgs.filter((o) => o.orgNumber).map((o) => [o.ref ?? o.id, o.orgNumber!])), (r) => r.orgNumber, "orgNumber");
  uniqueAcross(persons, new Map(dbUsers.map((u) => [u.ref ?? u.id, u.email])), (r) => r.email, "email");
  uniqueAcross(persons, new Map(dbUsers.filter((u) => u.orcid).map((u) => [u.ref ?? u.id, u.orcid!])), (r) => r.orcid, "orcid");

  // 4. Corporate groups stay trees: the parent chain after the import has no cycle.
  const parents = new Map<string, string | null>();
  for (const o of dbOrgs) parents.set(o.ref ?? o.id, o.parentId ? orgRefOfId.get(o.parentId)! : null);
  for (const e of orgs.values()) parents.set(e.record.ref, e.record.parentRef ?? null);
  for (const cycle of findCycles(parents)) {
    for (const ref of cycle) {
      const e = orgs.get(ref);
      if (e) reject(e, `parentRef makes a cycle in the corporate group: ${[...cycle, cycle[0]].join(" → ")}`);
    }
  }

  // 5. References, until nothing more is rejected (a child of a rejected line goes too).
  for (let changed = true; changed; ) {
    changed = false;
    const check = (e: Entry<unknown>, why: string | undefined) => {
      if (why && !e.rejected) {
        e.rejected = why;
        changed = true;
      }
    };
    for (const e of orgs.values()) {
      const p = e.record.parentRef;
      if (!e.rejected && p && !orgOk(p)) check(e, missing("parentRef", p, "organization", orgs.get(p)));
    }
    for (const e of persons.values()) {
      const o = e.record.organizationRef;
      if (!e.rejected && o && !orgOk(o)) check(e, missing("organizationRef", o, "organization", orgs.get(o)));
    }
    for (const e of postings.values()) {
      if (e.rejected) continue;
      const { ownerRef, organizationRef } = e.record;
      const asPerson = ownerIsPerson(ownerRef);
      const asOrg = orgs.has(ownerRef) || dbOrgByRef.has(ownerRef);
      if (asPerson && asOrg) check(e, `ownerRef "${ownerRef}" names both a person and an organization`);
      else if (!asPerson && !asOrg) check(e, `ownerRef "${ownerRef}" is not a known person or organization`);
      else if (asPerson && !personOk(ownerRef)) check(e, missing("ownerRef", ownerRef, "person", persons.get(ownerRef)));
      else if (asOrg && !orgOk(ownerRef)) check(e, missing("ownerRef", ownerRef, "organization", orgs.get(ownerRef)));
      // An organization posts for itself: organizationRef may only repeat the owner.
      else if (asOrg && organizationRef && organizationRef !== ownerRef)
        check(e, `organizationRef "${organizationRef}" is not the owner "${ownerRef}": an organization posts for itself, so leave organizationRef out or name the owner`);
      else if (organizationRef && !orgOk(organizationRef)) check(e, missing("organizationRef", organizationRef, "organization", orgs.get(organizationRef)));
    }
  }

  // Programmes, consortia and members refer to all of the above.
  const storedConsortia = await readStoredConsortia();
  const userRefOf = new Map(dbUsers.map((u) => [u.id, u.ref ?? u.id]));
  const memberships = new Set((await prisma.membership.findMany({ select: { userId: true, organizationId: true } })).map((m) => `${userRefOf.get(m.userId)} / ${orgRefOfId.get(m.organizationId)}`));
  for (const e of persons.values()) if (e.record.organizationRef) memberships.add(`${e.record.ref} / ${e.record.organizationRef}`);
  checkConsortia(consortia, storedConsortia, { orgOk, personOk, orgLine: (ref) => orgs.get(ref), personLine: (ref) => persons.get(ref), missing, memberOf: (person, org) => memberships.has(`${person} / ${org}`) });
  const storedProjects = await readStoredProjects([...projects.keys()]);
  checkProjects(projects, { orgOk, orgLine: (ref) => orgs.get(ref), missing });

  for (const map of [orgs, persons, postings, consortia.programmes, consortia.consortia, consortia.members, projects] as Map<string, Entry<unknown>>[]) {
    for (const e of map.values()) if (e.rejected) errors.push({ line: e.line, error: e.rejected });
  }
  errors.sort((a, b) => a.line - b.line);
  const summary: ImportSummary = { created: 0, updated: 0, unchanged: 0, rejected: errors.length, errors, written: true };
  if (options.strict && errors.length > 0) return { ...summary, written: false };

  // 6. Decide create / update / unchanged against the canonical form of the stored row.
  const ids = new Map<string, string>(); // org ref -> id
  for (const [ref, o] of dbOrgByRef) ids.set(ref, o.id);
  const userIds = new Map<string, string>();
  for (const [ref, u] of dbUserByRef) userIds.set(ref, u.id);
  const valid = <R>(m: Map<string, Entry<R>>) => [...m.values()].filter((e) => !e.rejected);

  const orgCreates: Entry<OrganizationRecord>[] = [];
  const orgUpdates: Entry<OrganizationRecord>[] = [];
  for (const e of valid(orgs)) {
    const row = dbOrgByRef.get(e.record.ref);
    if (!row) {
      ids.set(e.record.ref, randomUUID());
      orgCreates.push(e);
    } else {
      const stored = organizationToRecord(row, e.record.ref, row.parentId ? orgRefOfId.get(row.parentId) : undefined);
      if (sameRecord(stored, e.record)) summary.unchanged++;
      else orgUpdates.push(e);
    }
  }
  const personCreates: Entry<PersonRecord>[] = [];
  const personUpdates: Entry<PersonRecord>[] = [];
  for (const e of valid(persons)) {
    const row = dbUserByRef.get(e.record.ref);
    if (!row) {
      userIds.set(e.record.ref, randomUUID());
      personCreates.push(e);
    } else {
      const m = row.memberships[0];
      const stored = personToRecord(row, e.record.ref, m ? orgRefOfId.get(m.organizationId) : undefined);
      if (sameRecord(stored, e.record)) summary.unchanged++;
      else personUpdates.push(e);
    }
  }
  const postingCreates: Entry<PostingRecord>[] = [];
  const postingUpdates: Entry<PostingRecord>[] = [];
  const userRefOfId = new Map([...userIds].map(([ref, id]) => [id, ref]));
  for (const e of valid(postings)) {
    const row = dbPostingByRef.get(e.record.ref);
    if (!row) postingCreates.push(e);
    else {
      const owner = row.ownerId ? userRefOfId.get(row.ownerId)! : orgRefOfId.get(row.organizationId!)!;
      const stored = postingToRecord(row, e.record.ref, owner, row.ownerId && row.organizationId ? orgRefOfId.get(row.organizationId) : undefined);
      // An organization's own posting is stored without organizationRef (it may only name
      // the owner, checked above), so a line that names the owner is compared without it.
      const incoming = ownerIsPerson(e.record.ownerRef) ? e.record : { ...e.record, organizationRef: undefined };
      const ignore = e.record.expiresAt ? [] : ["expiresAt"];
      if (sameRecord(stored, incoming, ignore)) summary.unchanged++;
      else postingUpdates.push(e);
    }
  }

  // 7. Write. Strict: one transaction for all. Otherwise a transaction per chunk.
  const orgData = (r: OrganizationRecord) => ({
    name: r.name,
    kind: r.kind,
    orgNumber: r.orgNumber ?? null,
    country: r.country,
    region: r.region ?? null,
    website: r.website ?? null,
    employees: r.employees ?? null,
    sme: r.sme ?? null,
    sniCode: r.sniCode ?? null,
    description: r.description ?? null,
    competencies: r.competencies ?? null,
    needs: r.needs ?? null,
    coFundingCapacity: r.coFundingCapacity ?? null,
    eligibleApplicant: r.eligibleApplicant,
  });
  const personData = (r: PersonRecord) => ({
    name: r.name,
    email: r.email,
    role: r.role,
    orcid: r.orcid ?? null,
    title: r.title ?? null,
    languages: r.languages,
    researchInterests: r.researchInterests ?? null,
    competencies: r.competencies ?? null,
    keywords: r.keywords,
    subjects: r.subjects,
  });
  const defaultExpiry = new Date(now.getTime() + 365 * 24 * 3600 * 1000);
  const postingData = (r: PostingRecord) => {
    const byPerson = ownerIsPerson(r.ownerRef);
    return {
      kind: r.kind,
      title: r.title,
      description: r.description,
      keywords: r.keywords,
      subjects: r.subjects,
      language: r.language,
      visibility: r.visibility,
      status: r.status,
      ownerId: byPerson ? userIds.get(r.ownerRef)! : null,
      organizationId: byPerson ? (r.organizationRef ? ids.get(r.organizationRef)! : null) : ids.get(r.ownerRef)!,
    };
  };

  type Tx = Parameters<Parameters<typeof prisma.$transaction>[0]>[0];
  const steps: { phase: string; items: number; run: (tx: Tx, from: number, to: number) => Promise<unknown> }[] = [
    {
      phase: "organizations",
      items: orgCreates.length,
      run: (tx, a, b) =>
        tx.organization.createMany({ data: orgCreates.slice(a, b).map((e) => ({ id: ids.get(e.record.ref)!, ref: e.record.ref, ...orgData(e.record) })) }),
    },
    {
      phase: "organizations",
      items: orgUpdates.length,
      run: async (tx, a, b) => {
        const chunk = orgUpdates.slice(a, b);
        for (const e of chunk) await tx.organization.update({ where: { id: ids.get(e.record.ref)! }, data: orgData(e.record) });
        // Their postings' documents carry the organization's name, region and group.
        await writeEvent(tx, "search.organizations", { organizationIds: chunk.map((e) => ids.get(e.record.ref)!) });
      },
    },
    {
      // Parents last: a record may name a parent further down the file.
      phase: "corporate groups",
      items: orgCreates.length + orgUpdates.length,
      run: async (tx, a, b) => {
        const regrouped: string[] = [];
        for (const e of [...orgCreates, ...orgUpdates].slice(a, b)) {
          const parentId = e.record.parentRef ? ids.get(e.record.parentRef)! : null;
          const before = dbOrgByRef.get(e.record.ref)?.parentId ?? null;
          if (parentId !== before) {
            await tx.organization.update({ where: { id: ids.get(e.record.ref)! }, data: { parentId } });
            // A new organization has no consortium seats yet (consortium lines come later and
            // re-check their consortia) and its postings are indexed as they are written.
            if (dbOrgByRef.has(e.record.ref)) regrouped.push(ids.get(e.record.ref)!);
          }
        }
        // A new group can make a consortium eligible or not: re-check those it touches.
        await groupChanged(tx, regrouped);
      },
    },
    {
      phase: "people",
      items: personCreates.length,
      run: async (tx, a, b) => {
        const chunk = personCreates.slice(a, b);
        await tx.user.createMany({ data: chunk.map((e) => ({ id: userIds.get(e.record.ref)!, ref: e.record.ref, ...personData(e.record) })) });
        const memberships = chunk.filter((e) => e.record.organizationRef).map((e) => ({ userId: userIds.get(e.record.ref)!, organizationId: ids.get(e.record.organizationRef!)! }));
        if (memberships.length) await tx.membership.createMany({ data: memberships, skipDuplicates: true });
        await writeEvent(tx, "search.people", { userIds: chunk.map((e) => userIds.get(e.record.ref)!) });
      },
    },
    {
      phase: "people",
      items: personUpdates.length,
      run: async (tx, a, b) => {
        for (const e of personUpdates.slice(a, b)) {
          const userId = userIds.get(e.record.ref)!;
          // A changed address is not the one its owner confirmed.
          await tx.user.updateMany({ where: { id: userId, emailConfirmedAt: { not: null }, NOT: { email: personData(e.record).email } }, data: { emailConfirmedAt: null } });
          await tx.user.update({ where: { id: userId }, data: personData(e.record) });
          const orgRef = e.record.organizationRef;
          if (orgRef) await tx.membership.upsert({ where: { userId_organizationId: { userId, organizationId: ids.get(orgRef)! } }, create: { userId, organizationId: ids.get(orgRef)! }, update: {} });
        }
        if (b > a) await writeEvent(tx, "search.people", { userIds: personUpdates.slice(a, b).map((e) => userIds.get(e.record.ref)!) });
      },
    },
    {
      phase: "postings",
      items: postingCreates.length,
      run: async (tx, a, b) => {
        const chunk = postingCreates.slice(a, b).map((e) => ({
          id: randomUUID(),
          ref: e.record.ref,
          ...postingData(e.record),
          expiresAt: e.record.expiresAt ? new Date(e.record.expiresAt) : defaultExpiry,
        }));
        await tx.posting.createMany({ data: chunk });
        await writeEvent(tx, "search.postings", { postingIds: chunk.map((p) => p.id) });
      },
    },
    {
      phase: "postings",
      items: postingUpdates.length,
      run: async (tx, a, b) => {
        const changed: string[] = [];
        for (const e of postingUpdates.slice(a, b)) {
          const row = await tx.posting.update({
            where: { ref: e.record.ref },
            data: { ...postingData(e.record), ...(e.record.expiresAt ? { expiresAt: new Date(e.record.expiresAt), reminderSentAt: null } : {}) },
            select: { id: true },
          });
          changed.push(row.id);
        }
        await writeEvent(tx, "search.postings", { postingIds: changed });
      },
    },
  ];

  steps.push(...consortiumSteps(consortia, storedConsortia, (ref) => ids.get(ref)!, (ref) => userIds.get(ref)!, { orgRefOfId, userRefOfId }, summary));
  steps.push(...projectSteps(projects, storedProjects, (ref) => ids.get(ref)!, orgRefOfId, summary));

  const total = steps.reduce((n, s) => n + s.items, 0);
  let done = 0;
  const runChunks = async (inTx: (fn: (tx: Tx) => Promise<unknown>) => Promise<unknown>) => {
    for (const step of steps) {
      for (let a = 0; a < step.items; a += CHUNK) {
        await inTx((tx) => step.run(tx, a, Math.min(a + CHUNK, step.items)));
        done += Math.min(CHUNK, step.items - a);
        options.onProgress?.(step.phase, done, total);
      }
    }
  };
  if (options.strict) {
    // All or nothing: one transaction around every chunk.
    await prisma.$transaction((tx) => runChunks((fn) => fn(tx)), { timeout: 30 * 60_000, maxWait: 60_000 });
  } else {
    // A transaction per chunk. The checks above already settled which lines are
    // valid, so a chunk failing here means the database changed under us.
    // A Prisma client keeps every createMany's query plan (about 5 MB per 1,000 rows,
    // measured: a 100,000-line import peaked at 1.2 GB), so the chunks are written through
    // a client of their own that is replaced every few chunks.
    const writer = chunkWriter();
    try {
      await runChunks((fn) => writer.transaction(fn));
    } finally {
      await writer.close();
    }
  }
  summary.created += orgCreates.length + personCreates.length + postingCreates.length;
  summary.updated += orgUpdates.length + personUpdates.length + postingUpdates.length;
  // A large import changes the tables' shape at once; fresh statistics keep the matcher's
  // term joins on good plans (without them a suggestion took 50 s instead of 0.1 s).
  if (total > CHUNK) await prisma.$executeRawUnsafe('ANALYZE "Organization", "Posting", "PostingTerm", "Project", "ProjectPartner", "ProjectTerm"');
  return summary;
}
