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
