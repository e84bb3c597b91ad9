// Background work in one place: the BullMQ queues with their retry and worker settings,
// the scheduled maintenance jobs, and the outbox topics with the queue each goes to and
// the shape of its payload. The configuration (which queues a worker may serve), the
// outbox (what may be written), the worker process (what runs where, and how) and the
// administrators' queue page all read this module, so a new queue or topic is added here
// and nowhere else. It imports nothing of ours but the domain, so config.server.ts can
// read the queue names from it.
import { z } from "zod";
import { LOCALES, type Locale } from "#app/i18n/index.ts";

// Eight attempts over about four minutes ride out a mail server or Meilisearch restart;
// jobs that still fail stay visible on /admin/queues for an administrator to retry.
const RETRY = { attempts: 8, backoff: { type: "exponential", delay: 2000 } } as const;

export interface QueueSpec {
  retry: { attempts: number; backoff: { type: "exponential" | "fixed"; delay: number } };
  /** BullMQ worker options that differ from the process's defaults. */
  worker: { concurrency?: number; lockDuration?: number; stalledInterval?: number };
}

export const QUEUES = {
  maintenance: { retry: RETRY, worker: {} },
  email: { retry: RETRY, worker: {} },
  // One at a time: each job indexes every pending change, so parallel jobs would only
  // wait on each other's locks.
  search: { retry: RETRY, worker: { concurrency: 1 } },
  // Short jobs, so a short lock: if a worker dies mid-job, another takes the job over
  // within about 15 s instead of BullMQ's default of up to a minute.
  consortia: { retry: RETRY, worker: { lockDuration: 10_000, stalledInterval: 5_000 } },
} as const satisfies Record<string, QueueSpec>;

export type QueueName = keyof typeof QUEUES;
export const QUEUE_NAMES = Object.keys(QUEUES) as [QueueName, ...QueueName[]];

export function isQueueName(value: unknown): value is QueueName {
  return typeof value === "string" && Object.hasOwn(QUEUES, value);
}

const HOUR = 3600_000;

/**
 * Repeating jobs on the maintenance queue, with how often each runs. They carry no data:
 * each job looks at the database for its work.
 */
export const MAINTENANCE_JOBS = {
  "prune-heartbeats": { every: HOUR },
  "expiry-reminders": { every: HOUR },
  // Days left change at midnight; an hourly scan reminds within the hour (workers/deadlines.ts).
  "deadline-reminders": { every: HOUR },
  // A first message unanswered for five working days: one reminder (workers/conversation-reminders.ts).
  "conversation-reminders": { every: HOUR },
  "saved-search-alerts": { every: HOUR },
  // Search events whose job ran out of retries (Meilisearch down for long) wait in the
  // outbox; this picks them up once it is back, even if nothing else changes.
  "search-catch-up": { every: 60_000 },
} as const satisfies Record<string, { every: number }>;

export type MaintenanceJob = keyof typeof MAINTENANCE_JOBS;

export function isMaintenanceJob(value: unknown): value is MaintenanceJob {
  return typeof value === "string" && Object.hasOwn(MAINTENANCE_JOBS, value);
}

/** What a maintenance job carries: nothing. */
export const maintenanceData = z.object({}).strict();

// A wrong type keeps zod's own message ("expected string, received number").
const id = z.guid({ error: (issue) => (issue.code === "invalid_format" ? "must be an id" : undefined) });
// One address, no spaces or line breaks: the field becomes a mail header.
const address = z
  .string()
  .max(254)
  .regex(/^[^\s@]+@[^\s@]+$/, "must be one email address");
const locale = z.enum(LOCALES as [Locale, ...Locale[]]);

/** Outbox topics: the queue that carries each, and its payload. */
export const TOPICS = {
  "email.send": { queue: "email", payload: z.object({ to: address, subject: z.string(), text: z.string() }) },
  /**
   * Someone asked for a password-reset link for this address. Written for every address,
   * known or not, so the request does the same work either way; the worker issues the
   * token and the email only if an account has it.
   */
  "account.password-reset": { queue: "email", payload: z.object({ email: address, locale }) },
  /** These postings changed: re-read them into the search index. */
  "search.postings": { queue: "search", payload: z.object({ postingIds: z.array(id) }) },
  /** These organizations changed (name, group, region): re-index their postings. */
  "search.organizations": { queue: "search", payload: z.object({ organizationIds: z.array(id) }) },
  /** These people's profiles or affiliations changed: re-read their profile documents. */
  "search.people": { queue: "search", payload: z.object({ userIds: z.array(id) }) },
  /** A consortium's members or pledges changed: re-evaluate it, announce a threshold crossing. */
  "consortium.changed": { queue: "consortia", payload: z.object({ consortiumId: id }) },
} as const satisfies Record<string, { queue: QueueName; payload: z.ZodType }>;

export type OutboxTopic = keyof typeof TOPICS;
export type PayloadOf<T extends OutboxTopic> = z.output<(typeof TOPICS)[T]["payload"]>;
export type EmailPayload = PayloadOf<"email.send">;

export function isOutboxTopic(value: unknown): value is OutboxTopic {
  return typeof value === "string" && Object.hasOwn(TOPICS, value);
}

/** The topics a queue carries. */
export function topicsOf(queue: QueueName): OutboxTopic[] {
  return (Object.keys(TOPICS) as OutboxTopic[]).filter((t) => TOPICS[t].queue === queue);
}

/** The queues outbox events go to, which the dispatcher hands jobs to. */
export const OUTBOX_QUEUES: QueueName[] = [...new Set(Object.values(TOPICS).map((t) => t.queue))];

/** What BullMQ carries for an outbox event: only its row's id; the payload stays in PostgreSQL. */
export const outboxJobData = z.object({ eventId: z.string().regex(/^\d{1,19}$/, "must be an outbox event id") });

/** "to: must be one email address; subject: …", each problem with the field it is in. */
export function describeIssues(error: z.ZodError): string {
  return error.issues.map((i) => `${i.path.length ? i.path.join(".") : "(whole payload)"}: ${i.message}`).join("; ");
}

export type Checked<T> = { ok: true; payload: T } | { ok: false; error: string };

/** Checks an outbox payload against its topic's schema; the error names the topic and the field. */
export function checkPayload<T extends OutboxTopic>(topic: T, value: unknown): Checked<PayloadOf<T>> {
  const result = TOPICS[topic].payload.safeParse(value);
  if (result.success) return { ok: true, payload: result.data as PayloadOf<T> };
  return { ok: false, error: `Invalid ${topic} payload: ${describeIssues(result.error)}` };
}

/** The payload, or an error naming the topic and the field (for code that writes events). */
export function parsePayload<T extends OutboxTopic>(topic: T, value: unknown): PayloadOf<T> {
  const checked = checkPayload(topic, value);
  if (!checked.ok) throw new Error(checked.error);
  return checked.payload;
}
