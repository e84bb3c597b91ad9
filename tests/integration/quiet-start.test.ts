// What a person running the app sees in its terminal: an icon for the browser's tab, and
// no error with a stack for a URL nobody serves (browsers ask for /favicon.ico and
// /apple-touch-icon.png on their own). A real error is still logged with its stack
// (tests/integration/suggestions-outage.test.ts).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startWeb, testEnv, type Proc } from "#tests/helpers/processes.ts";

let web: Proc & { url: string };
beforeAll(async () => {
  web = await startWeb(testEnv());
});
afterAll(async () => {
  await web?.stop();
});

describe("a quiet start", () => {
  it("serves the icon the pages name, and the one browsers guess", async () => {
    const home = await (await fetch(`${web.url}/`)).text();
    expect(home).toContain('rel="icon" href="/favicon.svg"');
    const svg = await fetch(`${web.url}/favicon.svg`);
    expect(svg.status).toBe(200);
    expect(svg.headers.get("content-type")).toMatch(/image\/svg\+xml/);
    const ico = await fetch(`${web.url}/favicon.ico`);
    expect(ico.status).toBe(200);
    const bytes = Buffer.from(await ico.arrayBuffer());
    expect([...bytes.subarray(0, 4)]).toEqual([0, 0, 1, 0]); // an ICO file's signature
  });

  it("answers a URL nobody serves with the 404 page and logs no error or stack for it", async () => {
    for (const path of ["/apple-touch-icon.png", "/no-such-page", "/wp-login.php"]) {
      const res = await fetch(`${web.url}${path}`);
      expect(res.status).toBe(404);
      await res.text();
    }
    // The last answer has been read whole: anything the server logged for these is written.
    const marker = await fetch(`${web.url}/healthz`);
    await marker.text();
    expect(web.output()).not.toMatch(/No route matches URL/);
    expect(web.output()).not.toMatch(/^\s+at /m);
  });
});
