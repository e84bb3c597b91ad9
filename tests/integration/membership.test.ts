// Membership is granted, not claimed: naming an existing organization asks its admins
// (site admins when it has none), and until they approve, the person acts for nobody.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getPrisma } from "#app/lib/db.server.ts";
import { invite } from "#app/models/consortium.server.ts";
import { decideMembership } from "#app/models/membership.server.ts";
import { Client, confirmationLink, html } from "#tests/helpers/http.ts";
import { startWeb, testEnv, type Proc } from "#tests/helpers/processes.ts";

let web: Proc & { url: string };
beforeAll(async () => {
  web = await startWeb(testEnv());
});
afterAll(async () => {
  await web?.stop();
});

const userId = async (email: string) => (await getPrisma().user.findUniqueOrThrow({ where: { email } })).id;
const memberships = async (email: string) =>
  (
    await getPrisma().membership.findMany({ where: { user: { email } }, select: { role: true, organization: { select: { name: true } } } })
  ).map((m) => [m.organization.name, m.role]);
const notificationsOf = async (email: string, kind: string) => getPrisma().notification.findMany({ where: { user: { email }, kind } });
const mailsTo = async (email: string, subject: string) =>
  getPrisma().outboxEvent.count({
    where: {
      topic: "email.send",
      AND: [{ payload: { path: ["to"], equals: email } }, { payload: { path: ["subject"], string_contains: subject } }],
    },
  });

async function person(name: string, email: string, fields: Record<string, string> = {}) {
  const c = new Client(web.url);
  await c.register(name, email, { role: "company_rep", ...fields });
  return c;
}

describe("joining an existing organization", () => {
  it("asks its admins; until one approves, the person cannot answer, pledge or publish for it", async () => {
    const prisma = getPrisma();
    const admin = await person("Nora Nordvik", "nora@nordvik.example", { organization: "Nordvik Membership AB" }); // creates it: admin
    const org = await prisma.organization.findFirstOrThrow({ where: { name: "Nordvik Membership AB" } });
    // The takeover: any case of the name, at registration and from the profile.
    const mallory = await person("Mallory", "mallory@evil.example", { organization: "nordvik MEMBERSHIP ab" });
    const eve = await person("Eve", "eve@evil.example");
    expect((await eve.post("/profile", { intent: "join", organization: "Nordvik Membership AB" })).status).toBe(200);
    expect(await memberships("mallory@evil.example")).toEqual([]);
    expect(await memberships("eve@evil.example")).toEqual([]);
    expect(await prisma.membershipRequest.count({ where: { organizationId: org.id, status: "pending" } })).toBe(2);
    const profile = await html(await mallory.get("/profile"));
    expect(profile).toContain("Nordvik Membership AB: <strong>Waiting for approval</strong>");

    // The admin is told of each request in the app and by email, with a link from APP_URL.
    expect((await notificationsOf("nora@nordvik.example", "membership.request")).map((n) => n.title).sort()).toEqual([
      "Eve asks to join Nordvik Membership AB",
      "Mallory asks to join Nordvik Membership AB",
    ]);
    expect(await mailsTo("nora@nordvik.example", "asks to join Nordvik Membership AB")).toBe(2);

    // Acting for it is refused while the request waits.
    const coordinator = await prisma.user.create({
      data: { name: "Coordinator", email: "coord-membership@example.se", role: "coordinator" },
    });
    const programme = await prisma.programme.create({ data: { name: "Membership call", projectType: "research" } });
    const c = await prisma.consortium.create({
      data: {
        programmeId: programme.id,
        title: "Membership consortium",
        summary: "s",
        requestedFunding: 1_000_000n,
        coordinatorId: coordinator.id,
      },
    });
    expect(await invite(c.id, coordinator.id, org.id)).toEqual({ ok: true });
    expect((await mallory.get(`/consortia/${c.id}`)).status).toBe(404);
    expect((await mallory.post(`/consortia/${c.id}`, { intent: "accept", organizationId: org.id, reason: "" })).status).toBe(404);
    expect(
      (await mallory.post(`/consortia/${c.id}`, { intent: "pledge", organizationId: org.id, pledgeCash: "2000000", pledgeInKind: "0" }))
        .status,
    ).toBe(404);
    const posting = {
      kind: "need",
      title: "In Nordvik's name",
      description: "d",
      keywords: "",
      subjects: "",
      language: "en",
      visibility: "public",
      organizationId: org.id,
    };
    expect((await mallory.post("/postings/new", posting)).status).toBe(403);
    expect(await prisma.consortiumMember.findFirstOrThrow({ where: { consortiumId: c.id } })).toMatchObject({
      status: "invited",
      pledgeCash: 0n,
    });

    // The admin approves Eve and refuses Mallory; each is told.
    const page = await html(await admin.get(`/organizations/${org.id}/members`));
    expect(page).toContain("Requests to join");
    expect(page).toContain("mallory@evil.example");
    expect(
      (await admin.post(`/organizations/${org.id}/members`, { intent: "approve", userId: await userId("eve@evil.example"), person: "Eve" }))
        .status,
    ).toBe(200);
    expect(
      (
        await admin.post(`/organizations/${org.id}/members`, {
          intent: "refuse",
          userId: await userId("mallory@evil.example"),
          person: "Mallory",
        })
      ).status,
    ).toBe(200);
    expect(await memberships("eve@evil.example")).toEqual([["Nordvik Membership AB", "member"]]);
    expect(await memberships("mallory@evil.example")).toEqual([]);
    expect(await notificationsOf("eve@evil.example", "membership.approved")).toHaveLength(1);
    expect(await notificationsOf("mallory@evil.example", "membership.refused")).toHaveLength(1);
    expect(await html(await mallory.get("/profile"))).toContain("Nordvik Membership AB: <strong>Not approved</strong>");
    // A decided request is not decided again.
    const again = await admin.post(`/organizations/${org.id}/members`, { intent: "approve", userId: await userId("mallory@evil.example") });
    expect(again.status).toBe(409);
    expect(await memberships("mallory@evil.example")).toEqual([]);

    // Now Eve speaks for it.
    expect((await eve.post(`/consortia/${c.id}`, { intent: "accept", organizationId: org.id, reason: "" })).status).toBe(302);
    expect((await eve.post("/postings/new", posting)).status).toBe(302);
  });

  it("lets only the organization's admins and site admins decide; everyone else gets 404 and nothing changes", async () => {
    const prisma = getPrisma();
    const admin = await person("Ada Admin", "ada@matrix.example", { organization: "Matrix Membership AB" });
    const org = await prisma.organization.findFirstOrThrow({ where: { name: "Matrix Membership AB" } });
    const member = await person("Mia Member", "mia@matrix.example", { organization: "Matrix Membership AB" });
    expect(
      (await admin.post(`/organizations/${org.id}/members`, { intent: "approve", userId: await userId("mia@matrix.example") })).status,
    ).toBe(200);
    await person("Quinn Asks", "quinn@matrix.example", { organization: "Matrix Membership AB" });
    const quinn = await userId("quinn@matrix.example");
    const stranger = await person("Stranger", "stranger@matrix.example");

    // A plain member sees the people but not the requests, and cannot decide.
    const memberView = await html(await member.get(`/organizations/${org.id}/members`));
    expect(memberView).toContain("Ada Admin");
    expect(memberView).not.toContain("quinn@matrix.example");
    for (const c of [member, stranger]) {
      expect((await c.post(`/organizations/${org.id}/members`, { intent: "approve", userId: quinn })).status).toBe(404);
    }
    expect((await stranger.get(`/organizations/${org.id}/members`)).status).toBe(404);
    expect((await fetch(`${web.url}/organizations/${org.id}/members`, { redirect: "manual" })).status).toBe(302); // visitors sign in first
    // Malformed, unknown and hostile ids; an unknown intent; no CSRF token.
    for (const fields of [
      { intent: "approve", userId: "x' OR 1=1 --" },
      { intent: "approve", userId: "00000000-0000-0000-0000-000000000000" },
      { intent: "promote", userId: quinn },
    ]) {
      expect((await admin.post(`/organizations/${org.id}/members`, fields)).status).toBe(404);
    }
    expect((await admin.post("/organizations/not-an-id/members", { intent: "approve", userId: quinn })).status).toBe(404);
    const noCsrf = await admin.post(`/organizations/${org.id}/members`, { intent: "approve", userId: quinn }, { csrf: false });
    expect(noCsrf.status).toBeGreaterThanOrEqual(400);
    expect(await prisma.membershipRequest.findFirstOrThrow({ where: { userId: quinn } })).toMatchObject({ status: "pending" });

    // Two admins deciding at once: one membership, one notice.
    const siteAdmin = await prisma.user.create({ data: { name: "Site Admin", email: "site-admin@samband.example", role: "admin" } });
    const results = await Promise.all([
      decideMembership(org.id, quinn, { id: siteAdmin.id, role: "admin" }, true),
      decideMembership(org.id, quinn, { id: await userId("ada@matrix.example"), role: "company_rep" }, true),
    ]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(await memberships("quinn@matrix.example")).toEqual([["Matrix Membership AB", "member"]]);
    expect(await notificationsOf("quinn@matrix.example", "membership.approved")).toHaveLength(1);
  });

  it("asks the site's admins when the organization has no admin, and shows a request's text as text", async () => {
    const prisma = getPrisma();
    const org = await prisma.organization.create({ data: { name: "Adminless Membership University", kind: "university" } });
    const siteAdmin = await prisma.user.create({
      data: { name: "Site Keeper", email: "keeper@samband.example", role: "admin", passwordHash: null },
    });
    const asker = await person("Ivar Inject", "ivar@uni.example");
    const res = await asker.post("/profile", {
      intent: "join",
      organization: "Adminless Membership University",
      message: '<img src=x onerror=alert(1)> \'; DROP TABLE "User"; --',
    });
    expect(res.status).toBe(200);
    expect(await notificationsOf("keeper@samband.example", "membership.request")).toHaveLength(1);
    expect(await decideMembership(org.id, await userId("ivar@uni.example"), { id: siteAdmin.id, role: "admin" }, true)).toEqual({
      ok: true,
    });
    expect(await memberships("ivar@uni.example")).toEqual([["Adminless Membership University", "member"]]);
    const view = await html(await asker.get(`/organizations/${org.id}/members`));
    expect(view).toContain("Ivar Inject");
    expect(await prisma.user.count()).toBeGreaterThan(0); // the table is still there
    const request = await prisma.membershipRequest.findFirstOrThrow({ where: { organizationId: org.id } });
    expect(request.message).toContain("<img src=x");
  });
});

describe("naming an organization", () => {
  it("offers existing ones with a similar name before creating a second, and finds one by organisation number", async () => {
    const prisma = getPrisma();
    await person("Sara Sjö", "sara@sjodata.example", { organization: "Sjödata Membership AB" });
    const existing = await prisma.organization.findFirstOrThrow({ where: { name: "Sjödata Membership AB" } });
    await prisma.organization.update({ where: { id: existing.id }, data: { orgNumber: "556677-8899" } });

    // A near miss at registration: the form offers the existing one before any account is made.
    const c = new Client(web.url);
    const typo = {
      name: "Tove Typo",
      email: "tove@sjodata.example",
      password: "correct horse battery",
      role: "company_rep",
      organization: "Sjodata Membership",
    };
    const offered = await c.post("/register", typo);
    expect(offered.status).toBe(400);
    const page = await html(offered);
    expect(page).toContain("Which organization do you mean?");
    expect(page).toContain(`value="${existing.id}"`);
    expect(page).toContain("Sjödata Membership AB (556677-8899 · Company)");
    expect(await prisma.user.count({ where: { email: "tove@sjodata.example" } })).toBe(0);
    expect(await prisma.organization.count({ where: { name: { startsWith: "Sj" } } })).toBe(1);
    // Chosen: the account is made and asks to join it.
    expect((await c.post("/register", { ...typo, organizationId: existing.id })).status).toBe(200);
    await c.confirm("tove@sjodata.example");
    expect(await prisma.membershipRequest.count({ where: { organizationId: existing.id, user: { email: "tove@sjodata.example" } } })).toBe(
      1,
    );
    expect(await prisma.organization.count({ where: { name: { startsWith: "Sj" } } })).toBe(1);
    // The same from the profile form, then the choice is made.
    const choose = await c.post("/profile", { intent: "join", organization: "Sjödata Membershp" });
    expect(choose.status).toBe(400);
    expect(await html(choose)).toContain("Organizations with a similar name already exist.");
    expect((await c.post("/profile", { intent: "join", organizationId: existing.id })).status).toBe(200);
    expect(await prisma.membershipRequest.count({ where: { organizationId: existing.id, user: { email: "tove@sjodata.example" } } })).toBe(
      1,
    );

    // By organisation number, with or without the dash.
    const byNumber = await person("Nils Nummer", "nils@sjodata.example");
    expect((await byNumber.post("/profile", { intent: "join", organization: "5566778899" })).status).toBe(200);
    expect(await prisma.membershipRequest.count({ where: { organizationId: existing.id, user: { email: "nils@sjodata.example" } } })).toBe(
      1,
    );
    const unknown = await byNumber.post("/profile", { intent: "join", organization: "556000-0000" });
    expect(unknown.status).toBe(400);
    expect(await html(unknown)).toContain("No organization has the organisation number 556000-0000.");

    // "None of these": a new organization, the person its admin.
    expect((await c.post("/profile", { intent: "join", organization: "Sjodata Membership Labs", organizationId: "new" })).status).toBe(200);
    expect(await memberships("tove@sjodata.example")).toEqual([["Sjodata Membership Labs", "admin"]]);
    // Bad choices: an unknown id, a malformed one.
    expect((await c.post("/profile", { intent: "join", organizationId: "00000000-0000-0000-0000-000000000000" })).status).toBe(400);
    expect((await c.post("/profile", { intent: "join", organizationId: "1 OR 1=1" })).status).toBe(400);
    expect((await c.post("/profile", { intent: "join", organization: "x".repeat(301) })).status).toBe(400);
  });
});

describe("verified email domains", () => {
  it("let a person with a confirmed address at a domain the site's admin verified join at once; others wait", async () => {
    const prisma = getPrisma();
    const org = await prisma.organization.create({ data: { name: "Domain Membership University", kind: "university" } });
    const admin = await person("Domain Keeper", "domain-keeper@samband.example");
    await prisma.user.update({ where: { email: "domain-keeper@samband.example" }, data: { role: "admin" } });
    const orgAdmin = await person("Org Admin Claims", "claims@elsewhere.example", { organization: "Claimer AB" });
    const claimer = await prisma.organization.findFirstOrThrow({ where: { name: "Claimer AB" } });

    // Only site admins verify domains, and free mail or junk is refused with nothing saved.
    expect((await orgAdmin.post(`/organizations/${claimer.id}/members`, { intent: "domains", domains: "gmail.com" })).status).toBe(404);
    for (const [domains, message] of [
      ["gmail.com", "“gmail.com” is a free mail service"],
      ["<script>alert(1)</script>", "is not a domain name like kau.se"],
      ["kau.se' OR 1=1 --", "is not a domain name like kau.se"],
    ]) {
      const res = await admin.post(`/organizations/${org.id}/members`, { intent: "domains", domains });
      expect(res.status).toBe(400);
      const page = await html(res);
      expect(page).toContain(message);
      expect(page).not.toContain("<script>alert(1)</script>");
    }
    expect((await prisma.organization.findUniqueOrThrow({ where: { id: org.id } })).emailDomains).toEqual([]);
    expect(
      (await admin.post(`/organizations/${org.id}/members`, { intent: "domains", domains: "dom-uni.example, @Student.Dom-Uni.example" }))
        .status,
    ).toBe(200);
    expect((await prisma.organization.findUniqueOrThrow({ where: { id: org.id } })).emailDomains).toEqual([
      "dom-uni.example",
      "student.dom-uni.example",
    ]);

    // Registered with the domain but not yet confirmed: a request like anyone's, and no sign-in.
    const eva = new Client(web.url);
    expect(
      (
        await eva.post("/register", {
          name: "Eva Domain",
          email: "eva@dom-uni.example",
          password: "correct horse battery",
          role: "researcher",
          organization: "Domain Membership University",
        })
      ).status,
    ).toBe(200);
    expect(await memberships("eva@dom-uni.example")).toEqual([]);
    expect(
      await prisma.membershipRequest.findFirstOrThrow({ where: { organizationId: org.id, user: { email: "eva@dom-uni.example" } } }),
    ).toMatchObject({ status: "pending" });
    const link = new URL(await confirmationLink("eva@dom-uni.example"));
    expect(await eva.confirm("eva@dom-uni.example")).toBe("/profile");
    expect(await memberships("eva@dom-uni.example")).toEqual([["Domain Membership University", "member"]]);
    expect(await notificationsOf("eva@dom-uni.example", "membership.approved")).toHaveLength(1);
    // The link works once.
    const again = await eva.post("/confirm-email", { token: link.searchParams.get("token")! });
    expect(again.status).toBe(400);
    expect(await html(again)).toContain("This link is not valid");

    // Confirmed first, then asking: a member at once, no admin bothered.
    const stu = await person("Stu Dent", "stu@student.dom-uni.example");
    const joined = await stu.post("/profile", { intent: "join", organization: "Domain Membership University" });
    expect(await html(joined)).toContain("You are now a member of Domain Membership University: your confirmed address is at its domain.");
    expect(await memberships("stu@student.dom-uni.example")).toEqual([["Domain Membership University", "member"]]);

    // A confirmed address elsewhere, or a look-alike domain, still waits.
    const other = await person("Otto Other", "otto@dom-uni.example.evil.example");
    await other.post("/profile", { intent: "join", organization: "Domain Membership University" });
    expect(await memberships("otto@dom-uni.example.evil.example")).toEqual([]);
    expect(
      await prisma.membershipRequest.findFirstOrThrow({
        where: { organizationId: org.id, user: { email: "otto@dom-uni.example.evil.example" } },
      }),
    ).toMatchObject({ status: "pending" });
  });
});
