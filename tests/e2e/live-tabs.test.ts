// Many tabs of one browser, in a real Chromium: the newest five get their unread count
// pushed, the oldest falls back to asking for it (and stops reconnecting), every tab
// shows a new notification; signing out in one tab ends the others' streams.
import type { Browser, Page, Response } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { STREAM_LIMITS } from "#app/domain/live-streams.ts";
import { getPrisma } from "#app/lib/db.server.ts";
import { launchBrowser, registerInBrowser } from "#tests/helpers/browser.ts";
import { startWeb, testEnv, type Proc } from "#tests/helpers/processes.ts";

let web: Proc & { url: string };
let browser: Browser;
beforeAll(async () => {
  web = await startWeb(testEnv());
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await web?.stop();
});

const isStream = (r: { url: () => string }) => new URL(r.url()).pathname === "/notifications/stream";
const isPoll = (r: { url: () => string }) => new URL(r.url()).pathname === "/notifications/count";

describe("live counts in many tabs", () => {
  it("keeps the newest tabs live, lets the oldest poll, and updates every tab", async () => {
    const context = await browser.newContext({ locale: "en-GB" });
    // Registering ends on a signed-in page with a stream of its own: wait until it is open,
    // then close that page, so the six tabs below are the session's only streams.
    const registering = await context.newPage();
    const registeredStream = registering.waitForResponse((r) => isStream(r) && r.status() === 200);
    await registerInBrowser(registering, web.url, "Tilda Tabs", "tilda-tabs@example.se", "researcher", "");
    await registeredStream;
    await registering.close();
    const first = await context.newPage();
    const userId = (await getPrisma().user.findUniqueOrThrow({ where: { email: "tilda-tabs@example.se" } })).id;

    // Each tab's requests, and its stream's answer once it is open.
    const tabs: { page: Page; streams: number[]; polls: number; stream: Response }[] = [];
    const track = async (page: Page, load: () => Promise<unknown>) => {
      const tab = { page, streams: [] as number[], polls: 0, stream: undefined as unknown as Response };
      page.on("response", (r) => isStream(r) && tab.streams.push(r.status()));
      page.on("request", (r) => isPoll(r) && tab.polls++);
      const opened = page.waitForResponse((r) => isStream(r) && r.status() === 200);
      await load();
      tab.stream = await opened;
      tabs.push(tab);
    };
    await track(first, () => first.goto(`${web.url}/`));
    for (let i = 1; i <= STREAM_LIMITS.perSession; i++) {
      const page = await context.newPage();
      await track(page, () => page.goto(`${web.url}/`));
    }

    // The first tab's stream was replaced by the sixth; it asked again once, was refused,
    // and now polls the count.
    await tabs[0]!.stream.finished();
    await tabs[0]!.page.waitForRequest(isPoll);
    expect(tabs[0]!.streams).toEqual([200, 429]);

    await getPrisma().notification.create({ data: { userId, kind: "test", title: "For every tab", body: "" } });
    for (const tab of tabs) await tab.page.locator(".notifications-link", { hasText: "Notifications (1 unread)" }).waitFor();
    // The five newest heard it on their one stream, without asking.
    for (const tab of tabs.slice(1)) expect([tab.streams, tab.polls]).toEqual([[200], 0]);

    // Signing out in the newest tab ends the other tabs' streams.
    const last = tabs.at(-1)!;
    await last.page.getByRole("button", { name: "Sign out" }).click();
    await last.page.getByRole("link", { name: "Sign in" }).waitFor();
    for (const tab of tabs.slice(1, -1)) await tab.stream.finished();
    await context.close();
    // Six tabs, reconnects and a polling tab: minutes, not seconds, on a loaded machine.
  }, 240_000);
});
