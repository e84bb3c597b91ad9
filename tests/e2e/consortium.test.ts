// The coordinator's side in a browser: start a consortium, invite three companies of
// which two are in one corporate group; after the two accept the panel still says one
// independent company; when the third accepts, the coordinator and a member see the
// "threshold reached" notification without reloading, and the email arrives at the local
// SMTP catcher.
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getPrisma } from "#app/lib/db.server.ts";
import { waitFor } from "#scripts/lib/proc.ts";
import { launchBrowser, pickInCombobox, registerInBrowser } from "#tests/helpers/browser.ts";
import { mailsTo } from "#tests/helpers/mail.ts";
import { applySearchSettings } from "#search/setup.server.ts";
import { startWeb, startWorker, testEnv, type Proc } from "#tests/helpers/processes.ts";

let web: Proc & { url: string };
let worker: Proc;
let browser: Browser;
beforeAll(async () => {
  // The indexes as `npm start` sets them up: the worker indexes into them, the pages search them.
  await applySearchSettings();
  [web, worker] = await Promise.all([startWeb(testEnv()), startWorker(testEnv())]);
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await Promise.all([web?.stop(), worker?.stop()]);
});

async function acceptAndPledge(page: Page, url: string, company: string, cash: string) {
  await page.goto(url);
  const row = page.locator(".members li", { hasText: company });
  await row.getByRole("button", { name: "Accept" }).click();
  await page.locator(".members li", { hasText: `${company} · accepted` }).waitFor();
  await page.locator(".members li", { hasText: company }).getByLabel("Cash (SEK)").fill(cash);
  await page.locator(".members li", { hasText: company }).getByRole("button", { name: "Save pledge" }).click();
  await page.locator(".members li", { hasText: "· pledge " }).filter({ hasText: company }).waitFor(); // the saved pledge, not the button
}

describe("a consortium", () => {
  it("reaches the threshold only with a company independent of the group, and says so to everyone without a reload", async () => {
    const prisma = getPrisma();
    await prisma.programme.create({ data: { name: "HÖG browser call", projectType: "research" } });
    await prisma.organization.create({ data: { name: "Browser University", kind: "university", eligibleApplicant: true } });

    const pages: Record<string, Page> = {};
    for (const [who, email, role, org] of [
      ["Cora Coordinator", "cora@uni.example", "coordinator", ""],
      ["Vera Volvo", "vera@volvo.example", "company_rep", "Volvo Browser AB"],
      ["Sven Volvo", "sven@volvo.example", "company_rep", "Volvo Browser Sverige AB"],
      ["Hanna Halm", "hanna@halm.example", "company_rep", "Halm Browser AB"],
    ] as const) {
      pages[who] = await browser.newPage();
      await registerInBrowser(pages[who], web.url, who, email, role, org, { newOrganization: true });
    }
    // The lead applies in its own name, so the coordinator must be one of its people:
    // granted here directly (asking and approval have their own browser test).
    const coraUser = await prisma.user.findUniqueOrThrow({ where: { email: "cora@uni.example" } });
    await prisma.membership.create({
      data: {
        userId: coraUser.id,
        organizationId: (await prisma.organization.findFirstOrThrow({ where: { name: "Browser University" } })).id,
      },
    });
    const volvo = await prisma.organization.findFirstOrThrow({ where: { name: "Volvo Browser AB" } });
    await prisma.organization.updateMany({ where: { name: "Volvo Browser Sverige AB" }, data: { parentId: volvo.id } });

    // The coordinator starts the consortium and invites the three companies.
    const cora = pages["Cora Coordinator"]!;
    await cora.getByRole("link", { name: "Consortia" }).click();
    await cora.getByRole("link", { name: "Start a consortium" }).click();
    await cora.getByLabel("Programme (call)").selectOption({ label: "HÖG browser call" });
    await cora.getByLabel("Title", { exact: true }).fill("Predictive maintenance of electric drives");
    await cora.getByLabel("Summary").fill("Vibration data and machine learning for drive lines.");
    await cora.getByLabel("Keywords").fill("predictive maintenance, machine learning");
    await pickInCombobox(cora, "Research subjects", "20205");
    await cora.getByLabel("Requested funding, SEK excluding overhead").fill("1000000");
    await cora.getByLabel("Lead", { exact: true }).selectOption({ label: "Browser University" });
    await cora.getByRole("button", { name: "Create consortium" }).click();
    await cora.getByRole("heading", { level: 1, name: "Predictive maintenance of electric drives" }).waitFor();
    const url = cora.url();
    for (const company of ["Volvo Browser AB", "Volvo Browser Sverige AB", "Halm Browser AB"]) {
      await pickInCombobox(cora, "Organization to invite", company.slice(0, -3), new RegExp(`^${company}\\b`));
      await cora.getByRole("button", { name: "Invite", exact: true }).first().click();
      await cora.locator(".members li", { hasText: `${company} · invited` }).waitFor();
    }

    // The two group companies accept and pledge: one independent company.
    await acceptAndPledge(pages["Vera Volvo"]!, url, "Volvo Browser AB", "300000");
    await acceptAndPledge(pages["Sven Volvo"]!, url, "Volvo Browser Sverige AB", "300000");
    await cora.reload();
    const panel = cora.getByRole("region", { name: "Not eligible yet" });
    await panel.waitFor();
    expect(await panel.textContent()).toContain(
      "1 independent company co-funds; 2 needed. Volvo Browser AB and Volvo Browser Sverige AB belong to the same group (Volvo Browser AB) and count once.",
    );
    expect(await panel.locator(".missing").textContent()).toContain("one more company independent of the Volvo Browser AB group");
    // Every change so far has been evaluated: had one crossed the threshold, its notice would exist.
    const consortiumId = new URL(url).pathname.split("/").pop()!;
    await waitFor(
      "the consortium's changes evaluated",
      async () =>
        (await getPrisma().outboxEvent.count({
          where: { topic: "consortium.changed", processedAt: null, payload: { path: ["consortiumId"], equals: consortiumId } },
        })) === 0,
      { timeoutMs: 60_000 },
    );
    expect(
      await getPrisma().notification.count({
        where: { link: `/consortia/${consortiumId}`, kind: { startsWith: "consortium.threshold-" } },
      }),
    ).toBe(0);
    await cora.reload();
    expect(await cora.locator(".notifications-link").textContent()).toBe("Notifications");

    // The third accepts; the coordinator's and Vera's open pages update on their own,
    // pushed over the event stream (no page falls back to polling the count).
    const polled: string[] = [];
    for (const who of ["Cora Coordinator", "Vera Volvo"])
      pages[who]!.on("request", (r) => r.url().includes("/notifications/count") && polled.push(r.url()));
    await acceptAndPledge(pages["Hanna Halm"]!, url, "Halm Browser AB", "400000");
    // Vera also has the invitation unread.
    for (const [who, unread] of [
      ["Cora Coordinator", 1],
      ["Vera Volvo", 2],
    ] as const) {
      await pages[who]!.locator(".notifications-link", { hasText: `Notifications (${unread} unread)` }).waitFor({ timeout: 30_000 });
    }
    expect(polled).toEqual([]);
    await cora.getByRole("link", { name: "Notifications (1 unread)" }).click();
    await cora
      .getByRole("link", { name: "“Predictive maintenance of electric drives” now has 2 independent co-funding companies" })
      .waitFor();
    await waitFor("the email to the coordinator", async () =>
      (await mailsTo("cora@uni.example")).some((m) =>
        m.text.includes("The consortium reached the threshold of 2 mutually independent companies."),
      ),
    );
    for (const p of Object.values(pages)) await p.close();
  }, 180_000); // a browser and four pages on a loaded machine: minutes, not the default minute
});
