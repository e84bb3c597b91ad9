// Every page of the tour, in English and in Swedish, in Chromium: axe-core finds no
// violation of WCAG 2.2 A/AA at a desktop width and at a phone width, and at 390 and
// 360 px nothing makes the page scroll sideways. A page added to app/routes joins this
// test through its stop in the route tour (tests/helpers/route-tour.ts).
import { createRequire } from "node:module";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser } from "#tests/helpers/browser.ts";
import { chooseLanguageInBrowser, signInBrowser, startTour, stopsByPerson, WORLD, type Lang, type Who } from "#tests/helpers/route-tour.ts";

const axeSource = (createRequire(import.meta.url)("axe-core") as { source: string }).source;
const AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];
const DESKTOP = { width: 1280, height: 800 };
const PHONES = [390, 360];

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  helpUrl: string;
  nodes: { target: unknown[]; html: string; failureSummary?: string }[];
}

let tour: Awaited<ReturnType<typeof startTour>>;
let browser: Browser;
beforeAll(async () => {
  [tour, browser] = await Promise.all([startTour(), launchBrowser()]);
}, 240_000);
afterAll(async () => {
  await browser?.close();
  await tour?.stop();
});

/** axe's violations on the page as it is now, each as readable lines. */
async function axeViolations(page: Page): Promise<string[]> {
  // Evaluated through the debugging protocol: the page's Content-Security-Policy rightly refuses an inline script.
  if (!(await page.evaluate(() => "axe" in window))) await page.evaluate(axeSource);
  const violations = await page.evaluate(async (tags) => {
    const axe = (window as unknown as { axe: { run: (ctx: Document, opts: object) => Promise<{ violations: unknown[] }> } }).axe;
    return (await axe.run(document, { runOnly: { type: "tag", values: tags }, resultTypes: ["violations"] })).violations;
  }, AXE_TAGS);
  return (violations as AxeViolation[]).map(
    (v) =>
      `axe ${v.id} (${v.impact}): ${v.help} ${v.helpUrl}\n` +
      v.nodes
        .slice(0, 5)
        .map(
          (n) =>
            `      ${JSON.stringify(n.target)} ${n.html.slice(0, 200)}\n        ${(n.failureSummary ?? "").replace(/\n/g, "\n        ")}`,
        )
        .join("\n") +
      (v.nodes.length > 5 ? `\n      … and ${v.nodes.length - 5} more` : ""),
  );
}

/** Whether the page is wider than the window, and the elements that stick out past its right edge. */
async function sideways(page: Page): Promise<string | null> {
  return page.evaluate(() => {
    const doc = document.documentElement;
    if (doc.scrollWidth <= window.innerWidth) return null;
    const out: string[] = [];
    const listed: Element[] = [];
    for (const el of document.body.querySelectorAll("*")) {
      const r = el.getBoundingClientRect();
      // The outermost offenders only: a child of a listed element adds nothing.
      if (r.right <= window.innerWidth + 0.5 || r.width === 0 || listed.some((l) => l.contains(el))) continue;
      listed.push(el);
      const cls = typeof el.className === "string" && el.className.trim() ? `.${el.className.trim().split(/\s+/).join(".")}` : "";
      if (out.length < 8) out.push(`${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ""}${cls} (right edge ${Math.round(r.right)} px)`);
    }
    const what = out.length ? out.join(", ") : "no element: text that does not wrap (a long word or address)";
    return `scrollWidth ${doc.scrollWidth} > innerWidth ${window.innerWidth}; sticking out: ${what}`;
  });
}

describe("every route", () => {
  for (const [who, stops] of stopsByPerson()) {
    for (const lang of ["en", "sv"] as Lang[]) {
      it(`as ${who}, in ${lang === "sv" ? "Swedish" : "English"}: no axe violation, no sideways scrolling at ${PHONES.join(" and ")} px`, async () => {
        const context: BrowserContext = await browser.newContext({ viewport: DESKTOP });
        const page = await context.newPage();
        const failures: string[] = [];
        try {
          await signInBrowser(page, tour.web.url, who as Who);
          await chooseLanguageInBrowser(page, tour.web.url, lang);
          for (const stop of stops) {
            const where = `${stop.path} (route ${stop.route}: ${stop.note}) as ${who}, ${lang}`;
            await page.setViewportSize(DESKTOP);
            const res = await page.goto(`${tour.web.url}${stop.path}`);
            if (res?.status() !== (stop.status ?? 200)) {
              failures.push(`${where}: status ${res?.status()}, expected ${stop.status ?? 200}`);
              continue;
            }
            for (const v of await axeViolations(page)) failures.push(`${where}, ${DESKTOP.width} px: ${v}`);
            for (const width of PHONES) {
              await page.setViewportSize({ width, height: 800 });
              const wide = await sideways(page);
              if (wide) failures.push(`${where}, ${width} px: scrolls sideways: ${wide}`);
            }
            for (const v of await axeViolations(page)) failures.push(`${where}, ${PHONES.at(-1)} px: ${v}`);
          }
        } finally {
          await context.close();
        }
        // Printed once, whole: route, width, language, the rule and the elements.
        if (failures.length) expect.fail(`${failures.length} problems:\n\n${failures.join("\n\n")}\n`);
      }, 300_000);
    }
  }
});

describe("on a phone", () => {
  it("the browse page folds its filters above the results, and opens them beside the results on a wide screen", async () => {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
    const page = await context.newPage();
    try {
      await page.goto(`${tour.web.url}/postings`);
      const filters = page.locator("details.facets-disclosure");
      expect(await filters.evaluate((d: HTMLDetailsElement) => d.open)).toBe(false);
      expect(await page.locator('input[type="checkbox"]').first().isVisible()).toBe(false);
      // The first result starts within the first screen.
      const first = await page.locator(".postings > li").first().boundingBox();
      expect(first!.y).toBeLessThan(844);
      await filters.locator("summary").click();
      await page.locator('input[type="checkbox"]').first().waitFor();

      await page.setViewportSize(DESKTOP);
      await page.goto(`${tour.web.url}/postings?kind=need`);
      await page.locator('input[type="checkbox"][value="need"]').waitFor();
      expect(await filters.locator("summary").isVisible()).toBe(false);
    } finally {
      await context.close();
    }
  });

  it("the consortium's co-funding bars stack under their names and are drawn to scale", async () => {
    const context = await browser.newContext({ viewport: { width: 360, height: 800 } });
    const page = await context.newPage();
    try {
      await signInBrowser(page, tour.web.url, "coordinator");
      await page.goto(`${tour.web.url}/consortia/${WORLD.consortium}`);
      const bars = await page.locator(".tally li").evaluateAll((items) =>
        items.map((li) => ({
          who: li.querySelector(".who")!.getBoundingClientRect(),
          bar: li.querySelector(".bar")!.getBoundingClientRect(),
          row: li.getBoundingClientRect(),
        })),
      );
      // Pledges of 400 000 and 250 000 kr against 1 000 000 kr required (seedTour).
      expect(bars).toHaveLength(3);
      for (const b of bars) expect(b.bar.top).toBeGreaterThanOrEqual(b.who.bottom - 1);
      const [group, sensors, required] = bars.map((b) => b.bar.width);
      expect(required!).toBeGreaterThan(250);
      expect(group! / required!).toBeCloseTo(0.4, 1);
      expect(sensors! / required!).toBeCloseTo(0.25, 1);
    } finally {
      await context.close();
    }
  });
});
