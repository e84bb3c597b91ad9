// GET /notifications/stream pushes a user's unread count the moment their notifications
// change (PostgreSQL NOTIFY → the web process → Server-Sent Events), across two web
// processes, and only to that user; visitors get 401; a stopping server ends the stream.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getPrisma } from "../../app/lib/db.server.ts";
import { Client } from "../helpers/http.ts";
import { startWeb, testEnv, type Proc } from "../helpers/processes.ts";

let webs: (Proc & { url: string })[] = [];
beforeAll(async () => {
  webs = await Promise.all([startWeb(testEnv()), startWeb(testEnv())]);
});
afterAll(async () => {
  await Promise.all(webs.map((w) => w.stop()));
});

/** Reads `event: unread` messages from a stream as they come. */
function reader(res: Response) {
  const body = res.body!.getReader();
  const decoder = new TextDecoder();
  let buffer = "";
  return {
    async next(timeoutMs = 10_000): Promise<number> {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const m = /event: unread\ndata: (\{[^\n]*\})\n\n/.exec(buffer);
        if (m) {
          buffer = buffer.slice(m.index + m[0].length);
          return (JSON.parse(m[1]!) as { unread: number }).unread;
        }
        const left = deadline - Date.now();
        if (left <= 0) throw new Error(`no unread event within ${timeoutMs} ms (got ${JSON.stringify(buffer)})`);
        const chunk = await Promise.race([body.read(), new Promise<null>((r) => setTimeout(() => r(null), left))]);
        if (chunk === null) continue;
        if (chunk.done) throw new Error(`stream ended (got ${JSON.stringify(buffer)})`);
        buffer += decoder.decode(chunk.value, { stream: true });
      }
    },
    cancel: () => body.cancel(),
  };
}

async function notify(userId: string, title: string) {
  await getPrisma().notification.create({ data: { userId, kind: "test", title, body: "" } });
}

describe("live notification counts", () => {
  it("pushes the count at once, on every change, to each of the user's pages on any web process, and not to others", async () => {
    const prisma = getPrisma();
    const anna = new Client(webs[0]!.url);
    await anna.register("Anna Live", "anna-live@example.se");
    const annaId = (await prisma.user.findUniqueOrThrow({ where: { email: "anna-live@example.se" } })).id;
    const bo = new Client(webs[1]!.url);
    await bo.register("Bo Live", "bo-live@example.se");
    const boId = (await prisma.user.findUniqueOrThrow({ where: { email: "bo-live@example.se" } })).id;

    const res = await anna.get("/notifications/stream");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("text/event-stream");
    const first = reader(res);
    const second = reader(await anna.get("/notifications/stream")); // another tab
    const bos = reader(await bo.get("/notifications/stream"));
    expect(await first.next()).toBe(0);
    expect(await second.next()).toBe(0);
    expect(await bos.next()).toBe(0);

    await notify(annaId, "one");
    expect(await first.next()).toBe(1);
    expect(await second.next()).toBe(1);
    // Three at once in one transaction: the count arrives as 4 (maybe after 2 or 3).
    await prisma.notification.createMany({ data: ["a", "b", "c"].map((title) => ({ userId: annaId, kind: "test", title, body: "" })) });
    let n = await first.next();
    while (n < 4) n = await first.next();
    expect(n).toBe(4);
    // Marking all read (the notification centre's button) brings it to 0.
    const marked = await anna.post("/notifications", {});
    expect(marked.status).toBe(302);
    n = await first.next();
    while (n !== 0) n = await first.next();

    // Bo's stream, on the other web process, heard nothing of Anna's; then his own news.
    await notify(boId, "for bo");
    expect(await bos.next()).toBe(1);
    await Promise.all([first.cancel(), second.cancel(), bos.cancel()]);
  });

  it("answers visitors with 401, and a stopping web server ends open streams instead of waiting for them", async () => {
    const visitor = await fetch(`${webs[0]!.url}/notifications/stream`);
    expect(visitor.status).toBe(401);

    const own = await startWeb(testEnv());
    const c = new Client(own.url);
    await c.register("Cleo Live", "cleo-live@example.se");
    const stream = reader(await c.get("/notifications/stream"));
    expect(await stream.next()).toBe(0);
    const stopped = own.stop();
    // Ended by the server, not cut off: without closeLive() shutdown would wait 10 s and
    // then destroy the socket, and the read would fail with "terminated" instead.
    await expect(stream.next(20_000)).rejects.toThrow(/^stream ended/);
    expect(await stopped).toBe(0);
  });
});
