// The worker process: BullMQ workers, a heartbeat, and an orderly shutdown. It never
// runs inside the web server (docs/decisions/0001-process-model.md).
import { Worker, type Job, type Queue } from "bullmq";
import { loadConfigOrExit } from "#app/lib/config.server.ts";
import { disconnectPrisma } from "#app/lib/db.server.ts";
import { closeMail, sendEmail } from "#app/lib/mail.server.ts";
import type { EmailPayload } from "#app/lib/outbox.server.ts";
import { issuePasswordReset } from "#app/models/user.server.ts";
import { beat, pruneHeartbeats, removeBeat } from "#workers/heartbeat.ts";
import { sendSavedSearchAlerts } from "#workers/alerts.ts";
import { reevaluateConsortiumIn } from "#workers/consortia.ts";
import { sendExpiryReminders } from "#workers/reminders.ts";
import { processSearchEvents } from "#workers/search.ts";
import { dispatchOutbox, listenForOutbox, outboxJobId, processOnce, processOnceInTransaction } from "#workers/outbox.ts";
import { makeQueue, maintenanceQueue, QUEUES, queuePrefix, workerConnection } from "#app/lib/queues.server.ts";

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
  // A reset request becomes a token and an email (or nothing) in the transaction that
  // marks it done, so a retried job never issues a second link.
  if (job.name === "account.password-reset") return { issued: await processOnceInTransaction(job.data.eventId, (tx, payload) => issuePasswordReset(tx, payload as { email: string; locale: string }).then(() => undefined)) };
  const sent = await processOnce(job.data.eventId, (payload) => sendEmail(outboxJobId(job.data.eventId), payload as EmailPayload));
  return { sent };
}

/**
 * Moves outbox rows to BullMQ: at once when PostgreSQL reports a commit that wrote
 * events, again at once while there is a backlog, and on a timer as a safety net (more
 * often while the notification connection is down).
 */
function startDispatcher(queues: Record<string, Queue>) {
  let stopped = false;
  let lastComplaint = 0;
  let pending = false;
  let wakeUp: (() => void) | undefined;
  const wake = () => {
    pending = true;
    wakeUp?.();
  };
  const listener = listenForOutbox(wake);
  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        wakeUp = undefined;
        resolve();
      }
      wakeUp = done;
    });
  const loop = async () => {
    while (!stopped) {
      pending = false;
      let moved = 0;
      try {
        moved = await dispatchOutbox(queues);
      } catch (error) {
        // Typically Redis or PostgreSQL being down: the rows wait in the outbox.
        if (Date.now() - lastComplaint > 60_000) {
          lastComplaint = Date.now();
          console.error(`[worker] outbox dispatch failed, will retry: ${(error as Error).message}`);
        }
        await sleep(200);
        continue;
      }
      if (moved === 0 && !pending && !stopped) await sleep(listener.listening() ? 2000 : 200);
    }
  };
  const running = loop();
  return async () => {
    stopped = true;
    wakeUp?.();
    await running;
    await listener.stop();
  };
}

/** Re-evaluates the consortium in the transaction that marks the event processed. */
async function consortiumChanged(job: Job<{ eventId: string }>): Promise<unknown> {
  return processOnceInTransaction(job.data.eventId, (tx, payload) => reevaluateConsortiumIn(tx, (payload as { consortiumId: string }).consortiumId).then(() => undefined));
}

async function start() {
  const config = loadConfigOrExit();
  const startedAt = new Date();
  const queues = config.SAMBAND_WORKER_QUEUES;
  const common = { connection: workerConnection(), prefix: queuePrefix(), concurrency: config.SAMBAND_WORKER_CONCURRENCY };
  const processors: Record<(typeof queues)[number], () => Worker> = {
    maintenance: () => new Worker(QUEUES.maintenance, maintenance, common),
    email: () => new Worker(QUEUES.email, email, common),
    // Short jobs, so a short lock: if this process dies mid-job, another worker takes the
    // job over within about 15 s instead of BullMQ's default of up to a minute.
    consortia: () => new Worker(QUEUES.consortia, consortiumChanged, { ...common, lockDuration: 10_000, stalledInterval: 5_000 }),
    // One at a time: each job indexes every pending change, so parallel jobs would only wait on each other's locks.
    search: () => new Worker(QUEUES.search, (job: Job<{ eventId: string }>) => processSearchEvents(job.data.eventId), { ...common, concurrency: 1 }),
  };
  const workers = queues.map((name) => processors[name]());
  for (const w of workers) {
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
    await Promise.all(workers.map((w) => w.close())); // wait for jobs in progress
    await queue.close();
    await Promise.all(Object.values(producerQueues).map((q) => q.close()));
    await removeBeat().catch(() => {});
    closeMail();
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
