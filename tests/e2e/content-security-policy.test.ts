// The Content-Security-Policy in a real Chromium: every page a signed-in company
// representative walks through (home, search, a posting with its suggestions, a
// consortium) hydrates and works, the forms send, the co-funding bars are drawn and the
// header's unread count is pushed over the event stream, with not one CSP violation or
// console error on the way.
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getPrisma } from "#app/lib/db.server.ts";
import { seedDemo } from "#prisma/seed.ts";
import { applySearchSettings } from "#search/setup.server.ts";
import { launchBrowser } from "#tests/helpers/browser.ts";
import { searchSettled, startWeb, startWorker, testEnv, type Proc } from "#tests/helpers/processes.ts";

let web: Proc & { url: string };
let worker: Proc;
let browser: Browser;
beforeAll(async () => {
  await applySearchSettings();
  await seedDemo(getPrisma());
  [web, worker] = await Promise.all([startWeb(testEnv()), startWorker(testEnv())]);
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await Promise.all([web?.stop(), worker?.stop()]);
});

/** A browser context that records every CSP violation, console error and uncaught error of its pages. */
async function watchedContext(): Promise<{
  context: BrowserContext;
  problems: string[];
  nextProblem: (matching: RegExp) => Promise<string>;
}> {
  const problems: string[] = [];
  const waiting: { matching: RegExp; resolve: (problem: string) => void }[] = [];
  const report = (problem: string) => {
    problems.push(problem);
    for (const w of waiting) if (w.matching.test(problem)) w.resolve(problem);
  };
  const context = await browser.newContext({ locale: "en-GB" });
  await context.exposeBinding("__reportCspViolation", (_source, violation: string) => report(`CSP: ${violation}`));
  // Injected through the DevTools protocol, so the policy under test does not block it.
  await context.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (e) => {
      const report = (window as unknown as { __reportCspViolation: (s: string) => void }).__reportCspViolation;
      report(`${e.effectiveDirective} blocked ${e.blockedURI || "inline"} at ${e.sourceFile}:${e.lineNumber}`);
    });
  });
  context.on("console", (m) => {
    // The site has no favicon: the browser's own request for one is not the page's doing.
    if (m.type() === "error" && !m.location().url.endsWith("/favicon.ico")) report(`console on ${m.location().url}: ${m.text()}`);
  });
  context.on("weberror", (e) => report(`uncaught: ${e.error().message}`));
  return { context, problems, nextProblem: (matching) => new Promise((resolve) => waiting.push({ matching, resolve })) };
}

/** A marker that survives client-side navigation and is gone after a full page load. */
const mark = (page: Page) => page.evaluate(() => void ((window as unknown as { marker: number }).marker = 1));
const marked = (page: Page) => page.evaluate(() => (window as unknown as { marker?: number }).marker === 1);

describe("the Content-Security-Policy", () => {
  it("lets home, search, a posting and a consortium hydrate and work, with no violation", async () => {
    const prisma = getPrisma();
    const programme = await prisma.programme.findUniqueOrThrow({ where: { ref: "hog-2027" } });
    const university = await prisma.organization.findUniqueOrThrow({ where: { ref: "uni-12" } });
    const company = await prisma.organization.findUniqueOrThrow({ where: { ref: "co-nordvik-drives" } });
    const coordinator = await prisma.user.findUniqueOrThrow({ where: { email: "forskare@demo.example" } });
    const rep = await prisma.user.findUniqueOrThrow({ where: { email: "foretag@demo.example" } });
    const consortium = await prisma.consortium.create({
      data: {
        programmeId: programme.id,
        title: "Condition monitoring of electric drives",
        summary: "Vibration data and machine learning.",
        keywords: ["predictive maintenance"],
        subjects: ["20205"],
        requestedFunding: 1_000_000n,
        leadOrganizationId: university.id,
        coordinatorId: coordinator.id,
        members: {
          create: [
            { organizationId: university.id, status: "accepted" },
            { organizationId: company.id, status: "accepted", contactId: rep.id, pledgeCash: 100_000n },
          ],
        },
      },
    });
    const need = await prisma.posting.findUniqueOrThrow({ where: { ref: "p-01" } });
    await searchSettled();

    const { context, problems } = await watchedContext();
    const page = await context.newPage();

    // Sign in through the form: the POST and its redirect pass form-action 'self'.
    await page.goto(`${web.url}/login`);
    await page.getByLabel("Email").fill("foretag@demo.example");
    await page.getByLabel("Password").fill("samband-demo");
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.getByText("Signed in as Demo Företag").waitFor();

    await page.goto(web.url);
    await page.getByRole("heading", { level: 1, name: "Welcome, Demo Företag" }).waitFor();
    await page.waitForLoadState("load");
    expect(problems, "on the home page").toEqual([]); // a blocked script says so here, not as a later timeout

    // Search: changing the order submits the form from script, without a page load.
    await page.goto(`${web.url}/postings?q=vibration`);
    await page.locator(".postings h3").first().waitFor();
    await page.waitForLoadState("load");
    expect(problems, "on the search page").toEqual([]);
    await mark(page);
    await page.getByLabel("Order").selectOption("newest");
    await page.waitForURL(/sort=newest/);
    const hit = page
      .locator(".postings li", { hasText: "Nordvik Drives AB" })
      .filter({ hasText: "Predicting bearing failures from vibration data" });
    await hit.waitFor();
    expect(await marked(page)).toBe(true);

    // A link followed in the browser is a client-side navigation: the route's script and
    // data are fetched under script-src and connect-src.
    await hit.getByRole("link").click();
    await page.waitForURL(`${web.url}/postings/${need.id}`);
    await page.getByRole("heading", { level: 1, name: "Predicting bearing failures from vibration data" }).waitFor();
    await page.getByRole("heading", { name: "Suggested partners" }).waitFor();
    expect(await marked(page)).toBe(true);

    // The consortium: the tally's bars are drawn to scale (style attributes allowed).
    await page.goto(`${web.url}/consortia/${consortium.id}`);
    await page.getByRole("heading", { level: 1, name: "Condition monitoring of electric drives" }).waitFor();
    const row = page.locator(".members li", { hasText: "Nordvik Drives AB" });
    await row.getByLabel("Cash (SEK)").fill("500000");
    await mark(page);
    await row.getByRole("button", { name: "Save pledge" }).click();
    // Wait for the stored pledge itself: the amount's echo beside the field shows "500" before the save.
    await expect
      .poll(
        async () =>
          (
            await prisma.consortiumMember.findUniqueOrThrow({
              where: { consortiumId_organizationId: { consortiumId: consortium.id, organizationId: company.id } },
            })
          ).pledgeCash,
        { timeout: 60_000 },
      )
      .toBe(500_000n);
    expect(await marked(page)).toBe(true); // sent by script, not a page load
    // The page revalidates after the save: wait for the bar drawn from the new amount (it was 100 000 of 1 000 000).
    const width = (selector: string) => page.locator(selector).evaluate((e) => e.getBoundingClientRect().width);
    const required = await width(".tally li.required .bar");
    expect(required).toBeGreaterThan(100);
    await expect
      .poll(async () => (await width(".tally li:has-text('Nordvik Drives AB') .bar")) / required, { timeout: 60_000 })
      .toBeCloseTo(0.5, 1);

    // The unread count arrives over the event stream (connect-src 'self').
    await prisma.notification.create({ data: { userId: rep.id, kind: "test", title: "A test notice", body: "" } });
    await page.getByRole("link", { name: "Notifications (1 unread)" }).waitFor();
    expect(await marked(page)).toBe(true);

    expect(problems).toEqual([]);
    await context.close();
  });

  it("refuses an inline script that lacks the nonce, and reports it", async () => {
    const { context, nextProblem } = await watchedContext();
    const page = await context.newPage();
    await page.goto(web.url);
    const reported = nextProblem(/^CSP: /);
    // What an injected <script> in a page would do: it is refused, not run.
    await page.evaluate(() => {
      const script = document.createElement("script");
      script.textContent = "window.injected = true";
      document.body.append(script);
    });
    expect(await reported).toMatch(/^CSP: script-src-elem blocked inline/);
    expect(await page.evaluate(() => (window as unknown as { injected?: boolean }).injected)).toBeUndefined();
    await context.close();
  });
});
