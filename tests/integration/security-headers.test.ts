// Response hardening over HTTP against the real web process: the security headers on
// every response, a script nonce that matches the page's inline scripts, signed-in
// responses kept out of caches, and writes from another site refused with 403 before any
// action runs (not left to Remix's own origin check, which answers 500).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getPrisma } from "#app/lib/db.server.ts";
import { crossSiteWrite, type WriteOrigin } from "#server/headers.ts";
import { Client, confirmationLink } from "#tests/helpers/http.ts";
import { startWeb, testEnv, type Proc } from "#tests/helpers/processes.ts";

let web: Proc & { url: string };
beforeAll(async () => {
  web = await startWeb(testEnv());
});
afterAll(async () => {
  await web?.stop();
});

/** The directives of a Content-Security-Policy header, by name. */
function directives(header: string | null): Map<string, string[]> {
  const map = new Map<string, string[]>();
  for (const part of (header ?? "").split(";")) {
    const [name, ...values] = part.trim().split(/\s+/);
    if (name) map.set(name, values);
  }
  return map;
}

const posting = {
  kind: "competence",
  title: "Vibration analysis",
  description: "Bearings and drive lines",
  keywords: "vibration",
  subjects: "20205",
  language: "en",
  visibility: "public",
};

describe("security headers", () => {
  it("are on pages, data requests, resource routes, error pages and static files", async () => {
    const home = await (await fetch(web.url + "/")).text();
    const asset = /\/assets\/[^"]+\.js/.exec(home)![0];
    for (const path of ["/", "/login", "/postings", "/no/such/page", "/_root.data", "/healthz", asset]) {
      const res = await fetch(web.url + path);
      await res.arrayBuffer();
      const csp = directives(res.headers.get("Content-Security-Policy"));
      expect(csp.get("script-src"), path).toEqual(["'self'", expect.stringMatching(/^'nonce-[A-Za-z0-9+/]{22}==?'$/)]);
      expect(csp.get("frame-ancestors"), path).toEqual(["'none'"]);
      expect(csp.get("default-src"), path).toEqual(["'self'"]);
      expect(csp.get("connect-src"), path).toEqual(["'self'"]);
      expect(csp.get("object-src"), path).toEqual(["'none'"]);
      expect(csp.get("base-uri"), path).toEqual(["'none'"]);
      expect(csp.get("style-src"), path).toEqual(["'self'"]);
      expect(res.headers.get("X-Frame-Options"), path).toBe("DENY");
      expect(res.headers.get("X-Content-Type-Options"), path).toBe("nosniff");
      expect(res.headers.get("Referrer-Policy"), path).toBe("same-origin");
      // The public address of this web process is http://localhost: no HSTS.
      expect(res.headers.get("Strict-Transport-Security"), path).toBeNull();
    }
  });

  it("give every inline script of a page this response's nonce, a new one each time", async () => {
    const nonces: string[] = [];
    for (const path of ["/", "/", "/postings?q=vibration", "/no/such/page"]) {
      const res = await fetch(web.url + path);
      const nonce = /'nonce-([^']+)'/.exec(res.headers.get("Content-Security-Policy")!)![1]!;
      const scripts = [...(await res.text()).matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
      expect(scripts.length, path).toBeGreaterThan(0);
      for (const tag of scripts) expect(tag, path).toContain(` nonce="${nonce}"`);
      nonces.push(nonce);
    }
    expect(new Set(nonces).size).toBe(nonces.length);
  });

  it("include HSTS when the public address is https", async () => {
    const secure = await startWeb(testEnv({ APP_URL: "https://samband.example" }));
    try {
      for (const path of ["/", "/healthz"]) {
        const res = await fetch(secure.url + path);
        await res.arrayBuffer();
        expect(res.headers.get("Strict-Transport-Security"), path).toBe("max-age=31536000");
      }
    } finally {
      await secure.stop();
    }
  });
});

describe("caching", () => {
  it("keeps every response to a signed-in user out of caches, and static files in them", async () => {
    const anna = new Client(web.url);
    expect(
      (
        await anna.post("/register", {
          name: "Anna Berg",
          email: "anna.cache@example.se",
          password: "correct horse battery",
          role: "researcher",
        })
      ).status,
    ).toBe(200);
    const link = new URL(await confirmationLink("anna.cache@example.se"));
    await anna.get(link.pathname + link.search);
    const res = await anna.post("/confirm-email", { token: link.searchParams.get("token")! });
    expect(res.status).toBe(302);
    // The response that signs in already names the user.
    expect(res.headers.get("Cache-Control")).toBe("private, no-store");
    for (const path of ["/", "/postings/mine", "/postings/mine.data", "/_root.data", "/notifications/count", "/profile"]) {
      const page = await anna.get(path);
      await page.arrayBuffer();
      expect(page.status, path).toBe(200);
      expect(page.headers.get("Cache-Control"), path).toBe("private, no-store");
    }
    expect(await (await anna.get("/")).text()).toContain("Signed in as Anna Berg");
    // The notification stream too, whose headers are flushed before any event.
    const stream = await anna.get("/notifications/stream");
    expect(stream.headers.get("Content-Type")).toContain("text/event-stream");
    expect(stream.headers.get("Cache-Control")).toBe("private, no-store");
    await stream.body?.cancel();

    const home = await (await anna.get("/")).text();
    const asset = /\/assets\/[^"]+\.js/.exec(home)![0];
    const file = await anna.get(asset);
    await file.arrayBuffer();
    expect(file.status).toBe(200);
    expect(file.headers.get("Cache-Control")).toBe("public, max-age=31536000, immutable");
  });

  it("leaves a visitor's page cacheable by the browser as before", async () => {
    const res = await fetch(web.url + "/postings");
    await res.arrayBuffer();
    expect(res.headers.get("Cache-Control") ?? "").not.toContain("no-store");
  });
});

describe("writes from another site", () => {
  const evil = { Origin: "http://evil.example" };

  it("are refused with 403 and a short page before any action runs, on routes with and without actions", async () => {
    const c = new Client(web.url);
    await c.register("Bo Ek", "bo.ek@example.se");
    const before = await getPrisma().posting.count();
    for (const [path, fields] of [
      ["/login", { email: "bo.ek@example.se", password: "correct horse battery" }],
      ["/register", { name: "Mallory", email: "mallory@example.se", password: "correct horse battery", role: "researcher" }],
      ["/postings/new", posting],
      ["/lang", { lang: "sv", redirectTo: "/" }],
      ["/logout", {}],
      ["/", {}],
      ["/postings.data", {}],
    ] as const) {
      // A valid CSRF token and session, as if an attacker had both: the origin alone decides.
      const res = await c.post(path, fields, { headers: evil });
      expect(res.status, path).toBe(403);
      expect(res.headers.get("Set-Cookie"), path).toBeNull();
      expect(await res.text(), path).toContain("sent from another site, so nothing was changed");
    }
    expect(await getPrisma().posting.count()).toBe(before);
    expect(await getPrisma().user.count({ where: { email: "mallory@example.se" } })).toBe(0);
    // Still signed in, in English: neither the logout nor the language switch ran.
    expect(await (await c.get("/postings/mine")).text()).toContain("Signed in as Bo Ek");
    expect(web.output()).not.toMatch(/Aborting the action|Unexpected Server Error/);
  });

  it("are refused when the Origin is opaque or malformed, or absent and the browser says cross-site", async () => {
    const c = new Client(web.url);
    for (const headers of [
      { Origin: "null" },
      { Origin: "not a url" },
      { Origin: `${web.url}.evil.example` },
      { "Sec-Fetch-Site": "cross-site" },
      { "Sec-Fetch-Site": "same-site" },
    ] as Record<string, string>[]) {
      const res = await c.post("/login", { email: "x@example.se", password: "whatever it is" }, { headers });
      expect(res.status, JSON.stringify(headers)).toBe(403);
      await res.arrayBuffer();
    }
    expect(web.output()).not.toMatch(/Aborting the action|Unexpected Server Error/);
  });

  it("from this site still work: same Origin, Sec-Fetch-Site same-origin, or behind a proxy's X-Forwarded-Host", async () => {
    const c = new Client(web.url);
    await c.register("Cecilia Lund", "cecilia@example.se");
    const ok = await c.post("/postings/new", posting, { headers: { Origin: new URL(web.url).origin } });
    expect(ok.status).toBe(302);
    const fetchSite = await c.post("/postings/new", posting, { headers: { "Sec-Fetch-Site": "same-origin" } });
    expect(fetchSite.status).toBe(302);
    const proxied = await c.post("/postings/new", posting, {
      headers: { Origin: "https://samband.example", "X-Forwarded-Host": "samband.example" },
    });
    expect(proxied.status).toBe(302);
    expect(await getPrisma().posting.count({ where: { title: posting.title } })).toBe(3);
  });
});

describe("a form without this browser's CSRF token", () => {
  it("is a 403 that changes nothing, whether the token is missing, wrong or a file", async () => {
    const c = new Client(web.url);
    await c.register("Dag Holm", "dag.holm@example.se");
    const before = await getPrisma().posting.count();
    const wrong = { csrf: "not-the-token" };
    for (const [path, fields, csrf] of [
      ["/postings/new", posting, false],
      ["/postings/new", { ...posting, ...wrong }, true],
      ["/login", { email: "dag.holm@example.se", password: "correct horse battery" }, false],
      ["/register", { name: "Eve", email: "eve@example.se", password: "correct horse battery", role: "researcher", ...wrong }, true],
      ["/logout", {}, false],
    ] as const) {
      const res = await c.post(path, fields, { csrf });
      expect(res.status, path).toBe(403);
      expect(await res.text(), path).toContain("did not come from this site");
    }
    // This browser's token, sent as a file of the same name, is not the token.
    const first = await fetch(web.url + "/login");
    const cookies = first.headers
      .getSetCookie()
      .map((c) => c.split(";")[0])
      .join("; ");
    const token = /name="csrf" value="([^"]+)"/.exec(await first.text())![1]!;
    const form = new FormData();
    form.set("email", "dag.holm@example.se");
    form.set("password", "correct horse battery");
    form.set("csrf", new Blob([token]), "csrf.txt");
    const multipart = await fetch(web.url + "/login", { method: "POST", body: form, headers: { Cookie: cookies }, redirect: "manual" });
    expect(multipart.status).toBe(403);
    expect(multipart.headers.get("Set-Cookie")).toBeNull();
    await multipart.arrayBuffer();

    expect(await getPrisma().posting.count()).toBe(before);
    expect(await getPrisma().user.count({ where: { email: "eve@example.se" } })).toBe(0);
    expect(await (await c.get("/postings/mine")).text()).toContain("Signed in as Dag Holm");
  });
});

describe("the cross-site rule", () => {
  const host = "samband.example";
  it.each<[string, WriteOrigin, boolean]>([
    ["a GET from anywhere", { method: "GET", origin: "http://evil.example", host }, true],
    ["a HEAD", { method: "HEAD", origin: "http://evil.example", host }, true],
    ["a POST from this site", { method: "POST", origin: `https://${host}`, host }, true],
    ["a POST from this site over plain HTTP on another port", { method: "POST", origin: `http://${host}:3000`, host }, false],
    ["a POST from another site", { method: "POST", origin: "https://evil.example", host }, false],
    ["a POST from a subdomain", { method: "POST", origin: `https://x.${host}`, host }, false],
    ["a POST with Origin null", { method: "POST", origin: "null", host }, false],
    ["a POST with a malformed Origin", { method: "POST", origin: "::", host }, false],
    ["a POST without Host", { method: "POST", origin: `https://${host}` }, false],
    ["a DELETE from another site", { method: "delete", origin: "https://evil.example", host }, false],
    [
      "a POST through a proxy",
      { method: "POST", origin: `https://${host}`, forwardedHost: `${host}, internal`, host: "127.0.0.1:3000" },
      true,
    ],
    [
      "a POST through a proxy from another site",
      { method: "POST", origin: `https://evil.example`, forwardedHost: host, host: "evil.example" },
      false,
    ],
    ["a POST without Origin from a non-browser client", { method: "POST", host }, true],
    ["a POST without Origin, same-origin", { method: "POST", host, fetchSite: "same-origin" }, true],
    ["a POST without Origin, cross-site", { method: "POST", host, fetchSite: "cross-site" }, false],
    ["a POST without Origin, same-site", { method: "POST", host, fetchSite: "same-site" }, false],
  ])("%s", (_name, request, allowed) => {
    expect(crossSiteWrite(request) === null).toBe(allowed);
  });
});
