// The browse page on Meilisearch: facets, highlights, filters that cannot be
// injected, and a plain PostgreSQL fallback when Meilisearch is down.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getPrisma } from "#app/lib/db.server.ts";
import { seedDemo } from "#prisma/seed.ts";
import { freePort } from "#scripts/lib/proc.ts";
import { applySearchSettings } from "#search/setup.server.ts";
import { Client } from "#tests/helpers/http.ts";
import { searchSettled, startWeb, startWorker, testEnv, type Proc } from "#tests/helpers/processes.ts";

const running: Proc[] = [];
let web: Proc & { url: string };
beforeAll(async () => {
  await applySearchSettings();
  await seedDemo(getPrisma());
  const [w, k] = await Promise.all([startWeb(testEnv()), startWorker(testEnv())]);
  web = w;
  running.push(w, k);
  await searchSettled();
});
afterAll(async () => {
  await Promise.all(running.map((p) => p.stop()));
});

// React separates text nodes with <!-- -->; read the page as a person would.
const page = async (query: string) => (await (await new Client(web.url).get(`/postings?${query}`)).text()).replaceAll("<!-- -->", "");
const count = (html: string) => Number(/(\d+) postings/.exec(html)?.[1] ?? NaN);

describe("search page", () => {
  it("finds postings with typos, highlights the match and offers facets with counts", async () => {
    const html = await page("q=vibraton");
    expect(count(html)).toBeGreaterThan(0);
    expect(html).toMatch(/<mark>[Vv]ibratio\w*<\/mark>/);
    expect(html).toMatch(/Need <span class="count">\(\d+\)<\/span>/);
    expect(html).toContain("Research area");
  });

  it("narrows by facet: every hit is of the chosen kind, and the count matches the facet's", async () => {
    const all = await page("");
    const needsInFacet = Number(/value="need"\/> Need <span class="count">\((\d+)\)/.exec(all)?.[1]);
    expect(needsInFacet).toBeGreaterThan(0);
    const needs = await page("kind=need");
    expect(count(needs)).toBe(needsInFacet);
    expect(needs).not.toContain("posting posting-competence");
  });

  it("offers a way back from an empty result: without the filters, each word alone, everything, or publishing a need", async () => {
    const html = await page("q=zzqx+vibration&kind=need");
    expect(count(html)).toBe(0);
    expect(html).toContain("Nothing matches.");
    expect(html).toContain('href="/postings?q=zzqx+vibration">Search again without the filters');
    expect(html).toContain('href="/postings?q=vibration">Search for “vibration” alone');
    expect(html).toContain('href="/postings">Show every posting');
    expect(html).toContain('href="/register">Create an account and publish what you look for');
    // The word alone finds something: the way back leads somewhere.
    expect(count(await page("q=vibration"))).toBeGreaterThan(0);
  });

  it("shows signed-in-only postings to members only", async () => {
    const visitor = count(await page(""));
    const c = new Client(web.url);
    await c.register("Searcher", "searcher@example.se");
    const member = count((await (await c.get("/postings")).text()).replaceAll("<!-- -->", ""));
    expect(member).toBeGreaterThan(visitor);
  });

  it("treats hostile input as plain values", async () => {
    for (const q of [
      'region=x" OR visibility = "members',
      "kind=need%22)%20OR%20(kind%20%3D%20%22competence",
      "subjects=" + "9".repeat(300),
      "page=-5",
      "page=99999999",
    ]) {
      const res = await new Client(web.url).get(`/postings?${q}`);
      expect(res.status, q).toBe(200);
    }
    expect(count(await page('region=x" OR visibility = "members'))).toBe(0);
    const html = await page("q=%3Cscript%3Ealert(1)%3C%2Fscript%3E");
    expect(html).not.toContain("<script>alert(1)</script>");
  });
});

describe("without Meilisearch", () => {
  it("says so plainly and falls back to a simpler PostgreSQL search", async () => {
    const dead = await freePort();
    const broken = await startWeb(testEnv({ MEILI_URL: `http://127.0.0.1:${dead}` }));
    running.push(broken);
    const res = await new Client(broken.url).get("/postings?q=vibration");
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain("Search is running in a simpler mode right now");
    expect(count(html)).toBeGreaterThan(0);

    // The fallback's LIKE takes "%" and "_" as the characters they are, not as wildcards
    // (which would list every posting): no demo posting holds either.
    for (const q of ["%", "_", "%25", "vib%", "\\"]) {
      const hostile = (await (await new Client(broken.url).get(`/postings?q=${encodeURIComponent(q)}`)).text()).replaceAll("<!-- -->", "");
      expect(hostile, q).toContain("Search is running in a simpler mode right now");
      expect(count(hostile), q).toBe(0);
    }
  });
});
