// Match suggestions through their two doors, the command line and the JSON endpoint,
// on the demo data: the JSON shape (docs/search.md), the rules (never your own group, nothing
// archived or expired, a cap per group) and the errors.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { importLines } from "#app/import/import.server.ts";
import { getPrisma } from "#app/lib/db.server.ts";
import { seedDemo } from "#prisma/seed.ts";
import type { PartnerJson } from "#search/match-json.ts";
import { applySearchSettings } from "#search/setup.server.ts";
import { syncProfiles } from "#search/profiles.server.ts";
import { reindexPostings, syncPostings } from "#search/sync.server.ts";
import { Client } from "#tests/helpers/http.ts";
import { runTs, startWeb, testEnv, type Proc } from "#tests/helpers/processes.ts";

let web: Proc & { url: string };
beforeAll(async () => {
  await applySearchSettings();
  await seedDemo(getPrisma());
  await reindexPostings();
  web = await startWeb(testEnv());
});
afterAll(async () => {
  await web?.stop();
});

type Row = PartnerJson;

async function cli(args: string[]): Promise<{ code: number | null; stdout: string; output: string }> {
  const proc = runTs("scripts/match.ts", testEnv(), args);
  let stdout = "";
  proc.child.stdout!.on("data", (d) => (stdout += d));
  const code = await proc.exited;
  return { code, stdout, output: proc.output() };
}

async function json(args: string[]): Promise<Row[]> {
  const r = await cli([...args, "--json"]);
  expect(r.code, r.output).toBe(0);
  return JSON.parse(r.stdout) as Row[];
}

let made = 0;
/** A competence of this organization, indexed at once. */
async function competence(orgRef: string, title: string, keywords: string[], extra: object = {}): Promise<string> {
  const prisma = getPrisma();
  const org = await prisma.organization.findUniqueOrThrow({ where: { ref: orgRef } });
  const p = await prisma.posting.create({
    data: {
      ref: `t-${++made}`,
      kind: "competence",
      title,
      description: title,
      keywords,
      subjects: ["20205"],
      language: "en",
      organizationId: org.id,
      expiresAt: new Date(Date.now() + 86400_000 * 300),
      ...extra,
    },
  });
  await syncPostings([p.id]);
  return p.id;
}

describe("npm run match", () => {
  it("prints only a JSON array of partners, best first, each with the postings that make the match, never the posting's own corporate group", async () => {
    // Same text, three owners: the need's grandparent group (excluded), and two independent companies.
    await competence("co-nordvik-service", "Machine learning for predictive maintenance of drives", [
      "machine learning",
      "predictive maintenance",
      "vibration analysis",
    ]);
    await competence("co-halm", "Machine learning for predictive maintenance of drives", [
      "machine learning",
      "predictive maintenance",
      "vibration analysis",
    ]);

    const rows = await json(["--ref", "p-01", "--limit", "20"]);
    expect(rows.length).toBeGreaterThan(3);
    expect(rows.length).toBeLessThanOrEqual(20);
    for (const r of rows) {
      expect(Object.keys(r).sort()).toEqual(["name", "organizationRef", "postings", "reasons", "ref", "score", "type"]);
      expect(r.score).toBeGreaterThanOrEqual(0);
      expect(r.score).toBeLessThanOrEqual(100);
      expect(r.reasons.length).toBeGreaterThan(0);
      expect(r.postings.length).toBeGreaterThan(0);
      expect(r.postings.length).toBeLessThanOrEqual(3);
    }
    expect(rows.map((r) => r.score)).toEqual([...rows.map((r) => r.score)].sort((a, b) => b - a));
    const orgs = rows.map((r) => r.organizationRef);
    expect(new Set(orgs).size).toBe(orgs.length); // each partner once
    expect(orgs).toContain("co-halm");
    for (const own of ["co-nordvik", "co-nordvik-drives", "co-nordvik-service"]) expect(orgs).not.toContain(own);
    // The handcrafted Swedish competence is among them, with the translation as its reason.
    const sv = rows.find((r) => r.postings.some((p) => p.ref === "p-02"));
    expect(sv?.reasons).toContain("Matches “machine learning” (as “maskininlärning”)");
    // The description counts too, and the reason quotes the need's own words and says where they were found.
    const halm = rows.find((r) => r.organizationRef === "co-halm")!;
    expect(halm.reasons.some((t) => /^Matches “[^”]+”.* in their (title|keywords|description)$/.test(t))).toBe(true);
  });

  it("ranks a partner by all of its matching postings, lists at most three of them, and keeps two partners per corporate group", async () => {
    const before = (await json(["--ref", "p-01", "--limit", "50"])).find((r) => r.organizationRef === "co-halm")!;
    for (let i = 0; i < 4; i++)
      await competence("co-halm", `Condition monitoring with machine learning, part ${i}`, ["machine learning", "predictive maintenance"]);
    const rows = await json(["--ref", "p-01", "--limit", "50"]);
    const halm = rows.find((r) => r.organizationRef === "co-halm")!;
    expect(halm.postings).toHaveLength(3);
    expect(halm.score).toBeGreaterThan(before.score);
    const groups = await getPrisma().organization.findMany({
      where: { ref: { in: rows.map((r) => r.organizationRef!).filter(Boolean) } },
      select: { ref: true, parentId: true },
    });
    const perParent = new Map<string, number>();
    for (const g of groups) if (g.parentId) perParent.set(g.parentId, (perParent.get(g.parentId) ?? 0) + 1);
    expect(Math.max(0, ...perParent.values())).toBeLessThanOrEqual(2);
  });

  it("counts an organization's profile as evidence: a company with no posting is suggested for what its profile says", async () => {
    const prisma = getPrisma();
    const org = await prisma.organization.create({
      data: {
        ref: "co-profile-only",
        name: "Lagerdiagnostik AB",
        kind: "company",
        orgNumber: "556036-0793",
        competencies: "Predictive maintenance and vibration analysis of rolling bearings with machine learning.",
      },
    });
    await syncProfiles([], [org.id]);
    const rows = await json(["--ref", "p-01", "--limit", "50"]);
    const found = rows.find((r) => r.organizationRef === "co-profile-only");
    expect(found).toBeDefined();
    expect(found!.postings).toEqual([]);
    expect(
      found!.reasons.some((t) => t.startsWith("Matches “predictive maintenance”") || t.startsWith("Matches “vibration analysis”")),
    ).toBe(true);
  });

  it("never suggests an archived or expired posting, even before the index has caught up", async () => {
    const prisma = getPrisma();
    const archived = await competence("co-textil", "Machine learning and predictive maintenance for looms", [
      "machine learning",
      "predictive maintenance",
      "vibration analysis",
    ]);
    const expired = await competence("co-medi", "Machine learning and predictive maintenance for pumps", [
      "machine learning",
      "predictive maintenance",
      "vibration analysis",
    ]);
    const titles = async () => (await json(["--ref", "p-01", "--limit", "50"])).flatMap((r) => r.postings.map((p) => p.title));
    expect(await titles()).toEqual(
      expect.arrayContaining([
        "Machine learning and predictive maintenance for looms",
        "Machine learning and predictive maintenance for pumps",
      ]),
    );
    // Changed in PostgreSQL only: the index still has both as active.
    await prisma.posting.update({ where: { id: archived }, data: { status: "archived" } });
    await prisma.posting.update({ where: { id: expired }, data: { expiresAt: new Date(Date.now() - 1000) } });
    const now = await titles();
    expect(now).not.toContain("Machine learning and predictive maintenance for looms");
    expect(now).not.toContain("Machine learning and predictive maintenance for pumps");
  });

  it.each([
    { args: ["--ref", "no-such-ref", "--json"], code: 1, says: 'No posting has the ref "no-such-ref".' },
    { args: ["--ref", '" OR 1=1 --', "--json"], code: 1, says: "No posting has the ref" },
    { args: ["--json"], code: 2, says: "--ref (or --consortium) is required" },
    { args: ["--ref", "p-01", "--consortium", "c-1"], code: 2, says: "give --ref or --consortium, not both" },
    { args: ["--ref", "p-01", "--limit", "0"], code: 2, says: "--limit must be a whole number from 1 to 50" },
    { args: ["--ref", "p-01", "--limit", "ten"], code: 2, says: "--limit must be a whole number" },
    { args: ["--ref", "p-01", "--colour"], code: 2, says: "Unknown option '--colour'" },
  ])("refuses $args with exit $code and nothing on stdout", async ({ args, code, says }) => {
    const r = await cli(args);
    expect(r.code).toBe(code);
    expect(r.stdout).toBe("");
    expect(r.output).toContain(says);
  });
});

describe("a consortium on the command line", () => {
  it("eligibility names the group that counts once; match --consortium suggests companies outside the groups already in it", async () => {
    const prisma = getPrisma();
    const org = (ref: string) => prisma.organization.findUniqueOrThrow({ where: { ref } });
    const coordinator = await prisma.user.create({
      data: { name: "Cli Coordinator", email: "cli-coordinator@example.se", role: "coordinator" },
    });
    const programme = await prisma.programme.create({ data: { ref: "hog-test", name: "HÖG test", projectType: "research" } });
    const c = await prisma.consortium.create({
      data: {
        ref: "c-cli",
        programmeId: programme.id,
        title: "Condition monitoring of electric drives",
        summary: "s",
        keywords: ["machine learning", "predictive maintenance"],
        subjects: ["20205"],
        requestedFunding: 1_000_000n,
        leadOrganizationId: (await org("uni-12")).id,
        coordinatorId: coordinator.id,
      },
    });
    for (const ref of ["co-nordvik-drives", "co-nordvik-service"])
      await prisma.consortiumMember.create({
        data: { consortiumId: c.id, organizationId: (await org(ref)).id, status: "accepted", pledgeCash: 300_000n },
      });

    const run = async (script: string, args: string[]) => {
      const proc = runTs(script, testEnv(), args);
      let stdout = "";
      proc.child.stdout!.on("data", (d) => (stdout += d));
      return { code: await proc.exited, stdout, output: () => proc.output() };
    };
    const el = await run("scripts/eligibility.ts", ["--consortium", "c-cli", "--json"]);
    expect(el.code, el.output()).toBe(0);
    const e = JSON.parse(el.stdout);
    expect(Object.keys(e)).toEqual(["eligible", "independentCompanies", "groups", "rules"]);
    expect(e).toMatchObject({
      eligible: false,
      independentCompanies: 1,
      groups: [{ group: "co-nordvik", organizations: ["co-nordvik-drives", "co-nordvik-service"] }],
    });
    expect(e.rules.map((r: { id: string }) => r.id)).toEqual(["independent-companies", "eligible-lead", "co-funding", "institute-cap"]);
    expect(e.rules[0].message).toContain(
      "Nordvik Drives AB and Nordvik Service Sverige AB belong to the same group (Nordvik Industri AB) and count once.",
    );
    // The same verdict in Swedish, as a Swedish coordinator reads it.
    const sv = await run("scripts/eligibility.ts", ["--consortium", "c-cli", "--lang", "sv"]);
    expect(sv.code, sv.output()).toBe(0);
    expect(sv.stdout).toContain(
      "Nordvik Drives AB och Nordvik Service Sverige AB hör till samma koncern (Nordvik Industri AB) och räknas som ett.",
    );
    expect(sv.stdout).toContain("Saknas: ");
    const badLang = await run("scripts/eligibility.ts", ["--consortium", "c-cli", "--lang", "de"]);
    expect(badLang.code).toBe(2);

    const m = await run("scripts/match.ts", ["--consortium", "c-cli", "--limit", "8", "--json"]);
    expect(m.code, m.output()).toBe(0);
    const rows = JSON.parse(m.stdout) as Row[];
    expect(rows.length).toBeGreaterThan(0);
    for (const r of rows) expect(Object.keys(r).sort()).toEqual(["name", "organizationRef", "postings", "reasons", "ref", "score", "type"]);
    const refs = rows.map((r) => r.organizationRef!);
    expect(new Set(refs).size).toBe(refs.length);
    for (const own of ["co-nordvik", "co-nordvik-drives", "co-nordvik-service"]) expect(refs).not.toContain(own);
    const kinds = await prisma.organization.findMany({ where: { ref: { in: refs } }, select: { kind: true } });
    expect(kinds.every((k) => k.kind === "company")).toBe(true);

    const unknown = await run("scripts/eligibility.ts", ["--consortium", "nope", "--json"]);
    expect([unknown.code, unknown.stdout]).toEqual([1, ""]);
    expect(unknown.output()).toContain('No consortium has the ref "nope".');
  });
});

describe("companies that would complete a consortium", () => {
  it("are shown to its coordinator while the count of independent companies is short, and no longer once it is met", async () => {
    const prisma = getPrisma();
    const org = (ref: string) => prisma.organization.findUniqueOrThrow({ where: { ref } });
    const coord = new Client(web.url);
    await coord.register("Page Completer", "page-completer@example.se", { role: "coordinator" });
    const coordinator = await prisma.user.findUniqueOrThrow({ where: { email: "page-completer@example.se" } });
    const programme = await prisma.programme.create({ data: { name: "HÖG completing", projectType: "research" } });
    const c = await prisma.consortium.create({
      data: {
        programmeId: programme.id,
        title: "Bearing failures in electric drives",
        summary: "Predicting bearing failures from vibration data with machine learning.",
        keywords: ["machine learning", "predictive maintenance", "vibration analysis"],
        subjects: ["20205"],
        requestedFunding: 1_000_000n,
        leadOrganizationId: (await org("uni-12")).id,
        coordinatorId: coordinator.id,
      },
    });
    // Companies of the test's own, so the demo organizations' suggestions elsewhere in this file are untouched.
    const company = (name: string) => prisma.organization.create({ data: { name, kind: "company" } });
    await prisma.consortiumMember.create({
      data: { consortiumId: c.id, organizationId: (await company("Completing Drives AB")).id, status: "accepted", pledgeCash: 500_000n },
    });
    const heading = "Companies that would complete it";
    const short = await (await coord.get(`/consortia/${c.id}`)).text();
    expect(short).toContain(heading);
    expect(short).toMatch(/class="suggestion"/);

    // An independent company joins: two of two, and suggestions would no longer change the count.
    const other = await company("Completing Bearings AB");
    await prisma.consortiumMember.create({
      data: { consortiumId: c.id, organizationId: other.id, status: "accepted", pledgeCash: 500_000n },
    });
    const met = await (await coord.get(`/consortia/${c.id}`)).text();
    expect(met).toContain("2 independent companies co-fund; 2 needed.");
    expect(met).not.toContain(heading);
  });
});

describe("track record in suggestions", () => {
  it("prefers companies that worked with the consortium's members or the author's organization, and names the project", async () => {
    const prisma = getPrisma();
    const orgName = async (ref: string) => (await prisma.organization.findUniqueOrThrow({ where: { ref } })).name;
    const match = async () => (await json(["--consortium", "c-cli", "--limit", "50"])).find((r) => r.organizationRef === "co-skog");
    const before = await match();
    expect(before?.reasons.some((r) => r.startsWith("Worked with"))).not.toBe(true);

    // A past project of a member (Nordvik Drives) with Skogsindustri: imported, announcing nothing.
    const outbox = await prisma.outboxEvent.count();
    const summary = await importLines([
      JSON.stringify({
        type: "project",
        ref: "proj-drives-skog",
        title: "Vibration monitoring of paper machine drives",
        summary: "Condition monitoring of electric drives in paper mills with machine learning.",
        funder: "Vinnova",
        year: 2021,
        leadOrganizationRef: "co-nordvik-drives",
        partnerRefs: ["co-nordvik-drives", "co-skog"],
        keywords: ["condition monitoring"],
      }),
    ]);
    expect(summary.rejected).toBe(0);
    expect(await prisma.outboxEvent.count()).toBe(outbox);

    const after = await match();
    expect(after).toBeDefined();
    expect(after!.reasons).toContain(
      `Worked with ${await orgName("co-nordvik-drives")} on “Vibration monitoring of paper machine drives” (2021)`,
    );
    if (before) expect(after!.score).toBeGreaterThan(before.score);

    // The need p-01 is Nordvik Drives' own: its past partner is suggested with the same reason.
    const forNeed = (await json(["--ref", "p-01", "--limit", "50"])).find((r) => r.organizationRef === "co-skog");
    expect(forNeed?.reasons).toContain(
      `Worked with ${await orgName("co-nordvik-drives")} on “Vibration monitoring of paper machine drives” (2021)`,
    );
  });
});

describe("GET /api/match", () => {
  it("answers signed-in users with what the command line prints", async () => {
    const anonymous = await fetch(`${web.url}/api/match?ref=p-01`);
    expect(anonymous.status).toBe(401);
    expect(await anonymous.json()).toEqual({ error: "Sign in to use the match API." });

    const client = new Client(web.url);
    await client.register("Api User", "api@example.se");
    const res = await client.get("/api/match?ref=p-01&limit=7");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("application/json");
    const viaApi = (await res.json()) as Row[];
    expect(viaApi).toEqual(await json(["--ref", "p-01", "--limit", "7"]));

    const id = (await getPrisma().posting.findFirstOrThrow({ where: { ref: "p-01" } })).id;
    expect(await (await client.get(`/api/match?posting=${id}&limit=7`)).json()).toEqual(viaApi);
  });

  it.each([
    { query: "", status: 400, field: "ref" },
    { query: "ref=p-01&posting=x", status: 400, field: "posting" },
    { query: "posting=not-an-id", status: 400, field: "posting" },
    { query: "ref=p-01&limit=51", status: 400, field: "limit" },
    { query: "ref=p-01&limit=-1", status: 400, field: "limit" },
    { query: `ref=${"x".repeat(5000)}`, status: 400, field: "ref" },
    { query: `ref=${encodeURIComponent('p-01" OR kind = "need')}`, status: 404, field: undefined },
    { query: `ref=${encodeURIComponent("<script>alert(1)</script>")}`, status: 404, field: undefined },
  ])("$query → $status", async ({ query, status, field }) => {
    const client = new Client(web.url);
    await client.register("Bad Input", `bad-${Math.random().toString(36).slice(2)}@example.se`);
    const res = await client.get(`/api/match?${query}`);
    expect(res.status).toBe(status);
    const body = (await res.json()) as { error: string; field?: string };
    expect(body.error.length).toBeGreaterThan(5);
    expect(body.field).toBe(field);
  });

  it("shows no suggestions from a members-only posting to a visitor, on the posting page", async () => {
    // As close to p-01 as a posting can be, from an organization not yet suggested, so it would be first in line.
    const id = await competence(
      "co-skog",
      "Predicting bearing failures from vibration data",
      ["machine learning", "predictive maintenance", "vibration analysis"],
      { visibility: "members", subjects: ["20205", "20305"] },
    );
    const p01 = (await getPrisma().posting.findFirstOrThrow({ where: { ref: "p-01" } })).id;
    const visitor = await (await fetch(`${web.url}/postings/${p01}`)).text();
    expect(visitor).toContain("Suggested partners");
    expect(visitor).not.toContain(id);
    const member = new Client(web.url);
    await member.register("Member Viewer", "member-viewer@example.se");
    expect(await (await member.get(`/postings/${p01}`)).text()).toContain(`/postings/${id}`);
  });

  it("suggests on profile pages too: needs for a researcher's competencies, competencies for an organization's needs", async () => {
    const prisma = getPrisma();
    const member = new Client(web.url);
    await member.register("Profile Matcher", "profile-matcher@example.se");
    const me = await prisma.user.update({
      where: { email: "profile-matcher@example.se" },
      data: {
        competencies: "Vibration analysis and machine learning for rotating machinery.",
        keywords: ["condition monitoring", "machine learning"],
        subjects: ["20205"],
      },
    });
    const person = await (await member.get(`/people/${me.id}`)).text();
    expect(person).toContain("Needs that this person&#x27;s competencies and keywords answer.");
    expect(person).toContain("Predicting bearing failures from vibration data");

    // An organization stating a need; its own group's competencies are never suggested to it.
    const drives = await prisma.organization.update({
      where: { ref: "co-nordvik-drives" },
      data: { needs: "We need machine learning for condition monitoring of electric drive lines." },
    });
    await competence("co-nordvik-service", "Machine learning for condition monitoring of drive lines", [
      "machine learning",
      "condition monitoring",
    ]);
    const page = (await (await fetch(`${web.url}/organizations/${drives.id}`)).text()).replace(/<!-- -->/g, "");
    expect(page).toContain("Competencies that answer this organization&#x27;s stated needs.");
    expect(page).toContain("Maskininlärning för tillståndsövervakning");
    expect(page).not.toContain("Machine learning for condition monitoring of drive lines");
  });
});
