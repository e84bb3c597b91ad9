// The outbox: an event is a row written in the same transaction as the change that
// causes it, so a change is never without its event and an event never without its
// change (docs/decisions/0004-outbox.md). The worker process dispatches the rows to
// BullMQ; nothing is sent from a request. Topics and their payloads are declared in
// jobs.server.ts; a payload that does not fit its topic is refused here, so the change
// that wrote it fails instead of a job later.
import type { Prisma } from "#app/generated/prisma/client.ts";
import { parsePayload, type OutboxTopic, type PayloadOf } from "#app/lib/jobs.server.ts";

export async function writeEvent<T extends OutboxTopic>(tx: Prisma.TransactionClient, topic: T, payload: PayloadOf<T>): Promise<bigint> {
  const row = await tx.outboxEvent.create({
    data: { topic, payload: parsePayload(topic, payload) as Prisma.InputJsonValue },
    select: { id: true },
  });
  return row.id;
}

/** Several events of one topic in one statement (a threshold crossing tells many people). */
export async function writeEvents<T extends OutboxTopic>(tx: Prisma.TransactionClient, topic: T, payloads: PayloadOf<T>[]): Promise<void> {
  if (payloads.length === 0) return;
  await tx.outboxEvent.createMany({
    data: payloads.map((payload) => ({ topic, payload: parsePayload(topic, payload) as Prisma.InputJsonValue })),
  });
}
