// `npm run dev` end to end: the services found as `npm start` finds them, the site served
// from the sources, a route added and then edited while it runs served at once, without
// a restart, and an open page (in Chromium) updated in place by hot module replacement. The route is a folder of its own under app/routes (git-ignored,
// removed afterwards), so no file of the app is ever edited by a test.
import { randomBytes } from "node:crypto";
import http from "node:http";
import { mkdirSync, mkdtempSync, rmSync, statSync, utimesSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { waitFor } from "#scripts/lib/proc.ts";
import { launchBrowser } from "#tests/helpers/browser.ts";
import { ROOT, runTs, testEnv, waitForOutput, type Proc } from "#tests/helpers/processes.ts";

const dataDir = mkdtempSync(path.join(os.tmpdir(), "samband-dev-"));
const probe = `dev-probe-${randomBytes(4).toString("hex")}`;
const routesDir = path.join(ROOT, "app/routes");
const probeDir = path.join(routesDir, probe);
// Adding the probe touches app/routes; its time is put back, so the next `npm test` does
// not take the app for changed and build it again.
const routesTimes = statSync(routesDir);
const running: Proc[] = [];
afterAll(async () => {
  rmSync(probeDir, { recursive: true, force: true });
  utimesSync(routesDir, routesTimes.atime, routesTimes.mtime);
  await Promise.all(running.map((p) => p.stop("SIGKILL")));
  rmSync(dataDir, { recursive: true, force: true });
});

function writeProbe(text: string) {
  mkdirSync(probeDir, { recursive: true });
  writeFileSync(path.join(probeDir, "route.tsx"), `export default function Probe() {\n  return <p>${text}</p>;\n}\n`);
}

/** The page at `url` once it contains `text`, polled: Vite picks up a file change when its watcher sees it. */
async function pageWith(url: string, text: string): Promise<string> {
  return waitFor(
    `${url} to show "${text}"`,
    async () => {
      const res = await fetch(url);
      const html = await res.text();
      return res.status === 200 && html.includes(text) ? html : undefined;
    },
    { timeoutMs: 120_000, intervalMs: 250 },
  );
}

/** The status with which the server answers a hot-update socket's opening handshake. */
function hotUpdateHandshake(url: string, token: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = http.request(`${url}/?token=${encodeURIComponent(token)}`, {
      headers: {
        Connection: "Upgrade",
        Upgrade: "websocket",
        "Sec-WebSocket-Version": "13",
        "Sec-WebSocket-Key": randomBytes(16).toString("base64"),
        "Sec-WebSocket-Protocol": "vite-hmr",
      },
    });
    req.on("upgrade", (res, socket) => {
      socket.destroy();
      resolve(res.statusCode!);
    });
    req.on("response", (res) => {
      res.resume();
      resolve(res.statusCode!);
    });
    req.on("error", reject);
    req.end();
  });
}

describe("npm run dev", () => {
  it("serves the site from the sources, and a route added and edited while it runs, without a restart; open pages update in place", async () => {
    const dev = runTs("scripts/start.ts", testEnv({ SAMBAND_DATA_DIR: dataDir, SAMBAND_SEED: "never" }), ["--dev"]);
    running.push(dev);
    const [, url] = await waitForOutput(dev, /Samband is running at (http:\/\/\S+) \(development: edits reload\)/, 180_000);
    expect(dev.output()).toMatch(/\[web\] listening on .* \(development: sources through Vite\)/);
    expect(dev.output()).not.toContain("Building the web app");

    const home = await pageWith(url!, "Find the partners for your co-produced project");
    // The page loads Remix's hot-update runtime and Vite's client, which receives the
    // updates over this server's own port.
    expect(home).toContain("virtual:remix/inject-hmr-runtime");
    const client = await (await fetch(`${url}/@vite/client`)).text();
    const token = client.match(/const wsToken = "([^"]+)"/)?.[1];
    expect(token).toBeTruthy();
    expect(await hotUpdateHandshake(url!, token!)).toBe(101);

    writeProbe("The first version of the probe");
    await pageWith(`${url}/${probe}`, "The first version of the probe");
    writeProbe("The second version of the probe");
    const edited = await pageWith(`${url}/${probe}`, "The second version of the probe");
    expect(edited).not.toContain("The first version of the probe");

    // An open page takes an edit in place, by hot module replacement: what the page
    // held before stays, and nothing the page runs is refused by the CSP or fails.
    const browser = await launchBrowser();
    try {
      const page = await browser.newPage();
      const problems: string[] = [];
      await page.exposeBinding("reportViolation", (_source, violation: string) => problems.push(`CSP: ${violation}`));
      await page.addInitScript(() => {
        const report = (window as unknown as { reportViolation: (s: string) => void }).reportViolation;
        document.addEventListener("securitypolicyviolation", (e) => report(`${e.effectiveDirective} blocked ${e.blockedURI || "inline"}`));
      });
      // The site has no favicon: the browser's own request for one is not the page's doing.
      page.on("console", (m) => m.type() === "error" && !m.location().url.endsWith("/favicon.ico") && problems.push(m.text()));
      page.on("pageerror", (e) => problems.push(e.message));
      await page.goto(`${url}/${probe}`);
      await page.getByText("The second version of the probe").waitFor();
      await page.waitForFunction(
        () =>
          (window as unknown as { __vite_plugin_react_preamble_installed__?: boolean }).__vite_plugin_react_preamble_installed__ === true,
      );
      await page.evaluate(() => ((window as unknown as { stillHere: boolean }).stillHere = true));
      writeProbe("The third version of the probe");
      await page.getByText("The third version of the probe").waitFor({ timeout: 120_000 });
      expect(await page.evaluate(() => (window as unknown as { stillHere?: boolean }).stillHere)).toBe(true);
      expect(problems).toEqual([]);
    } finally {
      await browser.close();
    }

    // Served by the process that started: no restart happened on the way.
    expect(dev.output()).not.toMatch(/\[start\] The web process .* died/);
    dev.child.kill("SIGINT");
    expect(await dev.exited).toBe(0);
    expect(dev.output()).toContain("[web] stopped");
  }, 360_000); // a cold Vite start and its first server build take minutes on a loaded machine
});
