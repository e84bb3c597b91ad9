// Page titles and error pages in the reader's language: "<page> – Samband", "Error: "/"Fel: "
// first when the form just sent was refused, and an unknown address answered inside the
// layout with lang, a translated message and a way home, without a stack in the log.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Client } from "#tests/helpers/http.ts";
import { startWeb, testEnv, type Proc } from "#tests/helpers/processes.ts";

let web: Proc & { url: string };
beforeAll(async () => {
  web = await startWeb(testEnv());
});
afterAll(async () => {
  await web?.stop();
});

const titleOf = (html: string) => [...html.matchAll(/<title>([^<]*)<\/title>/g)].map((m) => m[1]);

describe("page titles and error pages", () => {
  it("names the page in its language, and says when the form was refused", async () => {
    const client = new Client(web.url);
    expect(titleOf(await (await client.get("/login")).text())).toEqual(["Sign in – Samband"]);
    const refused = await client.post("/login", { email: "nobody@example.se", password: "wrong password 1" });
    expect(refused.status).toBe(400);
    expect(titleOf(await refused.text())).toEqual(["Error: Sign in – Samband"]);

    expect((await client.post("/lang", { lang: "sv", redirectTo: "/" })).status).toBe(302);
    const page = await (await client.get("/postings")).text();
    expect(titleOf(page)).toEqual(["Kompetenser och behov – Samband"]);
    expect(page).toContain('aria-label="Huvudmeny"');
    const refusedSv = await client.post("/login", { email: "nobody@example.se", password: "wrong password 1" });
    expect(titleOf(await refusedSv.text())).toEqual(["Fel: Logga in – Samband"]);
  });

  it("answers an unknown address and a missing posting inside the layout, in Swedish, with a way home", async () => {
    const client = new Client(web.url);
    expect((await client.post("/lang", { lang: "sv", redirectTo: "/" })).status).toBe(302);
    for (const path of ["/no-such-page", "/postings/00000000-0000-4000-8000-000000000999"]) {
      const res = await client.get(path);
      expect(res.status, path).toBe(404);
      const html = (await res.text()).replace(/<!-- -->/g, "");
      expect(html).toMatch(/<html lang="sv"/);
      expect(titleOf(html)).toEqual(["Sidan finns inte – Samband"]);
      expect(html).toContain("<h1>Sidan finns inte</h1>");
      expect(html).toContain('<a data-discover="true" href="/">Till startsidan</a>');
      expect(html).toContain('class="site-header"');
      // Remix's own English words stay out of what a reader sees (the page's main part).
      const main = /<main[^>]*>([\s\S]*?)<\/main>/.exec(html)?.[1] ?? "";
      expect(main).not.toMatch(/No route matches|Not found/i);
    }
    const marker = await fetch(`${web.url}/healthz`);
    await marker.text();
    expect(web.output()).not.toMatch(/^\s+at /m);
  });
});
