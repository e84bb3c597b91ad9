// A new person's first minutes, in a browser: the guided start after confirming the
// address, publishing from it, seeing the partners suggested, the steps ticked; and a
// company representative answering an invitation from the home, then leaving the
// consortium only after saying yes to the question.
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getPrisma } from "#app/lib/db.server.ts";
import { invite } from "#app/models/consortium.server.ts";
import { applySearchSettings } from "#search/setup.server.ts";
import { launchBrowser, pickInCombobox, registerInBrowser } from "#tests/helpers/browser.ts";
import { searchSettled, startWeb, startWorker, testEnv, type Proc } from "#tests/helpers/processes.ts";

let web: Proc & { url: string };
let worker: Proc;
let browser: Browser;
beforeAll(async () => {
  await applySearchSettings();
  [web, worker] = await Promise.all([startWeb(testEnv()), startWorker(testEnv())]);
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await Promise.all([web?.stop(), worker?.stop()]);
});

describe("the guided start", () => {
  it("leads from registering to publishing to the suggested partners, ticking each step", async () => {
    const prisma = getPrisma();
    const company = await prisma.organization.create({ data: { name: "Lagerljud AB", kind: "company" } });
    await prisma.posting.create({
      data: {
        kind: "need",
        title: "Condition monitoring of rolling bearings",
        description: "We need machine learning for condition monitoring of rolling bearings from vibration data.",
        keywords: ["condition monitoring", "machine learning", "vibration analysis"],
        subjects: ["10201"],
        language: "en",
        organizationId: company.id,
        expiresAt: new Date(Date.now() + 30 * 86_400_000),
      },
    });
    await searchSettled();

    const page = await browser.newPage();
    await registerInBrowser(page, web.url, "Greta Guide", "greta-guide@example.se", "researcher", "");
    const guide = page.getByRole("region", { name: "Get started in three steps" });
    await guide.waitFor();
    expect(await guide.getByRole("listitem").allTextContents()).toEqual([
      expect.stringContaining("Complete your profile (not done yet)"),
      expect.stringContaining("Publish a posting: what you can do or what you look for (not done yet)"),
      expect.stringContaining("See the partners suggested for your posting (not done yet)"),
    ]);

    await guide.getByRole("link", { name: /^Publish a posting/ }).click();
    await page.getByLabel("A competence: what I/we can do").check();
    await page.getByLabel("Title").fill("Machine learning for condition monitoring");
    await page
      .getByLabel("Description")
      .fill("We build machine learning models for condition monitoring of rotating machines from vibration data.");
    await page.getByLabel("Keywords").fill("machine learning, condition monitoring, vibration analysis");
    await pickInCombobox(page, "Research subjects", "datavetenskap", /^Computer Sciences 10201/);
    await page.getByLabel("Language of the text").selectOption("en");
    await page.getByRole("button", { name: "Publish" }).click();
    await page.getByRole("status").filter({ hasText: "Your posting is published." }).waitFor();
    await page.getByRole("heading", { name: "Suggested partners" }).waitFor();
    await page.getByRole("link", { name: "Lagerljud AB" }).first().waitFor();

    await page.getByRole("link", { name: "Samband", exact: true }).click();
    await guide.waitFor();
    const steps = await guide.getByRole("listitem").allTextContents();
    expect(steps[1]).toContain("(done)");
    expect(steps[2]).toContain("(done)");
    await guide.getByRole("button", { name: "Hide this guide" }).click();
    await page.getByRole("status").filter({ hasText: "The guide is hidden." }).waitFor();
    expect(await guide.count()).toBe(0);
  });
});

describe("an invitation from the home", () => {
  it("is answered from the home, and withdrawing asks first, then lands on my consortia", async () => {
    const prisma = getPrisma();
    const page = await browser.newPage();
    await registerInBrowser(page, web.url, "Rut Representant", "rut@bruket.example", "company_rep", "Bruksverken AB", {
      newOrganization: true,
    });
    const org = await prisma.organization.findFirstOrThrow({ where: { name: "Bruksverken AB" } });
    const coordinator = await prisma.user.create({
      data: { name: "Kim Koordinator", email: "kim-koordinator@example.se", role: "coordinator", emailConfirmedAt: new Date() },
    });
    const programme = await prisma.programme.create({ data: { name: "Hemsteg", projectType: "research" } });
    const c = await prisma.consortium.create({
      data: {
        programmeId: programme.id,
        title: "Bruksprojektet",
        summary: "s",
        requestedFunding: 1_000_000n,
        coordinatorId: coordinator.id,
      },
    });
    expect(await invite(c.id, coordinator.id, org.id)).toEqual({ ok: true });

    await page.goto(`${web.url}/`);
    const waiting = page.getByRole("region", { name: "Invitations waiting for my answer" });
    await waiting.getByText("Bruksverken AB is invited to Bruksprojektet by Kim Koordinator").waitFor();
    await waiting.getByRole("link", { name: "Answer" }).click();
    await page.getByRole("heading", { level: 1, name: "Bruksprojektet" }).waitFor();
    await page.getByRole("button", { name: "Accept" }).click();
    await page.getByRole("status").filter({ hasText: "You accepted the invitation." }).waitFor();

    await page.getByRole("button", { name: "Withdraw", exact: true }).click();
    const question = page.getByRole("region", { name: "Withdraw Bruksverken AB from Bruksprojektet?" });
    await question.waitFor();
    // Cancel first: nothing changes.
    await question.getByRole("link", { name: "Cancel" }).click();
    await question.waitFor({ state: "detached" });
    const seat = () => prisma.consortiumMember.findFirstOrThrow({ where: { consortiumId: c.id, organizationId: org.id } });
    expect((await seat()).status).toBe("accepted");

    await page.getByRole("button", { name: "Withdraw", exact: true }).click();
    await question.getByRole("button", { name: "Withdraw" }).click();
    await page.getByRole("status").filter({ hasText: "Your organization has left the consortium." }).waitFor();
    expect(new URL(page.url()).pathname).toBe("/consortia");
    expect((await seat()).status).toBe("withdrawn");
  });
});
