// Import and export against a real PostgreSQL.
import { afterAll, describe, expect, inject, it } from "vitest";
import { exportLines } from "../../app/import/export.server.ts";
import { importLines } from "../../app/import/import.server.ts";
import { reloadConfig } from "../../app/lib/config.server.ts";
import { disconnectPrisma, getPrisma } from "../../app/lib/db.server.ts";
import { dataset } from "../fixtures/dataset.ts";
import { createTestDatabase, dropDatabase, withDatabase } from "../helpers/databases.ts";
import { runTs, testEnv } from "../helpers/processes.ts";

const base = inject("databaseUrl");
const extra: string[] = [];
afterAll(async () => {
  await disconnectPrisma();
  for (const db of extra) await dropDatabase(base, db);
});

/** Points this file's Prisma client at a fresh, migrated, empty database. */
async function freshDatabase(): Promise<string> {
  await disconnectPrisma();
  const name = await createTestDatabase(base, inject("templateDb"), inject("runId"));
  extra.push(name);
  process.env.DATABASE_URL = withDatabase(base, name);
  reloadConfig();
  return process.env.DATABASE_URL;
}

async function exportAll(): Promise<string[]> {
  const out: string[] = [];
  for await (const line of exportLines()) out.push(line);
  return out;
}

const org = (ref: string, o: Record<string, unknown> = {}) => JSON.stringify({ type: "organization", ref, name: `Org ${ref}`, kind: "company", country: "DE", ...o });
const person = (ref: string, o: Record<string, unknown> = {}) => JSON.stringify({ type: "person", ref, name: `P ${ref}`, email: `${ref}@example.se`, role: "researcher", ...o });
const posting = (ref: string, o: Record<string, unknown> = {}) =>
  JSON.stringify({ type: "posting", ref, ownerRef: "p-1", kind: "need", title: `T ${ref}`, description: "D", language: "en", ...o });

describe("import", () => {
  it("creates records that refer to records later in the file, then changes nothing the second time", async () => {
    await freshDatabase();
    const file = [
      org("sub", { parentRef: "parent", orgNumber: "556036-0793", country: "SE" }),
      person("p-1", { organizationRef: "sub", orcid: "0000-0002-1825-0097" }),
      posting("post-1", { organizationRef: "sub" }),
      posting("post-2", { ownerRef: "parent", language: "sv", title: "<b>Fet</b> & 'citat'; DROP TABLE x;--" }),
      org("parent"),
    ];
    expect(await importLines(file)).toMatchObject({ created: 5, updated: 0, unchanged: 0, rejected: 0, errors: [] });
    const prisma = getPrisma();
    const sub = await prisma.organization.findUniqueOrThrow({ where: { ref: "sub" }, include: { parent: true, memberships: { include: { user: true } } } });
    expect(sub.parent?.ref).toBe("parent");
    expect(sub.memberships.map((m) => m.user.ref)).toEqual(["p-1"]);
    const owned = await prisma.posting.findUniqueOrThrow({ where: { ref: "post-2" }, include: { organization: true } });
    expect([owned.ownerId, owned.organization?.ref, owned.title]).toEqual([null, "parent", "<b>Fet</b> & 'citat'; DROP TABLE x;--"]);
    const expires = (await prisma.posting.findUniqueOrThrow({ where: { ref: "post-1" } })).expiresAt.getTime();
    expect(expires - Date.now()).toBeGreaterThan(360 * 24 * 3600 * 1000); // default: 12 months

    expect(await importLines(file)).toMatchObject({ created: 0, updated: 0, unchanged: 5, rejected: 0 });

    const changed = [...file];
    changed[2] = posting("post-1", { organizationRef: "sub", title: "New title" });
    expect(await importLines(changed)).toMatchObject({ created: 0, updated: 1, unchanged: 4 });
    expect((await prisma.posting.findUniqueOrThrow({ where: { ref: "post-1" } })).title).toBe("New title");
  });

  it("imports the good lines of a broken file and names every bad one with its line and reason", async () => {
    await freshDatabase();
    const file = [
      org("a"), // 1
      "{ this is not json", // 2
      org("b", { parentRef: "nowhere" }), // 3
      org("c", { parentRef: "d" }), // 4: cycle c → d → c
      org("d", { parentRef: "c" }), // 5
      org("e", { country: "SE", orgNumber: "556036-0793" }), // 6
      org("f", { country: "SE", orgNumber: "5560360793" }), // 7: same number as e
      person("p-1", { organizationRef: "b" }), // 8: its organization was rejected
      posting("post-1"), // 9: its owner was rejected
      posting("post-2", { ownerRef: "a" }), // 10
      org("a", { name: "again" }), // 11: duplicate ref
      "", // 12: blank lines are skipped
      person("p-2", { email: "E@x.se" }), // 13
      person("p-3", { email: "e@x.se" }), // 14: same email, other case
    ];
    const summary = await importLines(file);
    expect(summary.errors).toEqual([
      { line: 2, error: expect.stringMatching(/^not valid JSON/) },
      { line: 3, error: 'parentRef "nowhere" is not a known organization' },
      { line: 4, error: "parentRef makes a cycle in the corporate group: c → d → c" },
      { line: 5, error: "parentRef makes a cycle in the corporate group: c → d → c" },
      { line: 7, error: 'orgNumber 556036-0793 is already used by "e" (line 6)' },
      { line: 8, error: 'organizationRef "b" refers to line 3, which was rejected' },
      { line: 9, error: 'ownerRef "p-1" refers to line 8, which was rejected' },
      { line: 11, error: 'organization ref "a" is already on line 1' },
      { line: 14, error: 'email e@x.se is already used by "p-2" (line 13)' },
    ]);
    expect(summary).toMatchObject({ created: 4, rejected: 9 });
    expect((await getPrisma().organization.findMany({ orderBy: { ref: "asc" } })).map((o) => o.ref)).toEqual(["a", "e"]);
  });

  it("rejects a parent change that would close a cycle with organizations already stored", async () => {
    await freshDatabase();
    await importLines([org("top"), org("mid", { parentRef: "top" }), org("low", { parentRef: "mid" })]);
    const summary = await importLines([org("top", { parentRef: "low" })]);
    expect(summary.errors).toEqual([{ line: 1, error: "parentRef makes a cycle in the corporate group: top → low → mid → top" }]);
    expect((await getPrisma().organization.findUniqueOrThrow({ where: { ref: "top" } })).parentId).toBeNull();
  });

  it("with strict, writes nothing when any line is bad", async () => {
    await freshDatabase();
    const summary = await importLines([org("a"), org("b"), "[]"], { strict: true });
    expect(summary).toMatchObject({ written: false, created: 0, rejected: 1 });
    expect(await getPrisma().organization.count()).toBe(0);
    expect(await importLines([org("a"), org("b")], { strict: true })).toMatchObject({ written: true, created: 2 });
  });

  it("two imports of the same file at the same time create each record once", async () => {
    await freshDatabase();
    const file = dataset(300);
    const [a, b] = await Promise.all([importLines(file), importLines(file)]);
    expect(a.created + b.created).toBe(file.length);
    expect(a.unchanged + b.unchanged).toBe(file.length);
    expect(await getPrisma().posting.count()).toBe(file.filter((l) => l.includes('"type":"posting"')).length);
  });

  it("round-trips several thousand records losslessly: export, import into an empty database, export again", async () => {
    await freshDatabase();
    const file = dataset(4000);
    expect(await importLines(file)).toMatchObject({ created: file.length, rejected: 0 });
    const first = await exportAll();
    expect(first).toHaveLength(file.length);

    await freshDatabase();
    expect(await importLines(first)).toMatchObject({ created: file.length, rejected: 0 });
    const second = await exportAll();
    expect(second).toEqual(first);
    // And the export is itself a no-op import.
    expect(await importLines(second)).toMatchObject({ unchanged: file.length, created: 0, updated: 0 });
  });
});

describe("import of programmes, consortia and members", () => {
  const world = [
    org("org-2", { kind: "university", eligibleApplicant: true }),
    org("org-5"),
    org("org-6", { parentRef: "org-5" }),
    org("org-7"),
    person("p-1", { role: "coordinator", organizationRef: "org-2" }),
    person("p-5", { role: "company_rep", organizationRef: "org-5" }),
  ];
  const programme = (o: Record<string, unknown> = {}) =>
    JSON.stringify({ type: "programme", ref: "hog-2027", name: "HÖG 2027", projectType: "research", minIndependentCompanies: 2, coFundingRatio: 1.0, instituteCapShare: 0.25, requireEligibleApplicant: true, deadline: "2027-03-01", ...o });
  const consortium = (ref: string, o: Record<string, unknown> = {}) =>
    JSON.stringify({ type: "consortium", ref, programmeRef: "hog-2027", title: `Consortium ${ref}`, summary: "Vibration data", keywords: ["predictive maintenance"], subjects: ["10201"], coordinatorRef: "p-1", leadOrganizationRef: "org-2", requestedFunding: 4000000, ...o });
  const member = (consortiumRef: string, organizationRef: string, o: Record<string, unknown> = {}) =>
    JSON.stringify({ type: "member", consortiumRef, organizationRef, status: "accepted", pledgeCash: 0, pledgeInKind: 500000, ...o });

  it("imports the issue's lines (members before their consortium too), defaults the programme, re-checks each consortium, and round-trips", async () => {
    await freshDatabase();
    const prisma = getPrisma();
    const file = [
      ...world,
      member("c-1", "org-5", { contactRef: "p-5" }),
      member("c-1", "org-6", { pledgeCash: 100000 }),
      member("c-1", "org-7", { status: "invited", pledgeInKind: 0 }),
      consortium("c-1"),
      programme(),
      consortium("c-2", { programmeRef: undefined }),
      member("c-2", "org-7", { status: "declined", reason: "<b>Not now</b>", pledgeInKind: 0 }),
    ];
    expect(await importLines(file)).toMatchObject({ created: file.length, updated: 0, unchanged: 0, rejected: 0 });
    const c1 = await prisma.consortium.findUniqueOrThrow({ where: { ref: "c-1" }, include: { programme: true, members: { include: { organization: true, contact: true } } } });
    expect(c1.programme.ref).toBe("hog-2027");
    expect(c1.requestedFunding).toBe(4_000_000n);
    expect(c1.members.map((m) => [m.organization.ref, m.status, m.pledgeCash, m.pledgeInKind, m.contact?.ref ?? null]).sort()).toEqual([
      ["org-5", "accepted", 0n, 500_000n, "p-5"],
      ["org-6", "accepted", 100_000n, 500_000n, null],
      ["org-7", "invited", 0n, 0n, null],
    ]);
    const c2 = await prisma.consortium.findUniqueOrThrow({ where: { ref: "c-2" }, include: { programme: true } });
    expect(c2.programme).toMatchObject({ ref: "default", minIndependentCompanies: 2, coFundingRatio: 1, instituteCapShare: 0.25, requireEligibleApplicant: true });
    // Each consortium waits for the worker's evaluation, written with each change to it (the
    // consortium and its members are written in separate chunks, each with its re-check).
    const rechecks = async () => (await prisma.outboxEvent.findMany({ where: { topic: "consortium.changed" } })).map((e) => (e.payload as { consortiumId: string }).consortiumId);
    const afterFirst = await rechecks();
    expect([...new Set(afterFirst)].sort()).toEqual([c1.id, c2.id].sort());

    expect(await importLines(file)).toMatchObject({ created: 0, updated: 0, unchanged: file.length });
    expect(await rechecks()).toHaveLength(afterFirst.length); // nothing changed, nothing to re-check
    expect(await importLines([member("c-1", "org-7", { status: "accepted", pledgeCash: 1 })])).toMatchObject({ updated: 1, created: 0 });
    expect((await rechecks()).slice(afterFirst.length)).toEqual([c1.id]);
    // A stricter programme re-checks the consortia under it, not the others.
    expect(await importLines([programme({ minIndependentCompanies: 3 })])).toMatchObject({ updated: 1 });
    expect((await rechecks()).slice(afterFirst.length + 1)).toEqual([c1.id]);

    const first = await exportAll();
    expect(first.filter((l) => /"type":"(programme|consortium|member)"/.test(l))).toHaveLength(8); // two programmes (with the default), two consortia, four members
    await freshDatabase();
    expect(await importLines(first)).toMatchObject({ created: first.length, rejected: 0 });
    expect(await exportAll()).toEqual(first);
  });

  it("names every bad consortium line and writes the rest; with strict, nothing", async () => {
    await freshDatabase();
    const file = [
      ...world,
      programme(),
      consortium("c-1"),
      consortium("c-bad", { coordinatorRef: "nobody" }),
      consortium("c-prog", { programmeRef: "no-such-call" }),
      member("c-1", "org-5"),
      member("c-1", "org-5", { pledgeCash: 9 }),
      member("c-bad", "org-7"),
      member("c-1", "unknown-org"),
      member("c-1", "org-7", { status: "maybe" }),
      member("c-1", "org-6", { contactRef: "ghost" }),
      programme({ ref: "broken", coFundingRatio: 11 }),
      member("c-1", "org-2", { contactRef: "p-5" }),
    ];
    const before = await exportAll();
    expect(await importLines(file, { strict: true })).toMatchObject({ written: false });
    expect(await exportAll()).toEqual(before);
    const result = await importLines(file);
    expect(result.errors).toEqual([
      { line: 9, error: 'coordinatorRef "nobody" is not a known person' },
      { line: 10, error: 'programmeRef "no-such-call" is not a known programme' },
      { line: 12, error: 'member "c-1 / org-5" is already on line 11' },
      { line: 13, error: 'consortiumRef "c-bad" refers to line 9, which was rejected' },
      { line: 14, error: 'organizationRef "unknown-org" is not a known organization' },
      { line: 15, error: 'status must be one of "invited", "accepted", "declined", "withdrawn"' },
      { line: 16, error: 'contactRef "ghost" is not a known person' },
      { line: 17, error: expect.stringContaining("coFundingRatio") },
      { line: 18, error: 'contactRef "p-5" is not a person of "org-2"' },
    ]);
    expect(result).toMatchObject({ created: 9, rejected: 9 });
    const prisma = getPrisma();
    expect(await prisma.consortium.count()).toBe(1);
    expect(await prisma.consortiumMember.count()).toBe(1);
  });
});

describe("npm run import / export", () => {
  it("prints bad lines and a summary, exits non-zero, and export writes only JSON to standard output", async () => {
    const db = await freshDatabase();
    const { writeFileSync, mkdtempSync } = await import("node:fs");
    const os = await import("node:os");
    const path = await import("node:path");
    const dir = mkdtempSync(path.join(os.tmpdir(), "samband-import-"));
    const file = path.join(dir, "in.jsonl");
    writeFileSync(file, [org("a"), "oops", org("b", { kind: "startup" })].join("\n") + "\n");

    const imp = runTs("scripts/import.ts", testEnv({ DATABASE_URL: db }), [file]);
    expect(await imp.exited).toBe(1);
    expect(imp.output()).toContain("line 2: not valid JSON");
    expect(imp.output()).toContain('line 3: kind must be one of "university", "institute", "company", "public", "other"');
    expect(imp.output()).toContain("created 1, updated 0, unchanged 0, rejected 2");

    const exp = runTs("scripts/export.ts", testEnv({ DATABASE_URL: db }));
    let stdout = "";
    exp.child.stdout!.on("data", (d) => (stdout += d));
    expect(await exp.exited).toBe(0);
    expect(stdout.trim().split("\n").map((l) => JSON.parse(l))).toEqual([
      { type: "organization", ref: "a", name: "Org a", kind: "company", country: "DE", eligibleApplicant: false },
    ]);

    const usage = runTs("scripts/import.ts", testEnv({ DATABASE_URL: db }), []);
    expect(await usage.exited).toBe(2);
    expect(usage.output()).toContain("Usage: npm run import -- FILE [--strict]");
    const missing = runTs("scripts/import.ts", testEnv({ DATABASE_URL: db }), [path.join(dir, "nope.jsonl")]);
    expect(await missing.exited).toBe(2);
    expect(missing.output()).toContain("nope.jsonl: no such file");
  });
});
