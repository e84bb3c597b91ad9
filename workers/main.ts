// The worker process: BullMQ workers, a heartbeat, and an orderly shutdown. It never
// runs inside the web server (docs/decisions/0001-process-model.md).
import { Worker, type Job, type Queue } from "bullmq";
import { loadConfigOrExit } from "../app/lib/config.server.ts";
import { disconnectPrisma } from "../app/lib/db.server.ts";
import { sendEmail } from "../app/lib/mail.server.ts";
import type { EmailPayload } from "../app/lib/outbox.server.ts";
import { beat, pruneHeartbeats, removeBeat } from "./heartbeat.ts";
import { sendSavedSearchAlerts } from "./alerts.ts";
import { reevaluateConsortium } from "./consortia.ts";
import { sendExpiryReminders } from "./reminders.ts";
import { processSearchEvents } from "./search.ts";
import { dispatchOutbox, outboxJobId, processOnce } from "./outbox.ts";
import { makeQueue, maintenanceQueue, QUEUES, queuePrefix, workerConnection } from "./queues.ts";

const DAY = 24 * 3600 * 1000;

async function maintenance(job: Job): Promise<unknown> {
  if (job.name === "prune-heartbeats") return { removed: await pruneHeartbeats(DAY) };
  if (job.name === "expiry-reminders") return { emails: await sendExpiryReminders() };
  // Safety net: search events whose job ran out of retries (Meilisearch down for long) wait
  // in the outbox; this picks them up once it is back, even if nothing else changes.
  if (job.name === "search-catch-up") return processSearchEvents();
  if (job.name === "saved-search-alerts") return { alerts: await sendSavedSearchAlerts() };
  throw new Error(`Unknown maintenance job ${job.name}`);
}

async function email(job: Job<{ eventId: string }>): Promise<unknown> {
  const sent = await processOnce(job.data.eventId, (payload) => sendEmail(outboxJobId(job.data.eventId), payload as EmailPayload));
  return { sent };
}

/** Polls the outbox; quickly again while there is a backlog. */
function startDispatcher(queues: Record<string, Queue>) {
  let stopped = false;
  let lastComplaint = 0;
  const loop = async () => {
    while (!stopped) {
      let moved = 0;
      try {
        moved = await dispatchOutbox(queues);
      } catch (error) {
        // Typically Redis or PostgreSQL being down: the rows wait in the outbox.
        if (Date.now() - lastComplaint > 60_000) {
          lastComplaint = Date.now();
          console.error(`[worker] outbox dispatch failed, will retry: ${(error as Error).message}`);
        }
      }
      if (moved === 0) await new Promise((r) => setTimeout(r, 200));
    }
  };
  const running = loop();
  return async () => {
    stopped = true;
    await running;
  };
}

async function start() {
  const config = loadConfigOrExit();
  const startedAt = new Date();
  const queues = Object.values(QUEUES);
  const worker = new Worker(QUEUES.maintenance, maintenance, {
    connection: workerConnection(),
    prefix: queuePrefix(),
    concurrency: config.SAMBAND_WORKER_CONCURRENCY,
  });
  const emailWorker = new Worker(QUEUES.email, email, {
    connection: workerConnection(),
    prefix: queuePrefix(),
    concurrency: config.SAMBAND_WORKER_CONCURRENCY,
  });
  // Short jobs, so a short lock: if this process dies mid-job, another worker takes the
  // job over within about 15 s instead of BullMQ's default of up to a minute.
  const consortiaWorker = new Worker(QUEUES.consortia, (job: Job<{ eventId: string }>) => processOnce(job.data.eventId, (payload) => reevaluateConsortium((payload as { consortiumId: string }).consortiumId).then(() => undefined)), {
    connection: workerConnection(),
    prefix: queuePrefix(),
    concurrency: config.SAMBAND_WORKER_CONCURRENCY,
    lockDuration: 10_000,
    stalledInterval: 5_000,
  });
  // One at a time: each job indexes every pending change, so parallel jobs would only wait on each other's locks.
  const searchWorker = new Worker(QUEUES.search, (job: Job<{ eventId: string }>) => processSearchEvents(job.data.eventId), { connection: workerConnection(), prefix: queuePrefix(), concurrency: 1 });
  for (const w of [worker, emailWorker, searchWorker, consortiaWorker]) {
    w.on("failed", (job, error) => console.error(`[worker] ${job?.name ?? "job"} failed: ${error.message}`));
    w.on("error", (error) => console.error(`[worker] ${error.message}`));
  }
  const producerQueues = { [QUEUES.email]: makeQueue(QUEUES.email), [QUEUES.search]: makeQueue(QUEUES.search), [QUEUES.consortia]: makeQueue(QUEUES.consortia) };
  const stopDispatcher = startDispatcher(producerQueues);

  // Repeating jobs are declared, not added: several worker processes converge on one.
  const queue = maintenanceQueue();
  await Promise.all([
    queue.upsertJobScheduler("prune-heartbeats", { every: 3600_000 }, { name: "prune-heartbeats" }),
    queue.upsertJobScheduler("expiry-reminders", { every: 3600_000 }, { name: "expiry-reminders" }),
    queue.upsertJobScheduler("saved-search-alerts", { every: 3600_000 }, { name: "saved-search-alerts" }),
    queue.upsertJobScheduler("search-catch-up", { every: 60_000 }, { name: "search-catch-up" }),
  ]).catch((error: Error) => console.error(`[worker] could not schedule maintenance: ${error.message}`));

  const tick = () => beat(queues, startedAt).catch((error: Error) => console.error(`[worker] heartbeat failed: ${error.message}`));
  await tick();
  const timer = setInterval(tick, config.SAMBAND_HEARTBEAT_MS);
  console.log(`[worker] pid ${process.pid} processing ${queues.join(", ")}`);
  process.send?.({ type: "ready" });

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`[worker] ${signal}: finishing running jobs`);
    clearInterval(timer);
    await stopDispatcher();
    await Promise.all([worker.close(), emailWorker.close(), searchWorker.close(), consortiaWorker.close()]); // wait for jobs in progress
    await queue.close();
    await Promise.all(Object.values(producerQueues).map((q) => q.close()));
    await removeBeat().catch(() => {});
    await disconnectPrisma();
    console.log("[worker] stopped");
    process.exit(0);
  };
  process.on("SIGTERM", () => void stop("SIGTERM"));
  process.on("SIGINT", () => void stop("SIGINT"));
  // Started by npm start: when it goes away (even killed), so do we.
  if (process.connected) process.on("disconnect", () => void stop("parent exited"));
}

start().catch((error: unknown) => {
  console.error("[worker] failed to start:", error);
  process.exit(1);
});
