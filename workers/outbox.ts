// Moves outbox rows to their BullMQ queues, and runs each event's handler once. Runs in
// the worker process. A row is marked dispatched in the same transaction that read it,
// after BullMQ accepted the job; the job id is the row id, so a row dispatched twice (a
// crash between the two) is still one job. While Redis is down nothing is marked and the
// rows wait. A job or payload that does not fit the registry (jobs.server.ts) fails for
// good at once, with an error naming the topic and the field: retrying cannot mend it.
import { UnrecoverableError, type Job, type Queue } from "bullmq";
import type { Prisma } from "#app/generated/prisma/client.ts";
import { getPrisma } from "#app/lib/db.server.ts";
import {
  checkPayload,
  describeIssues,
  isOutboxTopic,
  outboxJobData,
  TOPICS,
  type OutboxTopic,
  type PayloadOf,
  type QueueName,
} from "#app/lib/jobs.server.ts";
import { listen, type Listener } from "#app/lib/listen.server.ts";

export const outboxJobId = (id: bigint | string) => `outbox-${id}`;

export async function dispatchOutbox(queues: Partial<Record<QueueName, Queue>>, batch = 1000): Promise<number> {
  const prisma = getPrisma();
  return prisma.$transaction(async (tx) => {
    // SKIP LOCKED: several worker processes share the outbox without waiting on each other.
    const rows = await tx.$queryRaw<{ id: bigint; topic: string }[]>`
      SELECT id, topic FROM "OutboxEvent" WHERE "dispatchedAt" IS NULL ORDER BY id LIMIT ${batch} FOR UPDATE SKIP LOCKED`;
    if (rows.length === 0) return 0;
    // One round trip per queue, not per row: a burst of thousands of changes reaches Redis quickly.
    const byQueue = new Map<Queue, typeof rows>();
    for (const row of rows) {
      const queue = isOutboxTopic(row.topic) ? queues[TOPICS[row.topic].queue] : undefined;
      if (!queue) throw new Error(`No queue for outbox topic ${row.topic}`);
      byQueue.set(queue, [...(byQueue.get(queue) ?? []), row]);
    }
    for (const [queue, list] of byQueue)
      await queue.addBulk(
        list.map((row) => ({ name: row.topic, data: { eventId: String(row.id) }, opts: { jobId: outboxJobId(row.id) } })),
      );
    await tx.outboxEvent.updateMany({ where: { id: { in: rows.map((r) => r.id) } }, data: { dispatchedAt: new Date() } });
    return rows.length;
  });
}

/** The outbox event a job on `queue` stands for; a job that is none fails for good. */
export function outboxEventOf(job: Pick<Job, "name" | "data">, queue: QueueName): { topic: OutboxTopic; eventId: string } {
  if (!isOutboxTopic(job.name) || TOPICS[job.name].queue !== queue) throw new UnrecoverableError(`Unknown ${queue} job ${job.name}`);
  const data = outboxJobData.safeParse(job.data);
  if (!data.success) throw new UnrecoverableError(`Invalid ${job.name} job: ${describeIssues(data.error)}`);
  return { topic: job.name, eventId: data.data.eventId };
}

/** The event's payload as its topic declares it; an event of another topic or a payload that does not fit fails for good. */
export function payloadOf<T extends OutboxTopic>(event: { id: bigint; topic: string; payload: unknown }, topic: T): PayloadOf<T> {
  if (event.topic !== topic) throw new UnrecoverableError(`Outbox event ${event.id} is ${event.topic}, not ${topic}`);
  const checked = checkPayload(topic, event.payload);
  if (!checked.ok) throw new UnrecoverableError(checked.error);
  return checked.payload;
}

/** Runs `fn` once for an outbox event of `topic`: returns false if it was already processed. */
export async function processOnce<T extends OutboxTopic>(
  eventId: string,
  topic: T,
  fn: (payload: PayloadOf<T>) => Promise<unknown>,
): Promise<boolean> {
  const prisma = getPrisma();
  const id = BigInt(eventId);
  const event = await prisma.outboxEvent.findUnique({ where: { id } });
  if (!event) throw new Error(`Outbox event ${eventId} does not exist`);
  if (event.processedAt) return false;
  try {
    await fn(payloadOf(event, topic));
  } catch (error) {
    await prisma.outboxEvent.update({
      where: { id },
      data: { attempts: { increment: 1 }, lastError: String(error instanceof Error ? error.message : error) },
    });
    throw error;
  }
  await prisma.outboxEvent.update({ where: { id }, data: { processedAt: new Date(), attempts: { increment: 1 }, lastError: null } });
  return true;
}

/**
 * Runs `fn` for an outbox event of `topic` in the transaction that marks it processed:
 * the work and the mark commit together or not at all. Concurrent duplicates wait on the
 * event's row and then find it done. For handlers whose work is all in PostgreSQL;
 * returns false if the event was already processed.
 */
export async function processOnceInTransaction<T extends OutboxTopic>(
  eventId: string,
  topic: T,
  fn: (tx: Prisma.TransactionClient, payload: PayloadOf<T>) => Promise<unknown>,
): Promise<boolean> {
  const prisma = getPrisma();
  const id = BigInt(eventId);
  try {
    return await prisma.$transaction(async (tx) => {
      const claimed = await tx.$queryRaw<{ topic: string; payload: unknown }[]>`
        UPDATE "OutboxEvent" SET "processedAt" = now(), attempts = attempts + 1, "lastError" = NULL
        WHERE id = ${id} AND "processedAt" IS NULL RETURNING topic, payload`;
      if (claimed.length === 0) {
        if (!(await tx.outboxEvent.findUnique({ where: { id }, select: { id: true } })))
          throw new Error(`Outbox event ${eventId} does not exist`);
        return false;
      }
      await fn(tx, payloadOf({ id, ...claimed[0]! }, topic));
      return true;
    });
  } catch (error) {
    await prisma.outboxEvent.updateMany({
      where: { id, processedAt: null },
      data: { attempts: { increment: 1 }, lastError: String(error instanceof Error ? error.message : error) },
    });
    throw error;
  }
}

/**
 * Calls `wake` whenever a transaction that wrote outbox events commits (the trigger in
 * migration 20261129000000_outbox_notify), and after each connect for events committed
 * while not listening. `listening()` says whether it is connected, so the caller polls
 * more often when not.
 */
export function listenForOutbox(wake: () => void): Listener {
  return listen("samband_outbox", { onNotify: wake, onConnect: wake });
}
