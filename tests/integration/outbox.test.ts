// Outbox → BullMQ → email, with the real worker process and real Redis.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../app/lib/config.server.ts";
import { getPrisma } from "../../app/lib/db.server.ts";
import { writeEvent } from "../../app/lib/outbox.server.ts";
import { redisConnection } from "../../app/lib/redis.server.ts";
import { waitFor } from "../../scripts/lib/proc.ts";
import { dispatchOutbox, processOnce } from "../../workers/outbox.ts";
import { makeQueue, QUEUES } from "../../workers/queues.ts";
import { startWorker, testEnv, type Proc } from "../helpers/processes.ts";
import { killOwnRedis, ownRedis } from "../helpers/redis.ts";

const running: Proc[] = [];
afterAll(async () => {
  await Promise.all(running.map((p) => p.stop()));
  killOwnRedis();
});

const mails = () => {
  const dir = loadConfig().mailDir;
  return existsSync(dir) ? readdirSync(dir).map((f) => readFileSync(path.join(dir, f), "utf8")) : [];
};
const mailsTo = (to: string) => mails().filter((m) => m.includes(`To: ${to}`));

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
    await waitFor("the email", async () => mailsTo("anna@example.se").length === 1);
    const [mail] = mailsTo("anna@example.se");
    expect(mail).toContain("Subject: Hello anna@example.se");
    expect(mail).toContain(`Message-ID: <outbox-${id}@samband>`);
    const event = await getPrisma().outboxEvent.findUniqueOrThrow({ where: { id } });
    expect(event.dispatchedAt).not.toBeNull();
    expect(event.processedAt).not.toBeNull();
    expect(await getPrisma().outboxEvent.count()).toBe(1); // the rolled-back event never existed
    await worker.stop();
  });

  it("a row dispatched twice is one job, and a handled event is not handled again", async () => {
    const id = await queueEmail("twice@example.se");
    const queue = makeQueue(QUEUES.email, redisConnection("worker"));
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
    expect(await processOnce(String(id), async () => void calls++)).toBe(true);
    expect(await processOnce(String(id), async () => void calls++)).toBe(false);
    expect(calls).toBe(1);
  });

  it("keeps events while Redis is down and delivers them once it is back", async () => {
    const redis = await ownRedis();
    const worker = await startWorker(testEnv({ REDIS_URL: redis.url }));
    running.push(worker);

    await redis.kill();
    const id = await queueEmail("outage@example.se");
    // Give the dispatcher several rounds: it must not lose or mark the event.
    await new Promise((r) => setTimeout(r, 1500));
    const waiting = await getPrisma().outboxEvent.findUniqueOrThrow({ where: { id } });
    expect(waiting.dispatchedAt).toBeNull();
    expect(mailsTo("outage@example.se")).toEqual([]);

    await redis.start();
    await waitFor("the email after Redis returned", async () => mailsTo("outage@example.se").length === 1, { timeoutMs: 60_000 });
    await new Promise((r) => setTimeout(r, 500));
    expect(mailsTo("outage@example.se")).toHaveLength(1);
    await worker.stop();
  });
});
