// The coordinator records in a browser that the application was submitted, then granted,
// and the project appears among a partner's past projects on its organization page; the
// list of their consortia says it was granted instead of counting days to the deadline.
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getPrisma } from "#app/lib/db.server.ts";
import { hashPassword } from "#app/lib/security.server.ts";
import { invite, respond } from "#app/models/consortium.server.ts";
import { launchBrowser } from "#tests/helpers/browser.ts";
import { startWeb, testEnv, type Proc } from "#tests/helpers/processes.ts";

let web: Proc & { url: string };
let browser: Browser;
beforeAll(async () => {
  [web, browser] = await Promise.all([startWeb(testEnv()), launchBrowser()]);
});
afterAll(async () => {
  await browser?.close();
  await web?.stop();
});

const PASSWORD = "outcome browser password";

describe("an outcome in the browser", () => {
  it("records submitted then granted, and finds the project on a partner's page", async () => {
    const prisma = getPrisma();
    const passwordHash = await hashPassword(PASSWORD);
    const lead = await prisma.organization.create({
      data: { name: "Browser Outcome University", kind: "university", eligibleApplicant: true },
    });
    const partner = await prisma.organization.create({ data: { name: "Browser Outcome Partner AB", kind: "company" } });
    const coordinator = await prisma.user.create({
      data: {
        name: "Bea Coordinator",
        email: "bea@outcome-browser.example",
        role: "coordinator",
        passwordHash,
        emailConfirmedAt: new Date(),
      },
    });
    const rep = await prisma.user.create({
      data: { name: "Per Partner", email: "per@outcome-browser.example", role: "company_rep", passwordHash, emailConfirmedAt: new Date() },
    });
    await prisma.membership.createMany({
      data: [
        { userId: coordinator.id, organizationId: lead.id },
        { userId: rep.id, organizationId: partner.id, role: "admin" },
      ],
    });
    // Closing in ten days: the list of consortia counts them.
    const deadline = new Date(Date.now() + 10 * 24 * 3600 * 1000);
    const programme = await prisma.programme.create({
      data: { name: "Browser outcome call", projectType: "research", deadline: new Date(deadline.toISOString().slice(0, 10)) },
    });
    const c = await prisma.consortium.create({
      data: {
        programmeId: programme.id,
        title: "Gearbox health from sound",
        summary: "Microphones instead of accelerometers.",
        requestedFunding: 500_000n,
        leadOrganizationId: lead.id,
        coordinatorId: coordinator.id,
      },
    });
    expect(await invite(c.id, coordinator.id, partner.id)).toEqual({ ok: true });
    expect(await respond(c.id, partner.id, rep.id, true)).toEqual({ ok: true });

    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(`${web.url}/login`);
    await page.getByLabel("Email").fill(coordinator.email);
    await page.getByLabel("Password").fill(PASSWORD);
    await Promise.all([page.waitForURL((u) => !u.pathname.startsWith("/login")), page.locator("main form button[type=submit]").click()]);

    await page.goto(`${web.url}/consortia`);
    await page.locator(".deadline-note", { hasText: "(10 days left)" }).waitFor();

    await page.goto(`${web.url}/consortia/${c.id}`);
    const outcome = page.getByRole("region", { name: "The application" });
    await outcome.getByText("Not submitted yet.").waitFor();
    await outcome.getByLabel("What happened").selectOption({ label: "Submitted to the funder" });
    await outcome.getByLabel("Date").fill("2026-11-02");
    await outcome.getByRole("button", { name: "Record" }).click();
    await outcome.getByText("Submitted on 2 November 2026.").waitFor();

    // A decision before the submission is refused where it was typed, and changes nothing.
    await outcome.getByLabel("What happened").selectOption({ label: "Granted" });
    await outcome.getByLabel("Date").fill("2026-11-01");
    await outcome.getByRole("button", { name: "Record" }).click();
    await page.getByRole("alert").getByText("The decision cannot come before the day the application was submitted.").waitFor();
    expect((await prisma.consortium.findUniqueOrThrow({ where: { id: c.id } })).outcome).toBe("submitted");

    await outcome.getByLabel("What happened").selectOption({ label: "Granted" });
    await outcome.getByLabel("Date").fill("2026-11-20");
    await outcome.getByRole("button", { name: "Record" }).click();
    await outcome.getByText("Submitted on 2 November 2026, granted on 20 November 2026.").waitFor();
    expect(await outcome.getByRole("button", { name: "Record" }).count()).toBe(0);

    await page.goto(`${web.url}/consortia`);
    await page.locator(".badge", { hasText: "Granted" }).waitFor();
    expect(await page.locator(".deadline-note").count()).toBe(0);

    // The partner's organization page, as anyone sees it: the project with its lead.
    const visitor = await browser.newPage();
    await visitor.goto(`${web.url}/organizations/${partner.id}`);
    const record = visitor.getByRole("region", { name: "Track record" });
    await record.getByRole("heading", { level: 3, name: "Gearbox health from sound" }).waitFor();
    expect(await record.locator("li", { hasText: "Gearbox health from sound" }).textContent()).toContain(
      "Browser Outcome University (lead)",
    );
    await Promise.all([page.close(), visitor.close()]);
  });
});
