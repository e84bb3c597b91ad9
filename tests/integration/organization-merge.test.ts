// Site administrators merge an organization registered twice: everything that pointed at
// the duplicate points at the one kept, nothing is lost, the consortia are re-checked;
// nobody else may, and a merge that cannot be done says why and changes nothing.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getPrisma } from "#app/lib/db.server.ts";
import { Client, html } from "#tests/helpers/http.ts";
import { startWeb, testEnv, type Proc } from "#tests/helpers/processes.ts";

let web: Proc & { url: string };
beforeAll(async () => {
  web = await startWeb(testEnv());
});
afterAll(async () => {
  await web?.stop();
});

async function signedIn(name: string, siteAdmin = false) {
  const email = `${name.toLowerCase().replace(/\W/g, "-")}@merge.example`;
  const client = new Client(web.url);
  await client.register(name, email);
  const user = await getPrisma().user.update({ where: { email }, data: siteAdmin ? { role: "admin" } : {} });
  return { client, user };
}

const posting = (organizationId: string, title: string, visibility: "public" | "members" = "public") =>
  getPrisma().posting.create({
    data: {
      kind: "competence",
      title,
      description: "d",
      language: "en",
      organizationId,
      visibility,
      expiresAt: new Date(Date.now() + 86_400_000),
    },
  });

/** Everything there is, counted: a merge moves rows, it neither adds nor drops any but the duplicate's own. */
async function totals() {
  const p = getPrisma();
  const [organizations, postings, projects, consortia] = await Promise.all([
    p.organization.count(),
    p.posting.count(),
    p.project.count(),
    p.consortium.count(),
  ]);
  return { organizations, postings, projects, consortia };
}

describe("merging duplicate organizations", () => {
  it("moves postings, people, seats, consortia led, projects, subsidiaries and requests to the one kept, and re-checks its consortia", async () => {
    const prisma = getPrisma();
    const dup = await prisma.organization.create({
      data: { name: "Sjödata AB", kind: "company", ref: "imp-sjodata", region: "Värmlands län" },
    });
    const kept = await prisma.organization.create({
      data: { name: "SJÖDATA Aktiebolag", kind: "company", orgNumber: "556036-0793", website: "https://sjodata.example" },
    });
    const sub = await prisma.organization.create({ data: { name: "Sjödata Service AB", kind: "company", parentId: dup.id } });
    const other = await prisma.organization.create({ data: { name: "Annan Partner AB", kind: "company" } });
    const [ada, bo, cia] = await Promise.all(["Ada Dup", "Bo Dup", "Cia Kept"].map((n) => signedIn(n)));
    await prisma.membership.createMany({
      data: [
        { userId: ada!.user.id, organizationId: dup.id, role: "admin" },
        { userId: ada!.user.id, organizationId: kept.id, role: "member" },
        { userId: bo!.user.id, organizationId: dup.id, role: "member" },
        { userId: cia!.user.id, organizationId: kept.id, role: "admin" },
      ],
    });
    await Promise.all([posting(dup.id, "Dup public"), posting(dup.id, "Dup members", "members"), posting(kept.id, "Kept public")]);
    const programme = await prisma.programme.create({ data: { name: "Merge call", projectType: "research" } });
    const consortium = (
      title: string,
      members: { organizationId: string; status: "invited" | "accepted" | "declined"; pledgeCash?: bigint }[],
      leadOrganizationId?: string,
    ) =>
      prisma.consortium.create({
        data: {
          programmeId: programme.id,
          title,
          summary: "s",
          requestedFunding: 1000n,
          coordinatorId: cia!.user.id,
          leadOrganizationId,
          members: { create: members },
        },
      });
    const c1 = await consortium("Both, duplicate accepted", [
      { organizationId: dup.id, status: "accepted", pledgeCash: 300n },
      { organizationId: kept.id, status: "invited" },
    ]);
    const c2 = await consortium("Both, kept accepted", [
      { organizationId: dup.id, status: "declined" },
      { organizationId: kept.id, status: "accepted", pledgeCash: 100n },
    ]);
    const c3 = await consortium("Duplicate only", [{ organizationId: dup.id, status: "invited" }]);
    const c4 = await consortium("Led by the duplicate", [], dup.id);
    const p1 = await prisma.project.create({
      data: {
        title: "Shared",
        summary: "s",
        leadOrganizationId: dup.id,
        partners: { create: [{ organizationId: dup.id }, { organizationId: kept.id }] },
      },
    });
    const p2 = await prisma.project.create({
      data: { title: "Dup and other", summary: "s", partners: { create: [{ organizationId: dup.id }, { organizationId: other.id }] } },
    });
    // Requests to join: Dan's moves; Cia's is dropped (she is already at the kept one).
    const dan = await signedIn("Dan Asks");
    await prisma.membershipRequest.createMany({
      data: [
        { userId: dan.user.id, organizationId: dup.id },
        { userId: cia!.user.id, organizationId: dup.id },
      ],
    });
    const leaving = await prisma.parentChangeRequest.create({
      data: { organizationId: sub.id, parentId: null, fromParentId: dup.id, pendingOrganizationId: sub.id, requestedById: ada!.user.id },
    });
    const before = await totals();

    const admin = await signedIn("Site Merger", true);
    const listed = await html(await admin.client.get("/admin/organizations"));
    expect(listed).toContain("Likely duplicates");
    expect(listed).toContain(`<input type="hidden" name="from" value="${dup.id}"/><input type="hidden" name="into" value="${kept.id}"/>`);
    expect(listed).toContain("Merge into SJÖDATA Aktiebolag");
    expect(listed).toContain("2 postings · 2 people · 3 consortium seats");
    expect(listed).not.toContain("Annan Partner AB");

    const res = await admin.client.post("/admin/organizations", { intent: "merge", from: dup.id, into: kept.id });
    expect(res.status).toBe(200);
    const page = await html(res);
    expect(page).toContain("Merged Sjödata AB into SJÖDATA Aktiebolag.");
    expect(page).toContain("No likely duplicates.");

    expect(await totals()).toEqual({ ...before, organizations: before.organizations - 1 });
    expect(await prisma.organization.findUnique({ where: { id: dup.id } })).toBeNull();
    // The kept one keeps its own values and takes what it lacked, the import ref among them.
    expect(await prisma.organization.findUniqueOrThrow({ where: { id: kept.id } })).toMatchObject({
      name: "SJÖDATA Aktiebolag",
      ref: "imp-sjodata",
      orgNumber: "556036-0793",
      region: "Värmlands län",
      website: "https://sjodata.example",
    });
    expect((await prisma.posting.findMany({ where: { organizationId: kept.id }, orderBy: { title: "asc" } })).map((p) => p.title)).toEqual([
      "Dup members",
      "Dup public",
      "Kept public",
    ]);
    // People: the union; Ada administered the duplicate, so she administers the one kept.
    const people = await prisma.membership.findMany({ where: { organizationId: kept.id }, select: { userId: true, role: true } });
    expect(new Map(people.map((m) => [m.userId, m.role]))).toEqual(
      new Map([
        [ada!.user.id, "admin"],
        [bo!.user.id, "member"],
        [cia!.user.id, "admin"],
      ]),
    );
    // Seats: one per consortium, the one further along, with its own pledge.
    const seat = (c: { id: string }) =>
      prisma.consortiumMember.findMany({ where: { consortiumId: c.id }, select: { organizationId: true, status: true, pledgeCash: true } });
    expect(await seat(c1)).toEqual([{ organizationId: kept.id, status: "accepted", pledgeCash: 300n }]);
    expect(await seat(c2)).toEqual([{ organizationId: kept.id, status: "accepted", pledgeCash: 100n }]);
    expect(await seat(c3)).toEqual([{ organizationId: kept.id, status: "invited", pledgeCash: 0n }]);
    expect((await prisma.consortium.findUniqueOrThrow({ where: { id: c4.id } })).leadOrganizationId).toBe(kept.id);
    expect((await prisma.project.findUniqueOrThrow({ where: { id: p1.id } })).leadOrganizationId).toBe(kept.id);
    const partners = async (p: { id: string }) =>
      (await prisma.projectPartner.findMany({ where: { projectId: p.id } })).map((x) => x.organizationId).sort();
    expect(await partners(p1)).toEqual([kept.id]);
    expect(await partners(p2)).toEqual([kept.id, other.id].sort());
    expect((await prisma.organization.findUniqueOrThrow({ where: { id: sub.id } })).parentId).toBe(kept.id);
    expect(await prisma.parentChangeRequest.findUniqueOrThrow({ where: { id: leaving.id } })).toMatchObject({
      status: "pending",
      fromParentId: kept.id,
    });
    expect(await prisma.membershipRequest.findMany({ where: { organizationId: kept.id }, select: { userId: true, status: true } })).toEqual(
      [{ userId: dan.user.id, status: "pending" }],
    );

    // Re-checks for each consortium touched, and the index re-reads both organizations.
    const rechecked = (await prisma.outboxEvent.findMany({ where: { topic: "consortium.changed" } })).map(
      (e) => (e.payload as { consortiumId: string }).consortiumId,
    );
    expect(rechecked.sort()).toEqual([c1.id, c2.id, c3.id, c4.id].sort());
    const reindexed = (await prisma.outboxEvent.findMany({ where: { topic: "search.organizations" } })).flatMap(
      (e) => (e.payload as { organizationIds: string[] }).organizationIds,
    );
    expect(reindexed).toEqual(expect.arrayContaining([dup.id, kept.id, sub.id]));
  });

  it("is for site administrators only", async () => {
    const prisma = getPrisma();
    const a = await prisma.organization.create({ data: { name: "Vakt AB", kind: "company" } });
    const b = await prisma.organization.create({ data: { name: "VAKT", kind: "company" } });
    const orgAdmin = await signedIn("Org Admin Only");
    await prisma.membership.create({ data: { userId: orgAdmin.user.id, organizationId: a.id, role: "admin" } });
    const stranger = await signedIn("Merge Stranger");
    for (const who of [orgAdmin, stranger]) {
      expect((await who.client.get("/admin/organizations")).status).toBe(403);
      expect((await who.client.post("/admin/organizations", { intent: "merge", from: a.id, into: b.id })).status).toBe(403);
    }
    const visitor = await fetch(`${web.url}/admin/organizations`, { redirect: "manual" });
    expect(visitor.status).toBe(302);
    expect(visitor.headers.get("Location")).toMatch(/^\/login\?redirectTo=/);
    expect(await prisma.organization.count({ where: { id: { in: [a.id, b.id] } } })).toBe(2);
  });

  it("says what is wrong with a merge into itself, an unknown id or one that would loop, and changes nothing", async () => {
    const prisma = getPrisma();
    const top = await prisma.organization.create({ data: { name: "Loop Topp AB", kind: "company" } });
    const mid = await prisma.organization.create({ data: { name: "Loop Mitt AB", kind: "company", parentId: top.id } });
    const low = await prisma.organization.create({ data: { name: "Loop Låg AB", kind: "company", parentId: mid.id } });
    await posting(top.id, "Loop posting");
    const admin = await signedIn("Careful Merger", true);
    const before = await totals();
    const events = await prisma.outboxEvent.count();
    const unknown = "00000000-0000-4000-8000-000000000000";
    for (const [from, into, message] of [
      [top.id, top.id, "An organization cannot be merged into itself."],
      [top.id, unknown, `There is no organization with the id “${unknown}”.`],
      [unknown, top.id, `There is no organization with the id “${unknown}”.`],
      ["not-an-id", top.id, "There is no organization with the id “not-an-id”."],
      // Kept below the duplicate: its subsidiaries would move under the one kept, a loop.
      [top.id, low.id, "Merging would make a loop in the corporate group: Loop Låg AB → Loop Mitt AB → Loop Låg AB."],
    ]) {
      const res = await admin.client.post("/admin/organizations", { intent: "merge", from: from!, into: into! });
      expect(res.status, `${from} → ${into}`).toBe(400);
      expect(await html(res)).toContain(message);
    }
    expect(await totals()).toEqual(before);
    expect(
      await prisma.organization.findMany({
        where: { id: { in: [top.id, mid.id, low.id] } },
        orderBy: { name: "asc" },
        select: { name: true, parentId: true },
      }),
    ).toEqual([
      { name: "Loop Låg AB", parentId: mid.id },
      { name: "Loop Mitt AB", parentId: top.id },
      { name: "Loop Topp AB", parentId: null },
    ]);
    expect(await prisma.posting.count({ where: { organizationId: top.id } })).toBe(1);
    expect(await prisma.outboxEvent.count()).toBe(events);
  });
});
