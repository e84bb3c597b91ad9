// Import and export against a real PostgreSQL.
import { afterAll, describe, expect, inject, it } from "vitest";
import { exportLines } from "#app/import/export.server.ts";
import { importLines } from "#app/import/import.server.ts";
import { reloadConfig } from "#app/lib/config.server.ts";
import { disconnectPrisma, getPrisma } from "#app/lib/db.server.ts";
import { dataset } from "#tests/fixtures/dataset.ts";
import { createTestDatabase, dropDatabase, withDatabase } from "#tests/helpers/databases.ts";
import { runTs, testEnv } from "#tests/helpers/processes.ts";

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

const org = (ref: string, o: Record<string, unknown> = {}) =>
  JSON.stringify({ type: "organization", ref, name: `Org ${ref}`, kind: "company", country: "DE", ...o });
const person = (ref: string, o: Record<string, unknown> = {}) =>
  JSON.stringify({ type: "person", ref, name: `P ${ref}`, email: `${ref}@example.se`, role: "researcher", ...o });
const posting = (ref: string, o: Record<string, unknown> = {}) =>
  JSON.stringify({ type: "posting", ref, ownerRef: "p-1", kind: "need", title: `T ${ref}`, description: "D", language: "en", ...o });
const project = (ref: string, partnerRefs: string[], o: Record<string, unknown> = {}) =>
  JSON.stringify({
    type: "project",
    ref,
    title: `Project ${ref}`,
    summary: "Condition monitoring of drives",
    funder: "Vinnova",
    programme: "FFI",
    year: 2021,
    partnerRefs,
    keywords: ["sensors"],
    ...o,
  });

/** Projects for the round trip: partners out of order, leads in and outside the partners, optional fields left out. */
function projectLines(n: number, orgCount: number): string[] {
  return Array.from({ length: n }, (_, i) => {
    const partners = [(i * 7) % orgCount, (i * 3 + 1) % orgCount, (i + 2) % orgCount].map((k) => `org-${k}`);
    const unique = [...new Set(partners)];
    const lead = i % 5 === 0 ? undefined : i % 5 === 1 ? `org-${(i + 5) % orgCount}` : unique[unique.length - 1];
    return project(`proj-${i}`, unique, {
      leadOrganizationRef: lead,
      year: i % 4 === 0 ? undefined : 2000 + (i % 25),
      programme: i % 3 === 0 ? undefined : "Horizon 2020",
      keywords: i % 2 ? [] : ["sensors", "drives"],
    });
  });
}

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
    const sub = await prisma.organization.findUniqueOrThrow({
      where: { ref: "sub" },
      include: { parent: true, memberships: { include: { user: true } } },
    });
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

  it("a NUL in one of 1,000 lines is a line error like any other: the other 999 are imported (and with strict, none)", async () => {
    await freshDatabase();
    const file = [org("a"), person("p-1"), ...Array.from({ length: 998 }, (_, i) => posting(`nul-${i}`, { title: `Sensorer ${i}` }))];
    file[500] = posting("nul-498", { title: "Sensorer\u0000498" }); // line 501
    const strict = await importLines(file, { strict: true });
    expect(strict).toMatchObject({ written: false, rejected: 1 });
    expect(strict.errors).toEqual([
      { line: 501, error: "title contains the control character U+0000 (character 9), which cannot be stored" },
    ]);
    expect(await getPrisma().posting.count()).toBe(0);

    const summary = await importLines(file);
    expect(summary).toMatchObject({ created: 999, rejected: 1, written: true });
    expect(summary.errors).toEqual([
      { line: 501, error: "title contains the control character U+0000 (character 9), which cannot be stored" },
    ]);
    expect(await getPrisma().posting.count()).toBe(997);
    expect(await getPrisma().posting.count({ where: { ref: "nul-498" } })).toBe(0);
  });

  it("reads a first line that starts with a UTF-8 byte-order mark, and refuses a title that shows as nothing", async () => {
    await freshDatabase();
    const summary = await importLines([
      "\uFEFF" + org("bom"),
      person("p-1"),
      posting("blank", { title: "\u200B\u2060\uFEFF " }),
      posting("shown"),
    ]);
    expect(summary.errors).toEqual([{ line: 3, error: "title must not be empty" }]);
    expect(summary).toMatchObject({ created: 3, rejected: 1 });
    expect((await getPrisma().organization.findUniqueOrThrow({ where: { ref: "bom" } })).name).toBe("Org bom");
  });

  it("rejects a parent change that would close a cycle with organizations already stored", async () => {
    await freshDatabase();
    await importLines([org("top"), org("mid", { parentRef: "top" }), org("low", { parentRef: "mid" })]);
    const summary = await importLines([org("top", { parentRef: "low" })]);
    expect(summary.errors).toEqual([{ line: 1, error: "parentRef makes a cycle in the corporate group: top → low → mid → top" }]);
    expect((await getPrisma().organization.findUniqueOrThrow({ where: { ref: "top" } })).parentId).toBeNull();
  });

  it("an organization's posting naming the organization itself in organizationRef is re-imported unchanged and writes nothing", async () => {
    await freshDatabase();
    const prisma = getPrisma();
    const file = [
      org("o1"),
      posting("cp-1", { ownerRef: "o1", organizationRef: "o1", kind: "competence" }),
      posting("cp-2", { ownerRef: "o1" }),
    ];
    expect(await importLines(file)).toMatchObject({ created: 3, rejected: 0 });
    const cp1 = await prisma.posting.findUniqueOrThrow({ where: { ref: "cp-1" }, include: { organization: true } });
    expect([cp1.ownerId, cp1.organization?.ref]).toEqual([null, "o1"]);

    const events = await prisma.outboxEvent.count();
    expect(await importLines(file)).toMatchObject({ created: 0, updated: 0, unchanged: 3, rejected: 0 });
    expect(await prisma.outboxEvent.count()).toBe(events);

    // Export leaves organizationRef out of an organization's own posting: the same posting.
    const exported = (await exportAll()).map((l) => JSON.parse(l) as Record<string, unknown>).find((r) => r.ref === "cp-1");
    expect(exported).toMatchObject({ ownerRef: "o1" });
    expect(exported).not.toHaveProperty("organizationRef");
    expect(await importLines([JSON.stringify(exported)])).toMatchObject({ unchanged: 1, updated: 0 });
    expect(await prisma.outboxEvent.count()).toBe(events);
  });

  it("rejects an organization's posting that names another organization in organizationRef", async () => {
    await freshDatabase();
    const file = [
      org("o1"),
      org("o2"),
      posting("cp-1", { ownerRef: "o1", organizationRef: "o2" }),
      posting("cp-2", { ownerRef: "o1", organizationRef: "ghost" }),
    ];
    const summary = await importLines(file);
    const why = (ref: string) =>
      `organizationRef "${ref}" is not the owner "o1": an organization posts for itself, so leave organizationRef out or name the owner`;
    expect(summary.errors).toEqual([
      { line: 3, error: why("o2") },
      { line: 4, error: why("ghost") },
    ]);
    expect(summary).toMatchObject({ created: 2, rejected: 2 });
    expect(await getPrisma().posting.count()).toBe(0);
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
    // More projects than one chunk (1,000 a transaction), so chunked writing is exercised.
    const file = [...dataset(4000), ...projectLines(1200, 400)];
    expect(await importLines(file)).toMatchObject({ created: file.length, rejected: 0 });
    const first = await exportAll();
    expect(first).toHaveLength(file.length);
    expect(first.filter((l) => l.startsWith('{"type":"project"'))).toHaveLength(1200);

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
    JSON.stringify({
      type: "programme",
      ref: "hog-2027",
      name: "HÖG 2027",
      projectType: "research",
      minIndependentCompanies: 2,
      coFundingRatio: 1.0,
      instituteCapShare: 0.25,
      requireEligibleApplicant: true,
      deadline: "2027-03-01",
      ...o,
    });
  const consortium = (ref: string, o: Record<string, unknown> = {}) =>
    JSON.stringify({
      type: "consortium",
      ref,
      programmeRef: "hog-2027",
      title: `Consortium ${ref}`,
      summary: "Vibration data",
      keywords: ["predictive maintenance"],
      subjects: ["10201"],
      coordinatorRef: "p-1",
      leadOrganizationRef: "org-2",
      requestedFunding: 4000000,
      ...o,
    });
  const member = (consortiumRef: string, organizationRef: string, o: Record<string, unknown> = {}) =>
    JSON.stringify({ type: "member", consortiumRef, organizationRef, status: "accepted", pledgeCash: 0, pledgeInKind: 500000, ...o });

  it("imports the format's example lines (members before their consortium too), defaults the programme, re-checks each consortium, and round-trips", async () => {
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
    const c1 = await prisma.consortium.findUniqueOrThrow({
      where: { ref: "c-1" },
      include: { programme: true, members: { include: { organization: true, contact: true } } },
    });
    expect(c1.programme.ref).toBe("hog-2027");
    expect(c1.requestedFunding).toBe(4_000_000n);
    expect(c1.members.map((m) => [m.organization.ref, m.status, m.pledgeCash, m.pledgeInKind, m.contact?.ref ?? null]).sort()).toEqual([
      ["org-5", "accepted", 0n, 500_000n, "p-5"],
      ["org-6", "accepted", 100_000n, 500_000n, null],
      ["org-7", "invited", 0n, 0n, null],
    ]);
    const c2 = await prisma.consortium.findUniqueOrThrow({ where: { ref: "c-2" }, include: { programme: true } });
    expect(c2.programme).toMatchObject({
      ref: "default",
      minIndependentCompanies: 2,
      coFundingRatio: 1,
      instituteCapShare: 0.25,
      requireEligibleApplicant: true,
    });
    // Each consortium waits for the worker's evaluation, written with each change to it (the
    // consortium and its members are written in separate chunks, each with its re-check).
    const rechecks = async () =>
      (await prisma.outboxEvent.findMany({ where: { topic: "consortium.changed" } })).map(
        (e) => (e.payload as { consortiumId: string }).consortiumId,
      );
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

  it("carries outcomes and decline reasons through export and import, and stores nothing of a line with a bad one", async () => {
    await freshDatabase();
    const prisma = getPrisma();
    const file = [
      ...world,
      programme(),
      consortium("c-sub", { outcome: "submitted", submittedOn: "2026-02-20" }),
      consortium("c-won", { outcome: "granted", submittedOn: "2026-02-20", decidedOn: "2026-06-01" }),
      consortium("c-lost", { outcome: "not_granted", submittedOn: "2026-02-21", decidedOn: "2026-06-02" }),
      member("c-sub", "org-5", { status: "declined", declineReason: "no_capacity", reason: "Busy until autumn", pledgeInKind: 0 }),
      member("c-won", "org-5", { status: "declined", declineReason: "other", reason: "Merging with org-7", pledgeInKind: 0 }),
      member("c-lost", "org-5", { status: "declined", declineReason: "too_early", pledgeInKind: 0 }),
    ];
    expect(await importLines(file)).toMatchObject({ created: file.length, rejected: 0 });
    const stored = await prisma.consortium.findMany({ orderBy: { ref: "asc" }, include: { members: true } });
    const day = (d: Date | null) => d?.toISOString().slice(0, 10) ?? null;
    expect(
      stored.map((c) => [c.ref, c.outcome, day(c.submittedOn), day(c.decidedOn), c.members[0]?.declineReason, c.members[0]?.reason]),
    ).toEqual([
      ["c-lost", "not_granted", "2026-02-21", "2026-06-02", "too_early", null],
      ["c-sub", "submitted", "2026-02-20", null, "no_capacity", "Busy until autumn"],
      ["c-won", "granted", "2026-02-20", "2026-06-01", "other", "Merging with org-7"],
    ]);

    // Exported as imported; into an empty database and out again, the same bytes; and a no-op import.
    const first = await exportAll();
    const parsed = (lines: string[]) => lines.map((l) => JSON.parse(l) as unknown);
    expect(parsed(first)).toEqual(expect.arrayContaining(parsed(file.slice(world.length + 1))));
    await freshDatabase();
    expect(await importLines(first)).toMatchObject({ created: first.length, rejected: 0 });
    expect(await exportAll()).toEqual(first);
    expect(await importLines(first)).toMatchObject({ unchanged: first.length, created: 0, updated: 0 });

    // An outcome recorded in the app round-trips too; a kind of reason left over on a member
    // invited again (the row keeps it) is not exported, as it no longer describes the member.
    const now = getPrisma(); // the empty database's client
    await now.consortium.update({ where: { ref: "c-sub" }, data: { outcome: "granted", decidedOn: new Date("2026-05-05T00:00:00Z") } });
    await now.consortiumMember.updateMany({ where: { consortium: { ref: "c-lost" } }, data: { status: "invited", reason: null } });
    const second = await exportAll();
    expect(second.find((l) => l.includes('"ref":"c-sub"'))).toContain(
      '"outcome":"granted","submittedOn":"2026-02-20","decidedOn":"2026-05-05"',
    );
    expect(second.find((l) => l.includes('"consortiumRef":"c-lost"'))).not.toContain("declineReason");
    expect(await importLines(second)).toMatchObject({ unchanged: second.length });

    // Bad values: each line is named with the field, and nothing of it is stored.
    const before = await exportAll();
    const bad = [
      consortium("c-sub", { outcome: "won", submittedOn: "2026-02-20" }),
      consortium("c-won", { outcome: "granted", submittedOn: "2026-02-20", decidedOn: "2026-02-19" }),
      consortium("c-new", { outcome: "granted", submittedOn: "2026-02-20" }),
      member("c-won", "org-5", { status: "declined", declineReason: "maybe", pledgeInKind: 0 }),
      member("c-sub", "org-5", { status: "declined", declineReason: "other", pledgeInKind: 0 }),
      member("c-sub", "org-7", { status: "accepted", declineReason: "budget" }),
    ];
    expect(await importLines(bad)).toMatchObject({
      created: 0,
      updated: 0,
      rejected: 6,
      errors: [
        { line: 1, error: 'outcome must be one of "submitted", "granted", "not_granted"' },
        { line: 2, error: "decidedOn must not be before submittedOn" },
        { line: 3, error: 'decidedOn is required when outcome is "granted"' },
        { line: 4, error: 'declineReason must be one of "too_early", "outside_focus", "no_capacity", "budget", "other"' },
        { line: 5, error: 'reason is required when declineReason is "other"' },
        { line: 6, error: 'declineReason is only for a member whose status is "declined"' },
      ],
    });
    expect(await exportAll()).toEqual(before);
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
  it("names the rejected line when a consortium or member refers to a rejected organization or person", async () => {
    await freshDatabase();
    const file = [
      ...world, // 1-6
      org("org-x", { parentRef: "nowhere" }), // 7
      person("p-x", { organizationRef: "org-x" }), // 8
      programme(), // 9
      consortium("c-1"), // 10
      consortium("c-lead", { leadOrganizationRef: "org-x" }), // 11
      consortium("c-coord", { coordinatorRef: "p-x" }), // 12
      member("c-1", "org-x"), // 13
      member("c-1", "org-5", { contactRef: "p-x" }), // 14
    ];
    const result = await importLines(file);
    expect(result.errors).toEqual([
      { line: 7, error: 'parentRef "nowhere" is not a known organization' },
      { line: 8, error: 'organizationRef "org-x" refers to line 7, which was rejected' },
      { line: 11, error: 'leadOrganizationRef "org-x" refers to line 7, which was rejected' },
      { line: 12, error: 'coordinatorRef "p-x" refers to line 8, which was rejected' },
      { line: 13, error: 'organizationRef "org-x" refers to line 7, which was rejected' },
      { line: 14, error: 'contactRef "p-x" refers to line 8, which was rejected' },
    ]);
    expect(result).toMatchObject({ created: 8, rejected: 6 });
  });
});

describe("import of past projects", () => {
  const orgs = [org("a"), org("b"), org("c"), org("d")];
  const outbox = () => getPrisma().outboxEvent.count();
  const partnersOf = async (ref: string) =>
    (await getPrisma().projectPartner.findMany({ where: { project: { ref } }, select: { organization: { select: { ref: true } } } }))
      .map((p) => p.organization.ref)
      .sort();

  it("stores lead and partners as given, announces nothing, reports a re-import unchanged, and replaces changed partners", async () => {
    await freshDatabase();
    const prisma = getPrisma();
    expect(await importLines(orgs)).toMatchObject({ created: 4 });
    const eventsBefore = await outbox();
    const file = [
      project("p-1", ["b", "a"], { leadOrganizationRef: "a" }),
      project("p-2", ["a", "b"], { leadOrganizationRef: "c" }), // a lead outside the partners is not added to them
      project("p-3", ["d"], { funder: undefined, programme: undefined, year: undefined, keywords: undefined }),
      org("e"), // referred to below, later in the file than the project naming it
      project("p-4", ["e", "a"]),
    ];
    expect(await importLines([...orgs, ...file])).toMatchObject({ created: 5, unchanged: 4, updated: 0, rejected: 0 });
    const p1 = await prisma.project.findUniqueOrThrow({ where: { ref: "p-1" }, include: { leadOrganization: true } });
    expect([p1.title, p1.funder, p1.programme, p1.year, p1.keywords, p1.leadOrganization?.ref]).toEqual([
      "Project p-1",
      "Vinnova",
      "FFI",
      2021,
      ["sensors"],
      "a",
    ]);
    expect(await partnersOf("p-1")).toEqual(["a", "b"]);
    expect(await partnersOf("p-2")).toEqual(["a", "b"]);
    expect(await prisma.project.findUniqueOrThrow({ where: { ref: "p-3" } })).toMatchObject({
      funder: null,
      programme: null,
      year: null,
      keywords: [],
      leadOrganizationId: null,
    });
    expect(await outbox()).toBe(eventsBefore); // a new organization writes no event, and projects announce nothing

    // Again, and with the partners listed in another order: the same set, unchanged.
    expect(await importLines([...orgs, ...file])).toMatchObject({ created: 0, updated: 0, unchanged: 9 });
    expect(await importLines([project("p-1", ["a", "b"], { leadOrganizationRef: "a" })])).toMatchObject({ unchanged: 1, updated: 0 });

    // Changed partners (and a changed lead) update the project and replace its partner rows.
    expect(
      await importLines([
        project("p-1", ["c", "d", "a"], { leadOrganizationRef: "d" }),
        project("p-2", ["a", "b"], { leadOrganizationRef: "c", title: "Renamed" }),
      ]),
    ).toMatchObject({
      updated: 2,
      created: 0,
      unchanged: 0,
    });
    expect(await partnersOf("p-1")).toEqual(["a", "c", "d"]);
    expect(
      (await prisma.project.findUniqueOrThrow({ where: { ref: "p-1" }, include: { leadOrganization: true } })).leadOrganization?.ref,
    ).toBe("d");
    expect((await prisma.project.findUniqueOrThrow({ where: { ref: "p-2" } })).title).toBe("Renamed");
    // The database's trigger, not the import, keeps the full-text terms in step with the new title.
    expect(await prisma.projectTerm.count({ where: { project: { ref: "p-2" }, term: { startsWith: "renam" } } })).toBe(1);
    expect(await outbox()).toBe(eventsBefore);

    // Export gives the lines back: partners as a sorted set, the lead outside them kept outside.
    const exported = (await exportAll())
      .filter((l) => l.startsWith('{"type":"project"'))
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(exported.map((p) => [p.ref, p.leadOrganizationRef ?? null, p.partnerRefs])).toEqual([
      ["p-1", "d", ["a", "c", "d"]],
      ["p-2", "c", ["a", "b"]],
      ["p-3", null, ["d"]],
      ["p-4", null, ["a", "e"]],
    ]);
    expect(exported[2]).toEqual({
      type: "project",
      ref: "p-3",
      title: "Project p-3",
      summary: "Condition monitoring of drives",
      partnerRefs: ["d"],
      keywords: [],
    });
  });

  it("rejects a project naming an unknown or rejected organization, naming the field and ref, and writes the rest; with strict, nothing", async () => {
    await freshDatabase();
    const file = [
      org("a"), // 1
      org("b", { parentRef: "nowhere" }), // 2: rejected
      project("p-ok", ["a"], { leadOrganizationRef: "a" }), // 3
      project("p-partner", ["a", "ghost"], { leadOrganizationRef: "a" }), // 4
      project("p-lead", ["a"], { leadOrganizationRef: "nobody" }), // 5
      project("p-rejected", ["a", "b"]), // 6
      project("p-both", ["a", "x", "y"], { leadOrganizationRef: "b" }), // 7: every bad ref named
      project("p-ok", ["a"]), // 8: the same ref again
      project("p-dup", ["a", "a"]), // 9
      project("p-bad-year", ["a"], { year: 1850 }), // 10
    ];
    expect(await importLines(file, { strict: true })).toMatchObject({ written: false, created: 0, rejected: 8 });
    expect(await getPrisma().project.count()).toBe(0);
    expect(await getPrisma().organization.count()).toBe(0);

    const summary = await importLines(file);
    expect(summary.errors).toEqual([
      { line: 2, error: 'parentRef "nowhere" is not a known organization' },
      { line: 4, error: 'partnerRefs "ghost" is not a known organization' },
      { line: 5, error: 'leadOrganizationRef "nobody" is not a known organization' },
      { line: 6, error: 'partnerRefs "b" refers to line 2, which was rejected' },
      {
        line: 7,
        error:
          'leadOrganizationRef "b" refers to line 2, which was rejected; partnerRefs "x" is not a known organization; partnerRefs "y" is not a known organization',
      },
      { line: 8, error: 'project ref "p-ok" is already on line 3' },
      { line: 9, error: 'partnerRefs names "a" more than once' },
      { line: 10, error: "year must be from 1900 to 2100" },
    ]);
    expect(summary).toMatchObject({ created: 2, rejected: 8, written: true });
    expect((await getPrisma().project.findMany()).map((p) => p.ref)).toEqual(["p-ok"]);
    expect(await partnersOf("p-ok")).toEqual(["a"]);
  });

  it("with strict, a good file of organizations and projects is written in one go, and a bad project line keeps it all out", async () => {
    await freshDatabase();
    const good = [...orgs, project("p-1", ["a", "b"], { leadOrganizationRef: "a" }), project("p-2", ["c"])];
    expect(await importLines([...good, project("p-3", ["a"], { leadOrganizationRef: "ghost" })], { strict: true })).toMatchObject({
      written: false,
      rejected: 1,
    });
    expect([await getPrisma().organization.count(), await getPrisma().project.count()]).toEqual([0, 0]);
    expect(await importLines(good, { strict: true })).toMatchObject({ written: true, created: 6 });
    expect(await importLines([project("p-1", ["a", "c"], { leadOrganizationRef: "a" })], { strict: true })).toMatchObject({
      written: true,
      updated: 1,
    });
    expect(await partnersOf("p-1")).toEqual(["a", "c"]);
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
    // A byte-order mark first, as a Windows editor saves it, and a NUL in a later line.
    writeFileSync(
      file,
      "\uFEFF" + [org("a"), "oops", org("b", { kind: "startup" }), org("n", { name: "Nul\u0000" }), org("z")].join("\n") + "\n",
    );

    const imp = runTs("scripts/import.ts", testEnv({ DATABASE_URL: db }), [file]);
    expect(await imp.exited).toBe(1);
    expect(imp.output()).not.toContain("line 1:");
    expect(imp.output()).toContain("line 2: not valid JSON");
    expect(imp.output()).toContain('line 3: kind must be one of "university", "institute", "company", "public", "other"');
    expect(imp.output()).toContain("line 4: name contains the control character U+0000 (character 4), which cannot be stored");
    expect(imp.output()).toContain("created 2, updated 0, unchanged 0, rejected 3");
    await getPrisma().organization.deleteMany({ where: { ref: "z" } });

    const exp = runTs("scripts/export.ts", testEnv({ DATABASE_URL: db }));
    let stdout = "";
    exp.child.stdout!.on("data", (d) => (stdout += d));
    expect(await exp.exited).toBe(0);
    expect(
      stdout
        .trim()
        .split("\n")
        .map((l) => JSON.parse(l)),
    ).toEqual([{ type: "organization", ref: "a", name: "Org a", kind: "company", country: "DE", eligibleApplicant: false }]);

    const usage = runTs("scripts/import.ts", testEnv({ DATABASE_URL: db }), []);
    expect(await usage.exited).toBe(2);
    expect(usage.output()).toContain("Usage: npm run import -- FILE [--strict]");
    const missing = runTs("scripts/import.ts", testEnv({ DATABASE_URL: db }), [path.join(dir, "nope.jsonl")]);
    expect(await missing.exited).toBe(2);
    expect(missing.output()).toContain("nope.jsonl: no such file");
  });
});
