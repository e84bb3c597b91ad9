// GET /notifications/stream pushes a user's unread count the moment their notifications
// change (PostgreSQL NOTIFY → the web process → Server-Sent Events), across two web
// processes, and only to that user; visitors get 401; a stopping server ends the stream.
// One browser keeps at most five streams open, a session's end ends its streams in every
// process, and one change costs one count query however many streams its user has open.
import { PrismaPg } from "@prisma/adapter-pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PrismaClient } from "#app/generated/prisma/client.ts";
import { getPrisma } from "#app/lib/db.server.ts";
import { closeLive } from "#app/lib/live.server.ts";
import { createSession, destroyAllSessions } from "#app/lib/session.server.ts";
import { STREAM_LIMITS } from "#app/domain/live-streams.ts";
import { loader as streamLoader } from "#app/routes/notifications.stream.ts";
import { Client } from "#tests/helpers/http.ts";
import { startWeb, testEnv, type Proc } from "#tests/helpers/processes.ts";

// This file's own Prisma client, reporting every query it sends: the stream route runs in
// this process in the last test, and its count queries are counted as PostgreSQL gets them.
const queries: { query: string; params: string }[] = [];
const counting = new PrismaClient({
  adapter: new PrismaPg({ connectionString: process.env.DATABASE_URL!, max: 10 }),
  log: [{ emit: "event", level: "query" }],
});
counting.$on("query", (e) => queries.push({ query: e.query, params: e.params }));
globalThis.__sambandPrisma = counting;

let webs: (Proc & { url: string })[] = [];
beforeAll(async () => {
  webs = await Promise.all([startWeb(testEnv()), startWeb(testEnv())]);
});
afterAll(async () => {
  await Promise.all(webs.map((w) => w.stop()));
});

/** Reads a stream as it comes: `event: unread` counts, and everything up to its end. */
function reader(res: Response) {
  expect(res.status).toBe(200);
  const body = res.body!.getReader();
  const decoder = new TextDecoder();
  let buffer = "";
  let ended = false;
  const more = async () => {
    const chunk = await body.read();
    if (chunk.done) ended = true;
    else buffer += decoder.decode(chunk.value, { stream: true });
    return !chunk.done;
  };
  const self = {
    /** The next unread count; fails if the stream ends first. */
    async next(): Promise<number> {
      for (;;) {
        const m = /event: unread\ndata: (\{[^\n]*\})\n\n/.exec(buffer);
        if (m) {
          buffer = buffer.slice(m.index + m[0].length);
          return (JSON.parse(m[1]!) as { unread: number }).unread;
        }
        if (ended || !(await more())) throw new Error(`stream ended (got ${JSON.stringify(buffer)})`);
      }
    },
    /**
     * Reads counts until this one: a stream may hear the same count more than once (a new
     * tab's count goes to all its user's streams, and so does the re-read when the process
     * starts listening).
     */
    async until(n: number): Promise<void> {
      while ((await self.next()) !== n);
    },
    /** What the stream sent after the last count read, once the server has ended it. */
    async end(): Promise<string> {
      while (!ended) await more();
      return buffer;
    },
    cancel: () => body.cancel(),
  };
  return self;
}

async function notify(userId: string, title: string) {
  await getPrisma().notification.create({ data: { userId, kind: "test", title, body: "" } });
}

async function registered(url: string, name: string, email: string) {
  const c = new Client(url);
  await c.register(name, email);
  return { client: c, id: (await getPrisma().user.findUniqueOrThrow({ where: { email } })).id };
}

/** Another browser signed in as this user: its session cookie. */
async function anotherSession(url: string, userId: string): Promise<string> {
  return (await createSession(new Request(url), userId)).split(";")[0]!;
}

const open = (url: string, cookie: string, headers: Record<string, string> = {}) =>
  fetch(`${url}/notifications/stream`, { headers: { Cookie: cookie, ...headers } });

describe("live notification counts", () => {
  it("pushes the count at once, on every change, to each of the user's pages on any web process, and not to others", async () => {
    const prisma = getPrisma();
    const { client: anna, id: annaId } = await registered(webs[0]!.url, "Anna Live", "anna-live@example.se");
    const { client: bo, id: boId } = await registered(webs[1]!.url, "Bo Live", "bo-live@example.se");

    const res = await anna.get("/notifications/stream");
    expect(res.headers.get("content-type")).toContain("text/event-stream");
    const first = reader(res);
    expect(await first.next()).toBe(0);
    const second = reader(await anna.get("/notifications/stream")); // another tab
    expect(await second.next()).toBe(0);
    const bos = reader(await bo.get("/notifications/stream"));
    expect(await bos.next()).toBe(0);

    await notify(annaId, "one");
    await first.until(1);
    await second.until(1);
    // Three at once in one transaction: the count arrives as 4 (maybe after 2 or 3).
    await prisma.notification.createMany({ data: ["a", "b", "c"].map((title) => ({ userId: annaId, kind: "test", title, body: "" })) });
    await first.until(4);
    // Marking all read (the notification centre's button) brings it to 0.
    const marked = await anna.post("/notifications", {});
    expect(marked.status).toBe(302);
    await first.until(0);

    // Bo's stream, on the other web process, heard nothing of Anna's; then his own news.
    await notify(boId, "for bo");
    await bos.until(1);
    await Promise.all([first.cancel(), second.cancel(), bos.cancel()]);
  });

  it("answers visitors with 401, and a stopping web server ends open streams instead of waiting for them", async () => {
    const visitor = await fetch(`${webs[0]!.url}/notifications/stream`);
    expect(visitor.status).toBe(401);

    const own = await startWeb(testEnv());
    const { client: c } = await registered(own.url, "Cleo Live", "cleo-live@example.se");
    const stream = reader(await c.get("/notifications/stream"));
    expect(await stream.next()).toBe(0);
    const stopped = own.stop();
    // Ended by the server, not cut off: without closeLive() shutdown would wait 10 s and
    // then destroy the socket, and the read would fail with "terminated" instead.
    await expect(stream.next()).rejects.toThrow(/^stream ended/);
    expect(await stopped).toBe(0);
  });

  it("keeps five streams per browser: a sixth tab replaces the oldest, whose page then polls; the account's other browsers keep theirs", async () => {
    const url = webs[0]!.url;
    const { client: dora, id: doraId } = await registered(url, "Dora Tabs", "dora-tabs@example.se");
    expect(STREAM_LIMITS.perSession).toBe(5);
    const tabs = [];
    for (let i = 0; i < 6; i++) {
      const tab = reader(await dora.get("/notifications/stream"));
      await tab.until(0);
      tabs.push(tab);
    }
    // The oldest was ended with the id its EventSource reconnects with, and that is refused:
    // a browser treats any answer but 200 as final, and the page falls back to polling.
    expect(await tabs[0]!.end()).toContain("id: replaced\n");
    const again = await open(url, "", { "Last-Event-ID": "replaced" });
    expect(again.status).toBe(401); // without a session: sign in first, as ever
    const cookie = await anotherSession(url, doraId);
    const refused = await open(url, cookie, { "Last-Event-ID": "replaced" });
    expect(refused.status).toBe(429);

    // Dora's phone: another session of the same account, with a stream of its own.
    const phone = reader(await open(url, cookie));
    await phone.until(0);
    await notify(doraId, "for every open tab");
    for (const tab of [...tabs.slice(1), phone]) await tab.until(1);
    await Promise.all([...tabs.slice(1), phone].map((t) => t.cancel()));
  });

  it("ends a session's streams on every web process when it signs out, and every stream when all sessions end (a password reset)", async () => {
    const { client: eva, id: evaId } = await registered(webs[0]!.url, "Eva Out", "eva-out@example.se");
    const here = reader(await eva.get("/notifications/stream"));
    await here.until(0);
    const evaCookie = eva["header"]().match(/samband_session=[^;]+/)![0];
    const there = reader(await open(webs[1]!.url, evaCookie)); // the same browser, served by the other process
    await there.until(0);
    const laptop = reader(await open(webs[1]!.url, await anotherSession(webs[1]!.url, evaId)));
    await laptop.until(0);

    expect((await eva.post("/logout", {})).status).toBe(302);
    // Both streams of the signed-out browser end, telling it not to come back for a day.
    for (const ended of [await here.end(), await there.end()]) {
      expect(ended).toContain("event: signed-out\n");
      expect(ended).toContain(`retry: ${24 * 3600 * 1000}\n`);
    }
    // The laptop is still signed in and still told.
    await notify(evaId, "still here");
    await laptop.until(1);

    // A password reset signs out everywhere (it deletes every session, as this does).
    await destroyAllSessions(evaId);
    expect(await laptop.end()).toContain("event: signed-out\n");
  });

  it("reads a user's count once per change for all their open streams", async () => {
    // The stream route runs in this process here, with its queries counted.
    const { id: finnId } = await registered(webs[0]!.url, "Finn Count", "finn-count@example.se");
    const cookie = await anotherSession("http://localhost", finnId);
    const local = async () =>
      reader(
        (await streamLoader({
          request: new Request("http://localhost/notifications/stream", { headers: { Cookie: cookie } }),
          params: {},
          context: { ip: "127.0.0.1" },
        })) as Response,
      );
    // The first stream reads its count, then opens this process's LISTEN connection, which
    // reads every count again once it listens: the second 0 says it does, and no read is
    // under way. Then one tab at a time, each waiting for its first count.
    const tabs = [await local()];
    await tabs[0]!.until(0);
    await tabs[0]!.until(0);
    while (tabs.length < STREAM_LIMITS.perSession) {
      const tab = await local();
      await tab.until(0);
      tabs.push(tab);
    }

    const isFinnsCount = (q: { query: string; params: string }) =>
      /COUNT\(/i.test(q.query) && q.query.includes('"Notification"') && q.params.includes(finnId);
    const before = queries.filter(isFinnsCount).length;
    await notify(finnId, "one change");
    for (const tab of tabs) await tab.until(1);
    expect(queries.filter(isFinnsCount).length - before).toBe(1);
    closeLive();
    for (const tab of tabs) await tab.end();
  });
});
