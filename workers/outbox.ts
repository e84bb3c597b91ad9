// Moves outbox rows to their BullMQ queues. Runs in the worker process. A row is
// marked dispatched in the same transaction that read it, after BullMQ accepted the
// job; the job id is the row id, so a row dispatched twice (a crash between the two)
// is still one job. While Redis is down nothing is marked and the rows wait.
import type { Queue } from "bullmq";
import { getPrisma } from "../app/lib/db.server.ts";
import { TOPIC_QUEUE, type OutboxTopic } from "../app/lib/outbox.server.ts";

export const outboxJobId = (id: bigint | string) => `outbox-${id}`;

export async function dispatchOutbox(queues: Record<string, Queue>, batch = 1000): Promise<number> {
  const prisma = getPrisma();
  return prisma.$transaction(async (tx) => {
    // SKIP LOCKED: several worker processes share the outbox without waiting on each other.
    const rows = await tx.$queryRaw<{ id: bigint; topic: string }[]>`
      SELECT id, topic FROM "OutboxEvent" WHERE "dispatchedAt" IS NULL ORDER BY id LIMIT ${batch} FOR UPDATE SKIP LOCKED`;
    if (rows.length === 0) return 0;
    // One round trip per queue, not per row: a burst of thousands of changes reaches Redis quickly.
    const byQueue = new Map<Queue, typeof rows>();
    for (const row of rows) {
      const queue = queues[TOPIC_QUEUE[row.topic as OutboxTopic]];
      if (!queue) throw new Error(`No queue for outbox topic ${row.topic}`);
      byQueue.set(queue, [...(byQueue.get(queue) ?? []), row]);
    }
    for (const [queue, list] of byQueue) await queue.addBulk(list.map((row) => ({ name: row.topic, data: { eventId: String(row.id) }, opts: { jobId: outboxJobId(row.id) } })));
    await tx.outboxEvent.updateMany({ where: { id: { in: rows.map((r) => r.id) } }, data: { dispatchedAt: new Date() } });
    return rows.length;
  });
}

/** Runs `fn` once for an outbox event: returns false if it was already processed. */
export async function processOnce(eventId: string, fn: (payload: unknown) => Promise<void>): Promise<boolean> {
  const prisma = getPrisma();
  const id = BigInt(eventId);
  const event = await prisma.outboxEvent.findUnique({ where: { id } });
  if (!event) throw new Error(`Outbox event ${eventId} does not exist`);
  if (event.processedAt) return false;
  try {
    await fn(event.payload);
  } catch (error) {
    await prisma.outboxEvent.update({ where: { id }, data: { attempts: { increment: 1 }, lastError: String(error instanceof Error ? error.message : error) } });
    throw error;
  }
  await prisma.outboxEvent.update({ where: { id }, data: { processedAt: new Date(), attempts: { increment: 1 }, lastError: null } });
  return true;
}
