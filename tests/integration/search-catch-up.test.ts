// The search catch-up: a change whose indexing job ran out of retries while Meilisearch was
// down waits in the outbox, and the worker's periodic catch-up brings the index back in
// line once Meilisearch is back, with nothing else changing.
import net from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getPrisma } from "#app/lib/db.server.ts";
import { writeEvent } from "#app/lib/outbox.server.ts";
import { maintenanceQueue, makeQueue } from "#app/lib/queues.server.ts";
import { redisConnection } from "#app/lib/redis.server.ts";
import { waitFor } from "#scripts/lib/proc.ts";
import { applySearchSettings } from "#search/setup.server.ts";
import { postingsIndex } from "#search/sync.server.ts";
import { outboxJobId } from "#workers/outbox.ts";
import { startWorker, testEnv, type Proc } from "#tests/helpers/processes.ts";
import { documentOrNone } from "#tests/helpers/search-docs.ts";

const running: Proc[] = [];
beforeAll(async () => {
  await applySearchSettings();
});
afterAll(async () => {
  await Promise.all(running.map((p) => p.stop()));
});

/** An address where nothing listens: Meilisearch down. */
async function deadUrl(): Promise<string> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return `http://127.0.0.1:${port}`;
}

describe("search catch-up", () => {
  it("indexes a change whose job failed for good during an outage, once Meilisearch is back", async () => {
    const prisma = getPrisma();
    const org = await prisma.organization.create({ data: { name: "Catch-up Robotics AB", kind: "company" } });
    const posting = await prisma.posting.create({
      data: {
        ref: "catch-up-1",
        kind: "competence",
        title: "Gripper design for soft fruit",
        description: "d",
        keywords: ["grippers"],
        subjects: ["20205"],
        language: "en",
        organizationId: org.id,
        expiresAt: new Date(Date.now() + 86400_000 * 300),
      },
    });
    // The change's event, already handed to BullMQ as a job with a single attempt: an outage
    // that outlasts every retry, without waiting through eight backoffs.
    const eventId = await prisma.$transaction(async (tx) => {
      const id = await writeEvent(tx, "search.postings", { postingIds: [posting.id] });
      await tx.outboxEvent.update({ where: { id }, data: { dispatchedAt: new Date() } });
      return id;
    });
    const search = makeQueue("search", redisConnection("worker"));
    const maintenance = maintenanceQueue();
    try {
      const down = await startWorker(testEnv({ MEILI_URL: await deadUrl(), SAMBAND_WORKER_QUEUES: "search" }));
      running.push(down);
      const jobId = outboxJobId(eventId);
      await search.add("search.postings", { eventId: String(eventId) }, { jobId, attempts: 1 });
      await waitFor("the indexing job failed for good", async () => (await search.getJobState(jobId)) === "failed", { timeoutMs: 60_000 });
      await down.stop();
      expect((await prisma.outboxEvent.findUniqueOrThrow({ where: { id: eventId } })).processedAt).toBeNull();
      expect(await documentOrNone(postingsIndex(), posting.id)).toBeUndefined();

      // Meilisearch is back. The worker schedules the catch-up every minute (its first run
      // may come at once); a run is also added here so the test need not wait the minute.
      running.push(await startWorker(testEnv()));
      const scheduler = await waitFor("the catch-up scheduled", async () =>
        (await maintenance.getJobSchedulers()).find((s) => s.name === "search-catch-up"),
      );
      expect(Number(scheduler.every)).toBeLessThanOrEqual(60_000);
      await maintenance.add("search-catch-up", {});
      await waitFor("the change in the index", async () => (await documentOrNone(postingsIndex(), posting.id)) !== undefined, {
        timeoutMs: 60_000,
      });

      expect(await documentOrNone(postingsIndex(), posting.id)).toMatchObject({
        title: "Gripper design for soft fruit",
        organizationName: "Catch-up Robotics AB",
      });
      await waitFor(
        "the event recorded as handled",
        async () => (await prisma.outboxEvent.findUniqueOrThrow({ where: { id: eventId } })).processedAt !== null,
      );
      expect(await search.getJobState(jobId)).toBe("failed"); // the failed job was not run again: the catch-up did it
    } finally {
      await Promise.all([search.close(), maintenance.close()]);
    }
  }, 180_000);
});
