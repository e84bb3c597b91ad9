// Administrators create and edit programmes: bad values are named next to their field and
// nothing is saved; a stricter rule re-checks the programme's consortia, and the worker
// tells the coordinator the threshold was lost.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getPrisma } from "#app/lib/db.server.ts";
import { waitFor } from "#scripts/lib/proc.ts";
import { Client, html } from "#tests/helpers/http.ts";
import { startWeb, startWorker, testEnv, type Proc } from "#tests/helpers/processes.ts";

let web: Proc & { url: string };
beforeAll(async () => {
  web = await startWeb(testEnv());
});
afterAll(async () => {
  await web?.stop();
});

const good = {
  name: "Forskningsutlysning 2028",
  projectType: "research",
  minIndependentCompanies: "2",
  coFundingRatio: "1,0",
  instituteCapPercent: "25",
  requireEligibleApplicant: "on",
  deadline: "2028-03-01",
};

async function admin(email: string) {
  const c = new Client(web.url);
  await c.register("Programme Admin", email);
  await getPrisma().user.update({ where: { email }, data: { role: "admin" } });
  return c;
}

describe("programmes, for administrators", () => {
  it("creates a programme, and refuses bad values field by field without saving anything", async () => {
    const ada = await admin("programme-admin@example.se");
    const res = await ada.post("/admin/programmes/new", good);
    expect(res.status).toBe(302);
    const saved = await getPrisma().programme.findFirstOrThrow({ where: { name: good.name } });
    expect(saved).toMatchObject({
      projectType: "research",
      minIndependentCompanies: 2,
      coFundingRatio: 1,
      instituteCapShare: 0.25,
      requireEligibleApplicant: true,
    });
    expect(saved.deadline?.toISOString().slice(0, 10)).toBe("2028-03-01");
    const list = await html(await ada.get("/admin/programmes"));
    expect(list).toContain(
      "Research · at least 2 independent companies · co-funding 1 × the requested funding · institutes at most 25 % · eligible university as applicant · deadline 2028-03-01 · 0 consortia",
    );

    const before = await getPrisma().programme.count();
    for (const [field, value, message] of [
      ["name", "", "Use at least 3 characters."],
      ["name", "x".repeat(301), "Use at most 300 characters."],
      ["projectType", "phd", "Choose one of the options."],
      ["minIndependentCompanies", "abc", "Enter a whole number from 0 to 20."],
      ["minIndependentCompanies", "21", "Enter a whole number from 0 to 20."],
      ["minIndependentCompanies", "-1", "Enter a whole number from 0 to 20."],
      ["coFundingRatio", "-0.5", "Enter a number from 0 to 10"],
      ["coFundingRatio", "1e3", "Enter a number from 0 to 10"],
      ["coFundingRatio", "11", "Enter a number from 0 to 10"],
      ["instituteCapPercent", "101", "Enter a percentage from 0 to 100."],
      ["instituteCapPercent", "", "Enter a percentage from 0 to 100."],
      ["deadline", "2027-02-30", "Enter a date that exists, as YYYY-MM-DD."],
      ["deadline", '\'; DROP TABLE "Programme"; --', "Enter a date that exists, as YYYY-MM-DD."],
    ] as const) {
      const res = await ada.post("/admin/programmes/new", { ...good, [field]: value });
      expect(res.status, `${field}=${value.slice(0, 20)}`).toBe(400);
      const page = await html(res);
      expect(page).toContain(`id="field-${field}-error"`);
      expect(page).toContain(message);
    }
    expect(await getPrisma().programme.count()).toBe(before);

    // HTML in a name is kept as text and shown escaped; an unchecked box means false.
    const { requireEligibleApplicant: _omit, ...unchecked } = good; // a browser sends nothing for an unchecked box
    void _omit;
    expect(
      (await ada.post("/admin/programmes/new", { ...unchecked, name: "<img src=x onerror=alert(1)> call", deadline: "" })).status,
    ).toBe(302);
    const hostile = await getPrisma().programme.findFirstOrThrow({ where: { name: "<img src=x onerror=alert(1)> call" } });
    expect(hostile).toMatchObject({ requireEligibleApplicant: false, deadline: null });
    const page = await html(await ada.get("/admin/programmes"));
    expect(page).toContain("&lt;img src=x onerror=alert(1)&gt; call");
    expect(page).not.toContain("<img src=x");
  });

  it("is for administrators only; unknown and malformed ids are 404", async () => {
    const member = new Client(web.url);
    await member.register("Not Programme Admin", "not-programme-admin@example.se");
    const p = await getPrisma().programme.create({ data: { name: "Guarded", projectType: "research" } });
    expect((await member.get("/admin/programmes")).status).toBe(403);
    expect((await member.get(`/admin/programmes/${p.id}`)).status).toBe(403);
    expect((await member.post(`/admin/programmes/${p.id}`, { ...good, minIndependentCompanies: "9" })).status).toBe(403);
    expect((await getPrisma().programme.findUniqueOrThrow({ where: { id: p.id } })).minIndependentCompanies).toBe(2);
    expect((await fetch(`${web.url}/admin/programmes`, { redirect: "manual" })).status).toBe(302);
    const ada = await admin("programme-admin-2@example.se");
    expect((await ada.get("/admin/programmes/00000000-0000-4000-8000-000000000000")).status).toBe(404);
    expect((await ada.get("/admin/programmes/not-an-id")).status).toBe(404);
    expect((await ada.post("/admin/programmes/not-an-id", good)).status).toBe(404);
  });

  it("a stricter rule re-checks the programme's consortia, and the coordinator hears the threshold was lost", async () => {
    const prisma = getPrisma();
    const programme = await prisma.programme.create({ data: { name: "Two companies", projectType: "research" } });
    const coordinator = await prisma.user.create({
      data: { name: "Rule Coordinator", email: "rule-coordinator@example.se", role: "coordinator" },
    });
    const uni = await prisma.organization.create({ data: { name: "Rule University", kind: "university", eligibleApplicant: true } });
    const [a, b] = await Promise.all(
      ["Rule A AB", "Rule B AB"].map((name) => prisma.organization.create({ data: { name, kind: "company" } })),
    );
    const c = await prisma.consortium.create({
      data: {
        programmeId: programme.id,
        title: "Rule consortium",
        summary: "s",
        requestedFunding: 1000n,
        leadOrganizationId: uni.id,
        coordinatorId: coordinator.id,
        thresholdMet: true,
        members: {
          create: [
            { organizationId: a!.id, status: "accepted", pledgeCash: 500n },
            { organizationId: b!.id, status: "accepted", pledgeCash: 500n },
          ],
        },
      },
    });
    const worker = await startWorker(testEnv());
    try {
      const ada = await admin("programme-admin-3@example.se");
      expect(
        (await ada.post(`/admin/programmes/${programme.id}`, { ...good, name: "Three companies", minIndependentCompanies: "3" })).status,
      ).toBe(302);
      await waitFor(
        "the coordinator's notification",
        async () => (await prisma.notification.count({ where: { userId: coordinator.id, kind: "consortium.threshold-lost" } })) === 1,
        { timeoutMs: 30_000 },
      );
      expect((await prisma.consortium.findUniqueOrThrow({ where: { id: c.id } })).thresholdMet).toBe(false);
      // Saving the same rules again changes nothing and announces nothing.
      expect(
        (await ada.post(`/admin/programmes/${programme.id}`, { ...good, name: "Three companies", minIndependentCompanies: "3" })).status,
      ).toBe(302);
      await waitFor(
        "the re-check",
        async () => (await prisma.outboxEvent.count({ where: { topic: "consortium.changed", processedAt: null } })) === 0,
      );
      expect(await prisma.notification.count({ where: { userId: coordinator.id } })).toBe(1);
    } finally {
      await worker.stop();
    }
  });
});
