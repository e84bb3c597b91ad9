// What the background work is doing, for administrators (/admin/queues): each BullMQ
// queue's counts, the jobs that failed or are waiting to be retried with their error,
// and the outbox rows not yet handed to BullMQ or not yet handled. Read from Redis and
// PostgreSQL separately, so one being down still shows the other.
import type { Job, Queue } from "bullmq";
import { getPrisma } from "#app/lib/db.server.ts";
import { MAINTENANCE_JOBS, QUEUE_NAMES, topicsOf, type QueueName } from "#app/lib/jobs.server.ts";
import { makeQueue } from "#app/lib/queues.server.ts";

/** BullMQ job ids we create: outbox-<n>, repeat:<…> for schedulers, or a plain number. */
export function isJobId(value: unknown): value is string {
  return typeof value === "string" && /^[\w:.-]{1,200}$/.test(value);
}

const SHOWN = 50;

let queues: Map<QueueName, Queue> | undefined;
function queue(name: QueueName): Queue {
  queues ??= new Map();
  let q = queues.get(name);
  if (!q) queues.set(name, (q = makeQueue(name)));
  return q;
}

export interface JobRow {
  id: string;
  name: string;
  state: "failed" | "retrying";
  attemptsMade: number;
  attempts: number;
  error: string;
  at: string | null;
  /** When a retrying job runs next. */
  nextAt: string | null;
}

export interface QueueRow {
  name: QueueName;
  /** The kinds of job it carries: outbox topics, or the maintenance jobs. */
  carries: string[];
  counts: Record<"waiting" | "active" | "delayed" | "failed" | "completed", number>;
  jobs: JobRow[];
}

function jobRow(job: Job, state: JobRow["state"]): JobRow {
  const at = job.finishedOn ?? job.processedOn ?? job.timestamp;
  return {
    id: String(job.id),
    name: job.name,
    state,
    attemptsMade: job.attemptsMade,
    attempts: job.opts.attempts ?? 1,
    error: job.failedReason ?? "",
    at: at ? new Date(at).toISOString() : null,
    nextAt: state === "retrying" ? new Date(job.timestamp + (job.delay ?? 0)).toISOString() : null,
  };
}

const carries = (name: QueueName): string[] => (name === "maintenance" ? Object.keys(MAINTENANCE_JOBS) : topicsOf(name));

export async function queueOverview(): Promise<{ queues: QueueRow[] | null; redisError?: string }> {
  try {
    const rows = await Promise.all(
      QUEUE_NAMES.map(async (name) => {
        const q = queue(name);
        const counts = (await q.getJobCounts("waiting", "active", "delayed", "failed", "completed")) as QueueRow["counts"];
        const [failed, delayed] = await Promise.all([q.getJobs(["failed"], 0, SHOWN - 1), q.getJobs(["delayed"], 0, SHOWN - 1)]);
        // A delayed job with an error is one waiting for its next attempt; others are scheduled runs.
        const retrying = delayed.filter((j) => j.failedReason);
        return {
          name,
          carries: carries(name),
          counts,
          jobs: [...failed.map((j) => jobRow(j, "failed")), ...retrying.map((j) => jobRow(j, "retrying"))],
        };
      }),
    );
    return { queues: rows };
  } catch (error) {
    return { queues: null, redisError: error instanceof Error ? error.message : String(error) };
  }
}

export async function outboxOverview() {
  const prisma = getPrisma();
  const [undispatched, oldest, unhandled, erroring] = await Promise.all([
    prisma.outboxEvent.count({ where: { dispatchedAt: null } }),
    prisma.outboxEvent.findFirst({ where: { dispatchedAt: null }, orderBy: { id: "asc" }, select: { createdAt: true } }),
    prisma.outboxEvent.count({ where: { dispatchedAt: { not: null }, processedAt: null } }),
    prisma.outboxEvent.findMany({
      where: { processedAt: null, lastError: { not: null } },
      orderBy: { id: "desc" },
      take: SHOWN,
      select: { id: true, topic: true, attempts: true, lastError: true, createdAt: true },
    }),
  ]);
  return {
    undispatched,
    oldestUndispatchedAt: oldest?.createdAt.toISOString() ?? null,
    unhandled,
    erroring: erroring.map((e) => ({
      id: String(e.id),
      topic: e.topic,
      attempts: e.attempts,
      lastError: e.lastError!,
      createdAt: e.createdAt.toISOString(),
    })),
  };
}

export type RetryResult = "retried" | "not-found" | "not-failed";

/** Runs a failed job again at once (attempts start over), or a retrying one now instead of later. */
export async function retryJob(name: QueueName, id: string): Promise<RetryResult> {
  const job = await queue(name).getJob(id);
  if (!job) return "not-found";
  const state = await job.getState();
  if (state === "failed") {
    await job.retry("failed", { resetAttemptsMade: true });
    return "retried";
  }
  if (state === "delayed" && job.failedReason) {
    await job.promote();
    return "retried";
  }
  return "not-failed";
}

/** Every failed job of the queue again; returns how many. */
export async function retryAllFailed(name: QueueName): Promise<number> {
  const q = queue(name);
  const count = (await q.getJobCounts("failed")).failed ?? 0;
  if (count > 0) await q.retryJobs({ state: "failed", count: 1000 });
  return count;
}
