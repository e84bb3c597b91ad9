// The outbox: an event is a row written in the same transaction as the change that
// causes it, so a change is never without its event and an event never without its
// change (docs/decisions/0004-outbox.md). The worker process dispatches the rows to
// BullMQ; nothing is sent from a request.
import type { Prisma } from "#app/generated/prisma/client.ts";

export interface EmailPayload {
  to: string;
  subject: string;
  text: string;
}

export interface OutboxTopics {
  "email.send": EmailPayload;
  /**
   * Someone asked for a password-reset link for this address. Written for every address,
   * known or not, so the request does the same work either way; the worker issues the
   * token and the email only if an account has it.
   */
  "account.password-reset": { email: string; locale: string };
  /** These postings changed: re-read them into the search index. */
  "search.postings": { postingIds: string[] };
  /** These organizations changed (name, group, region): re-index their postings. */
  "search.organizations": { organizationIds: string[] };
  /** These people's profiles or affiliations changed: re-read their profile documents. */
  "search.people": { userIds: string[] };
  /** A consortium's members or pledges changed: re-evaluate it, announce a threshold crossing. */
  "consortium.changed": { consortiumId: string };
}

export type OutboxTopic = keyof OutboxTopics;

/** Queue each topic's jobs go to. */
export const TOPIC_QUEUE: Record<OutboxTopic, string> = { "email.send": "email", "account.password-reset": "email", "search.postings": "search", "search.organizations": "search", "search.people": "search", "consortium.changed": "consortia" };

export async function writeEvent<T extends OutboxTopic>(tx: Prisma.TransactionClient, topic: T, payload: OutboxTopics[T]): Promise<bigint> {
  const row = await tx.outboxEvent.create({ data: { topic, payload: payload as unknown as Prisma.InputJsonValue }, select: { id: true } });
  return row.id;
}

/** Several events of one topic in one statement (a threshold crossing tells many people). */
export async function writeEvents<T extends OutboxTopic>(tx: Prisma.TransactionClient, topic: T, payloads: OutboxTopics[T][]): Promise<void> {
  if (payloads.length === 0) return;
  await tx.outboxEvent.createMany({ data: payloads.map((payload) => ({ topic, payload: payload as unknown as Prisma.InputJsonValue })) });
}
