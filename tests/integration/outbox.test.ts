// Outbox → BullMQ → email, with the real worker process, real Redis and a real SMTP server.
import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import type { Prisma } from "#app/generated/prisma/client.ts";
import { getPrisma } from "#app/lib/db.server.ts";
import { writeEvent } from "#app/lib/outbox.server.ts";
import { redisConnection } from "#app/lib/redis.server.ts";
import { waitFor } from "#scripts/lib/proc.ts";
import { dispatchOutbox, listenForOutbox, processOnce, processOnceInTransaction } from "#workers/outbox.ts";
import { makeQueue } from "#app/lib/queues.server.ts";
import { startWorker, testEnv, waitForOutput, type Proc } from "#tests/helpers/processes.ts";
import { startMailCatcher } from "#scripts/lib/mail-catcher.ts";
import { mailsTo } from "#tests/helpers/mail.ts";
import { killOwnRedis, ownRedis } from "#tests/helpers/redis.ts";

const running: Proc[] = [];
afterAll(async () => {
  await Promise.all(running.map((p) => p.stop()));
  killOwnRedis();
});

async function queueEmail(to: string) {
  return getPrisma().$transaction((tx) => writeEvent(tx, "email.send", { to, subject: `Hello ${to}`, text: "Body text" }));
}

describe("outbox", () => {
  it("delivers an email written in a transaction exactly once, and nothing for a rolled-back one", async () => {
    await expect(
      getPrisma().$transaction(async (tx) => {
        await writeEvent(tx, "email.send", { to: "rolled@back.se", subject: "x", text: "x" });
        throw new Error("the change failed");
      }),
    ).rejects.toThrow("the change failed");

    const id = await queueEmail("anna@example.se");
    const worker = await startWorker(testEnv());
    running.push(worker);
    await waitFor("the email", async () => (await mailsTo("anna@example.se")).length === 1);
    const [mail] = await mailsTo("anna@example.se");
    expect(mail).toMatchObject({ subject: "Hello anna@example.se", text: "Body text\n", messageId: `<outbox-${id}@samband>` });
    // The SMTP server has the mail a moment before the worker records the event as handled.
    const event = await waitFor("the event marked handled", async () => {
      const e = await getPrisma().outboxEvent.findUniqueOrThrow({ where: { id } });
      return e.processedAt ? e : undefined;
    });
    expect(event.dispatchedAt).not.toBeNull();
    expect(await getPrisma().outboxEvent.count()).toBe(1); // the rolled-back event never existed
    await worker.stop();
  });

  it("a row dispatched twice is one job, and a handled event is not handled again", async () => {
    const id = await queueEmail("twice@example.se");
    const queue = makeQueue("email", redisConnection("worker"));
    try {
      expect(await dispatchOutbox({ email: queue })).toBe(1);
      await getPrisma().outboxEvent.update({ where: { id }, data: { dispatchedAt: null } }); // as if the commit was lost
      expect(await dispatchOutbox({ email: queue })).toBe(1);
      expect(await queue.getJobCounts("waiting")).toEqual({ waiting: 1 });
    } finally {
      await queue.obliterate({ force: true });
      await queue.close();
    }
    let calls = 0;
    expect(await processOnce(String(id), "email.send", async () => void calls++)).toBe(true);
    expect(await processOnce(String(id), "email.send", async () => void calls++)).toBe(false);
    expect(calls).toBe(1);
  });

  it("keeps events while Redis is down and delivers them once it is back", async () => {
    const redis = await ownRedis();
    const worker = await startWorker(testEnv({ REDIS_URL: redis.url }));
    running.push(worker);

    await redis.kill();
    const id = await queueEmail("outage@example.se");
    // A dispatch round that holds the event fails (the first failure is always logged):
    // the event must stay in the outbox, neither lost nor marked as dispatched.
    await waitForOutput(worker, /outbox dispatch failed, will retry/);
    const waiting = await getPrisma().outboxEvent.findUniqueOrThrow({ where: { id } });
    expect(waiting.dispatchedAt).toBeNull();
    expect(await mailsTo("outage@example.se")).toEqual([]);

    await redis.start();
    await waitFor("the email after Redis returned", async () => (await mailsTo("outage@example.se")).length === 1, { timeoutMs: 60_000 });
    // Once the event is recorded as handled no job can send it again: the count is final.
    await waitFor(
      "the event recorded as handled",
      async () => (await getPrisma().outboxEvent.findUniqueOrThrow({ where: { id } })).processedAt !== null,
    );
    expect(await mailsTo("outage@example.se")).toHaveLength(1);
    await worker.stop();
  });

  it("sends through SMTP with retries: a refused message and a mail server that was down are each delivered once", async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "samband-catcher-"));
    const catcher = await startMailCatcher(dir);
    const port = catcher.port;
    catcher.refuseNext(1); // 451: try again later
    const worker = await startWorker(testEnv({ SMTP_URL: catcher.url, SAMBAND_MAIL_DIR: dir }));
    running.push(worker);
    const inDir = () => readdirSync(dir).map((f) => readFileSync(path.join(dir, f), "utf8"));
    const refused = await queueEmail("refused@example.se");
    // The catcher writes the file before the worker records the attempt: wait for both.
    const handled = async () => (await getPrisma().outboxEvent.findUniqueOrThrow({ where: { id: refused } })).processedAt !== null;
    await waitFor("the refused email, retried", async () => inDir().some((m) => m.includes("refused@example.se")) && (await handled()), {
      timeoutMs: 30_000,
    });
    expect((await getPrisma().outboxEvent.findUniqueOrThrow({ where: { id: refused } })).attempts).toBe(2);

    await catcher.stop();
    const id = await queueEmail("server-down@example.se");
    await waitFor(
      "a failed attempt",
      async () => ((await getPrisma().outboxEvent.findUniqueOrThrow({ where: { id } })).lastError ?? "").length > 0,
      { timeoutMs: 30_000 },
    );
    const again = await startMailCatcher(dir, { port });
    try {
      await waitFor("the email once the server is back", async () => inDir().some((m) => m.includes("server-down@example.se")), {
        timeoutMs: 60_000,
      });
      expect(inDir().filter((m) => m.includes("server-down@example.se") || m.includes("refused@example.se"))).toHaveLength(2);
    } finally {
      await worker.stop();
      await again.stop();
    }
  });

  it("a handler in the event's own transaction runs once, even for simultaneous duplicates, and a failure undoes its work", async () => {
    const prisma = getPrisma();
    const id = await queueEmail("in-tx@example.se");
    const handler = async (tx: Prisma.TransactionClient) => {
      await tx.notification.create({ data: { userId: (await someUser()).id, kind: "test", title: "handled", body: "" } });
    };
    const results = await Promise.all([0, 1, 2].map(() => processOnceInTransaction(String(id), "email.send", handler)));
    expect(results.filter(Boolean)).toHaveLength(1);
    expect(await prisma.notification.count({ where: { title: "handled" } })).toBe(1);

    const failing = await queueEmail("fails@example.se");
    await expect(
      processOnceInTransaction(String(failing), "email.send", async (tx) => {
        await tx.notification.create({ data: { userId: (await someUser()).id, kind: "test", title: "half-done", body: "" } });
        throw new Error("handler broke");
      }),
    ).rejects.toThrow("handler broke");
    expect(await prisma.notification.count({ where: { title: "half-done" } })).toBe(0);
    const event = await prisma.outboxEvent.findUniqueOrThrow({ where: { id: failing } });
    expect(event).toMatchObject({ processedAt: null, attempts: 1, lastError: "handler broke" });
    await expect(processOnceInTransaction("999999999", "email.send", handler)).rejects.toThrow("does not exist");
  });

  it("wakes the dispatcher when a transaction that wrote events commits, not when it rolls back", async () => {
    let wakes = 0;
    const listener = listenForOutbox(() => void wakes++);
    try {
      await waitFor("the listener", async () => listener.listening());
      await new Promise((r) => setTimeout(r, 200));
      const before = wakes;
      await expect(
        getPrisma().$transaction(async (tx) => {
          await writeEvent(tx, "email.send", { to: "rolled@back.se", subject: "x", text: "x" });
          throw new Error("rolled back");
        }),
      ).rejects.toThrow();
      await new Promise((r) => setTimeout(r, 300));
      expect(wakes).toBe(before);
      await queueEmail("wake@example.se");
      await waitFor("a wake-up", async () => wakes > before, { timeoutMs: 5000 });
    } finally {
      await listener.stop();
    }
  });
});

async function someUser() {
  const prisma = getPrisma();
  return (
    (await prisma.user.findFirst()) ??
    prisma.user.create({ data: { name: "Outbox Tester", email: "outbox-tester@example.se", role: "researcher" } })
  );
}
