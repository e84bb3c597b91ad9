// Outcomes through the consortium page: the coordinator records submitted, then granted,
// each with its day; strangers, partners and bad input are refused with nothing changed; a
// grant becomes a past project on each partner's organization page, once however often it
// is recorded; partners are told. And a declined invitation keeps its kind of reason,
// which the coordinator sees.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getPrisma } from "#app/lib/db.server.ts";
import { invite, respond } from "#app/models/consortium.server.ts";
import { recordOutcome } from "#app/models/outcome.server.ts";
import { html, registeredPerson } from "#tests/helpers/http.ts";
import { startWeb, testEnv, type Proc } from "#tests/helpers/processes.ts";

let web: Proc & { url: string };
beforeAll(async () => {
  web = await startWeb(testEnv());
});
afterAll(async () => {
  await web?.stop();
});

const emailOf = (name: string) => `${name.toLowerCase().replace(/\W/g, "")}@outcome.example`;

/** A registered, signed-in person; with `company`, the admin of a new company of that name. */
const person = (name: string, company?: string) => registeredPerson(web.url, name, emailOf(name), company);

async function state(id: string) {
  const c = await getPrisma().consortium.findUniqueOrThrow({ where: { id } });
  return {
    outcome: c.outcome,
    submittedOn: c.submittedOn?.toISOString().slice(0, 10) ?? null,
    decidedOn: c.decidedOn?.toISOString().slice(0, 10) ?? null,
  };
}

describe("recording a consortium's outcome", () => {
  it("takes submitted then granted from the coordinator only, and the grant becomes the partners' past project", async () => {
    const prisma = getPrisma();
    const lead = await prisma.organization.create({ data: { name: "Outcome University", kind: "university", eligibleApplicant: true } });
    const programme = await prisma.programme.create({ data: { name: "Outcome call", projectType: "research" } });
    const coord = await person("Olga Coordinator");
    await prisma.membership.create({ data: { userId: coord.userId, organizationId: lead.id } });
    const alfa = await person("Anna Alfa", "Alfa Outcome AB");
    const beta = await person("Bo Beta", "Beta Outcome AB");
    const gamma = await person("Gun Gamma", "Gamma Outcome AB");
    const stranger = await person("Sten Stranger");
    const c = await prisma.consortium.create({
      data: {
        programmeId: programme.id,
        title: "Outcome consortium",
        summary: "Vibration data for drive lines.",
        keywords: ["vibration"],
        requestedFunding: 1_000_000n,
        leadOrganizationId: lead.id,
        coordinatorId: coord.userId,
      },
    });
    for (const p of [alfa, beta, gamma]) expect(await invite(c.id, coord.userId, p.orgId)).toEqual({ ok: true });
    for (const p of [alfa, beta]) expect(await respond(c.id, p.orgId, p.userId, true)).toEqual({ ok: true });
    const url = `/consortia/${c.id}`;
    const none = { outcome: null, submittedOn: null, decidedOn: null };

    // The coordinator sees the form; a partner sees where it stands, without the form.
    const coordPage = await html(await coord.client.get(url));
    expect(coordPage).toContain("Not submitted yet.");
    expect(coordPage).toContain('name="outcomeOn"');
    const partnerPage = await html(await alfa.client.get(url));
    expect(partnerPage).toContain("Not submitted yet.");
    expect(partnerPage).not.toContain('name="outcomeOn"');

    // A stranger and a partner who is not the coordinator: 404, nothing changed.
    for (const who of [stranger, alfa]) {
      const res = await who.client.post(url, { intent: "outcome", outcome: "submitted", outcomeOn: "2026-11-02" });
      expect(res.status).toBe(404);
    }
    expect(await recordOutcome(c.id, alfa.userId, { kind: "submitted", on: "2026-11-02" })).toEqual({ ok: false, error: "not-found" });
    expect(await state(c.id)).toEqual(none);

    // Granted before submitted: a clear error on the choice, nothing changed.
    let res = await coord.client.post(url, { intent: "outcome", outcome: "granted", outcomeOn: "2026-11-02" });
    expect(res.status).toBe(409);
    expect(await html(res)).toContain("Record that the application was submitted before the funder&#x27;s decision.");
    // Bad and hostile days, and an outcome that is none: refused, each saying why, nothing changed.
    for (const [outcomeOn, message] of [
      ["2026-02-30", "Enter a real date, for example 2027-03-01."],
      ["", "Enter a real date"],
      ["yesterday", "Enter a real date"],
      ["1999-12-31", "Enter a real date"],
      ["<script>alert(1)</script>", "Enter a real date"],
      ['2026-11-02\'; DROP TABLE "Consortium"; --', "Enter a real date"],
      ["x".repeat(100_000), "Enter a real date"],
      ["2999-01-01", "The date cannot be in the future."],
    ] as const) {
      res = await coord.client.post(url, { intent: "outcome", outcome: "submitted", outcomeOn });
      expect(res.status, outcomeOn.slice(0, 40)).toBe(400);
      const page = await html(res);
      expect(page).toContain("There is a problem");
      expect(page).toContain(message);
      expect(page).toContain('href="#field-outcomeOn"');
      expect(page).not.toContain("<script>alert(1)</script>");
    }
    for (const outcome of ["", "GRANTED", "granted' OR '1'='1", "toString"]) {
      res = await coord.client.post(url, { intent: "outcome", outcome, outcomeOn: "2026-11-02" });
      expect(res.status).toBe(400);
      expect(await html(res)).toContain("Choose one of the options.");
    }
    expect(await state(c.id)).toEqual(none);

    // Submitted: recorded, the accepted partners told (not the one still invited).
    res = await coord.client.post(url, { intent: "outcome", outcome: "submitted", outcomeOn: "2026-11-02" });
    expect(res.status).toBe(302);
    expect(await state(c.id)).toEqual({ outcome: "submitted", submittedOn: "2026-11-02", decidedOn: null });
    const told = async (kind: string) =>
      (await prisma.notification.findMany({ where: { kind, link: url }, select: { userId: true } })).map((x) => x.userId).sort();
    expect(await told("consortium.outcome-submitted")).toEqual([alfa.userId, beta.userId].sort());
    expect(await html(await alfa.client.get(url))).toContain("Submitted on 2 November 2026.");

    // A decision dated before the submission: refused on the date.
    res = await coord.client.post(url, { intent: "outcome", outcome: "granted", outcomeOn: "2026-11-01" });
    expect(res.status).toBe(400);
    expect(await html(res)).toContain("The decision cannot come before the day the application was submitted.");

    // Granted, sent twice at once: recorded once, one project, each partner told once.
    const twice = await Promise.all(
      [1, 2].map(() => coord.client.post(url, { intent: "outcome", outcome: "granted", outcomeOn: "2026-11-20" })),
    );
    expect(twice.map((r) => r.status)).toEqual([302, 302]);
    expect(await state(c.id)).toEqual({ outcome: "granted", submittedOn: "2026-11-02", decidedOn: "2026-11-20" });
    expect(await recordOutcome(c.id, coord.userId, { kind: "granted", on: "2026-11-20" })).toEqual({ ok: true, changed: false });
    const projects = await prisma.project.findMany({ where: { consortiumId: c.id }, include: { partners: true } });
    expect(projects).toHaveLength(1);
    expect(projects[0]).toMatchObject({ title: "Outcome consortium", year: 2026, programme: "Outcome call", leadOrganizationId: lead.id });
    expect(projects[0]!.partners.map((p) => p.organizationId).sort()).toEqual([alfa.orgId, beta.orgId].sort());
    expect(await told("consortium.outcome-granted")).toEqual([alfa.userId, beta.userId].sort());

    // Nothing follows a decision.
    res = await coord.client.post(url, { intent: "outcome", outcome: "not_granted", outcomeOn: "2026-11-21" });
    expect(res.status).toBe(409);
    expect(await html(res)).toContain("The funder&#x27;s decision is already recorded and cannot be changed.");
    expect(await state(c.id)).toEqual({ outcome: "granted", submittedOn: "2026-11-02", decidedOn: "2026-11-20" });
    expect(await prisma.project.count({ where: { consortiumId: c.id } })).toBe(1);

    // The project on a partner's organization page, with the lead and the other partner.
    const orgPage = await html(await stranger.client.get(`/organizations/${alfa.orgId}`));
    expect(orgPage).toContain("Track record");
    expect(orgPage).toContain("Outcome consortium");
    expect(orgPage).toMatch(/Outcome University<\/a> \(lead\)/);
    expect(orgPage).toContain("Beta Outcome AB");
    // The list of one's consortia says it was granted.
    expect(await html(await coord.client.get("/consortia"))).toContain("Granted");
  });

  it("lets a confirmed admin of the lead record it too, and tells the coordinator", async () => {
    const prisma = getPrisma();
    const lead = await prisma.organization.create({ data: { name: "Lead Admin University", kind: "university", eligibleApplicant: true } });
    const programme = await prisma.programme.create({ data: { name: "Lead admin call", projectType: "research" } });
    const coord = await person("Carl Coordinator");
    const admin = await person("Li Leadadmin");
    const member = await person("Maj Member");
    await prisma.membership.createMany({
      data: [
        { userId: coord.userId, organizationId: lead.id },
        { userId: admin.userId, organizationId: lead.id, role: "admin" },
        { userId: member.userId, organizationId: lead.id },
      ],
    });
    const c = await prisma.consortium.create({
      data: {
        programmeId: programme.id,
        title: "Lead admin consortium",
        summary: "s",
        requestedFunding: 1000n,
        leadOrganizationId: lead.id,
        coordinatorId: coord.userId,
      },
    });
    const url = `/consortia/${c.id}`;
    // A plain member of the lead neither sees nor records it.
    expect((await member.client.get(url)).status).toBe(404);
    expect((await member.client.post(url, { intent: "outcome", outcome: "submitted", outcomeOn: "2026-11-02" })).status).toBe(404);
    // The lead's admin finds it among their consortia, and records it.
    expect(await html(await admin.client.get("/consortia"))).toContain("Lead admin consortium");
    expect((await admin.client.post(url, { intent: "outcome", outcome: "submitted", outcomeOn: "2026-11-02" })).status).toBe(302);
    expect(await state(c.id)).toMatchObject({ outcome: "submitted" });
    expect((await prisma.consortium.findUniqueOrThrow({ where: { id: c.id } })).outcomeById).toBe(admin.userId);
    const notes = await prisma.notification.findMany({
      where: { kind: "consortium.outcome-submitted", link: url },
      select: { userId: true },
    });
    expect(notes.map((x) => x.userId)).toEqual([coord.userId]);
    // Without a confirmed address, an admin of the lead may not.
    await prisma.user.update({ where: { id: admin.userId }, data: { emailConfirmedAt: null } });
    expect(await recordOutcome(c.id, admin.userId, { kind: "granted", on: "2026-11-03" })).toEqual({ ok: false, error: "not-found" });
  });
});

describe("declining an invitation", () => {
  it("asks why, keeps the kind of reason and the text, and shows them to the coordinator", async () => {
    const prisma = getPrisma();
    const programme = await prisma.programme.create({ data: { name: "Decline call", projectType: "research" } });
    const coord = await person("Dora Coordinator");
    const delta = await person("Dan Delta", "Delta Decline AB");
    const c = await prisma.consortium.create({
      data: { programmeId: programme.id, title: "Decline consortium", summary: "s", requestedFunding: 1000n, coordinatorId: coord.userId },
    });
    expect(await invite(c.id, coord.userId, delta.orgId)).toEqual({ ok: true });
    const url = `/consortia/${c.id}`;
    const seat = () =>
      prisma.consortiumMember.findUniqueOrThrow({
        where: { consortiumId_organizationId: { consortiumId: c.id, organizationId: delta.orgId } },
      });

    expect(await html(await delta.client.get(url))).toContain("Why do you decline?");
    // No reason, an unknown one, or "another reason" without saying which: refused, still invited.
    for (const [fields, field, message] of [
      [{}, "declineReason", "Choose why you decline."],
      [{ declineReason: "too_early' OR 1=1 --" }, "declineReason", "Choose why you decline."],
      [{ declineReason: "<b>budget</b>" }, "declineReason", "Choose why you decline."],
      [{ declineReason: "other", reason: "   " }, "declineText", "Say what the other reason is."],
    ] as const) {
      const res = await delta.client.post(url, { intent: "decline", organizationId: delta.orgId, ...fields });
      expect(res.status).toBe(400);
      const page = await html(res);
      expect(page).toContain(message);
      // The summary links to the field of this organization's form, which shows the message too.
      expect(page).toContain(`href="#field-${field}-${delta.orgId}"`);
      expect(page).toContain(`id="field-${field}-${delta.orgId}-error"`);
      expect((await seat()).status).toBe("invited");
    }

    const res = await delta.client.post(url, {
      intent: "decline",
      organizationId: delta.orgId,
      declineReason: "too_early",
      reason: "<script>alert(1)</script> Not before 2028",
    });
    expect(res.status).toBe(302);
    expect(await seat()).toMatchObject({
      status: "declined",
      declineReason: "too_early",
      reason: "<script>alert(1)</script> Not before 2028",
    });
    const page = await html(await coord.client.get(url));
    expect(page).toContain("Too early for us: &lt;script&gt;alert(1)&lt;/script&gt; Not before 2028");
    expect(page).not.toContain("<script>alert(1)</script>");
  });
});
