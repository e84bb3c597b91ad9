// What a visitor sees on the home page, in a real Chromium.
import { mkdirSync } from "node:fs";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getPrisma } from "#app/lib/db.server.ts";
import { seedDemo } from "#prisma/seed.ts";
import { launchBrowser } from "#tests/helpers/browser.ts";
import { ROOT, startWeb, testEnv, type Proc } from "#tests/helpers/processes.ts";

let web: Proc & { url: string };
let browser: Browser;

beforeAll(async () => {
  await seedDemo(getPrisma());
  // Archived and members-only postings must not reach a visitor.
  await getPrisma().posting.update({ where: { ref: "p-03" }, data: { status: "archived" } });
  await getPrisma().posting.update({ where: { ref: "p-05" }, data: { visibility: "members" } });
  web = await startWeb(testEnv());
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await web?.stop();
});

describe("home page", () => {
  it("shows what the marketplace offers and the latest public postings", async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const response = await page.goto(web.url);
    expect(response?.status()).toBe(200);
    await expect(page.title()).resolves.toBe("Find your co-production partners – Samband");
    expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe("Find the partners for your co-produced project");

    const numbers = page.getByRole("region", { name: "The marketplace in numbers" });
    const prisma = getPrisma();
    expect(await numbers.locator("dt:has-text('Universities') + dd").textContent()).toBe(
      String(await prisma.organization.count({ where: { kind: "university" } })),
    );
    expect(await numbers.locator("dt:has-text('Companies') + dd").textContent()).toBe(
      String(await prisma.organization.count({ where: { kind: "company" } })),
    );

    const recent = page.getByRole("region", { name: "Recently published" });
    const titles = await recent.getByRole("heading", { level: 3 }).allTextContents();
    expect(titles).toContain("Predicting bearing failures from vibration data");
    expect(titles).toContain("Maskininlärning för tillståndsövervakning");
    expect(titles).not.toContain("Laserdata för att uppskatta virkesförråd"); // archived
    expect(titles).not.toContain("Low-power radar sensors for indoor positioning"); // members only
    expect(await recent.locator("h3[lang=sv]").count()).toBeGreaterThan(0);

    // Keyboard users can jump past the header.
    await page.keyboard.press("Tab");
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe("Skip to content");

    mkdirSync(`${ROOT}/test-results`, { recursive: true });
    await page.screenshot({ path: `${ROOT}/test-results/home.png`, fullPage: true });
    await page.close();
  });

  it("fits a phone screen without sideways scrolling", async () => {
    const page = await browser.newPage({ viewport: { width: 375, height: 740 } });
    await page.goto(web.url);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await page.close();
  });

  it("answers an unknown address with a 404 page inside the site's layout", async () => {
    const page = await browser.newPage();
    const response = await page.goto(`${web.url}/no/such/page`);
    expect(response?.status()).toBe(404);
    expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe("Page not found");
    await expect(page.title()).resolves.toBe("Page not found – Samband");
    expect(await page.getByRole("link", { name: "Samband" }).count()).toBe(1);
    await page.close();
  });
});
