// The screenshots script's core against the test web server and the route tour's world:
// every page in both languages at both widths, as PNG files of the width asked for.
import { readFileSync, rmSync } from "node:fs";
import path from "node:path";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SCREENSHOT_LANGS, SCREENSHOT_WIDTHS, takeScreenshots } from "#scripts/lib/screenshots.ts";
import { launchBrowser } from "#tests/helpers/browser.ts";
import { startTour, TOUR_PASSWORD, WORLD } from "#tests/helpers/route-tour.ts";

let tour: Awaited<ReturnType<typeof startTour>>;
let browser: Browser;
// Kept after the run (gitignored), to be looked at: the tour's world, not the demo data.
const outDir = path.resolve("screenshots/test");
beforeAll(async () => {
  rmSync(outDir, { recursive: true, force: true });
  [tour, browser] = await Promise.all([startTour(), launchBrowser()]);
}, 240_000);
afterAll(async () => {
  await browser?.close();
  await tour?.stop();
});

/** A PNG's width and height, from its header. */
function pngSize(file: string): { width: number; height: number } {
  const bytes = readFileSync(file);
  expect(bytes.subarray(1, 4).toString("latin1")).toBe("PNG");
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

describe("screenshots", () => {
  it("writes home, browse, a posting and a consortium in both languages at 1280 and 390 px", async () => {
    const { files, missing } = await takeScreenshots(browser, {
      base: tour.web.url,
      outDir,
      email: WORLD.people.coordinator.email,
      password: TOUR_PASSWORD,
    });
    expect(missing).toEqual([]);
    const expected = SCREENSHOT_LANGS.flatMap((lang) =>
      SCREENSHOT_WIDTHS.flatMap((width) => ["home", "browse", "posting", "consortium"].map((name) => `${name}-${lang}-${width}.png`)),
    );
    expect(files.map((f) => path.basename(f)).sort()).toEqual(expected.sort());
    for (const file of files) {
      const { width, height } = pngSize(file);
      const asked = Number(/-(\d+)\.png$/.exec(file)![1]);
      expect(width, file).toBe(asked);
      // Full page: at least a screen, and not absurdly long.
      expect(height, file).toBeGreaterThanOrEqual(asked === 390 ? 844 : 800);
      expect(height, file).toBeLessThan(20_000);
    }
  }, 180_000);
});
