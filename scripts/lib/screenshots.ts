// Full-page screenshots of the pages people see first (home, browse, a posting, a
// consortium) in Swedish and English at a desktop and a phone width, so anyone can look
// at the product without clicking through it. `npm run screenshots` runs it against a
// running `npm start`; tests/e2e/screenshots.test.ts against the test web server.
import { mkdirSync } from "node:fs";
import path from "node:path";
import type { Browser, Page } from "playwright-core";

export const SCREENSHOT_WIDTHS = [1280, 390] as const;
export const SCREENSHOT_LANGS = ["sv", "en"] as const;
const HEIGHT: Record<number, number> = { 1280: 800, 390: 844 };

export interface ScreenshotOptions {
  /** The running app, e.g. http://127.0.0.1:3000. */
  base: string;
  outDir: string;
  /** Someone who can see a consortium (its coordinator or a partner's person). */
  email: string;
  password: string;
}

async function signIn(page: Page, base: string, email: string, password: string): Promise<void> {
  await page.goto(`${base}/login`);
  await page.locator('input[name="email"]').fill(email);
  await page.locator('input[name="password"]').fill(password);
  await Promise.all([
    page.waitForURL((u) => !u.pathname.startsWith("/login")),
    page.locator('main form[method="post"] button[type="submit"]').click(),
  ]);
}

async function chooseLanguage(page: Page, base: string, lang: string): Promise<void> {
  await page.goto(`${base}/`);
  if ((await page.locator("html").getAttribute("lang")) === lang) return;
  await page.locator('form[action="/lang"] button[type="submit"]').click();
  await page.locator(`html[lang="${lang}"]`).waitFor({ state: "attached" });
}

/** The first link on a page whose address matches, or null. */
async function firstLink(page: Page, url: string, selector: string): Promise<string | null> {
  await page.goto(url);
  const href = await page
    .locator(selector)
    .first()
    .getAttribute("href", { timeout: 5_000 })
    .catch(() => null);
  return href;
}

/** Takes the screenshots; returns the files written. A page it cannot find (no consortium to see) is named in `missing`. */
export async function takeScreenshots(browser: Browser, o: ScreenshotOptions): Promise<{ files: string[]; missing: string[] }> {
  mkdirSync(o.outDir, { recursive: true });
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  const files: string[] = [];
  const missing: string[] = [];
  try {
    // Signed out first: the browse page a visitor sees, and a posting from it.
    const posting = await firstLink(page, `${o.base}/postings`, '.postings a[href^="/postings/"]');
    await signIn(page, o.base, o.email, o.password);
    const consortium = await firstLink(page, `${o.base}/consortia`, 'main a[href^="/consortia/"]:not([href="/consortia/new"])');
    const pages: [string, string | null][] = [
      ["home", "/"],
      ["browse", "/postings"],
      ["posting", posting],
      ["consortium", consortium],
    ];
    for (const [name, where] of pages) if (!where) missing.push(name);
    for (const lang of SCREENSHOT_LANGS) {
      await chooseLanguage(page, o.base, lang);
      for (const width of SCREENSHOT_WIDTHS) {
        await page.setViewportSize({ width, height: HEIGHT[width]! });
        for (const [name, where] of pages) {
          if (!where) continue;
          await page.goto(`${o.base}${where}`);
          await page.locator(`html[lang="${lang}"]`).waitFor({ state: "attached" });
          const file = path.join(o.outDir, `${name}-${lang}-${width}.png`);
          await page.screenshot({ path: file, fullPage: true });
          files.push(file);
        }
      }
    }
  } finally {
    await context.close();
  }
  return { files, missing };
}
