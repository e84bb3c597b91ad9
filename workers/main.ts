// The worker process: BullMQ workers, a heartbeat, and an orderly shutdown. It never
// runs inside the web server (docs/decisions/0001-process-model.md).
import { UnrecoverableError, Worker, type Job, type Processor, type Queue } from "bullmq";
import { loadConfigOrExit } from "#app/lib/config.server.ts";
import { disconnectPrisma } from "#app/lib/db.server.ts";
import {
  describeIssues,
  isMaintenanceJob,
  MAINTENANCE_JOBS,
  maintenanceData,
  OUTBOX_QUEUES,
  QUEUES,
  type MaintenanceJob,
  type OutboxTopic,
  type QueueName,
} from "#app/lib/jobs.server.ts";
import { closeMail, sendEmail } from "#app/lib/mail.server.ts";
import { makeQueue, maintenanceQueue, queuePrefix, workerConnection } from "#app/lib/queues.server.ts";
import { issuePasswordReset } from "#app/models/user.server.ts";
import { beat, pruneHeartbeats, removeBeat } from "#workers/heartbeat.ts";
import { sendSavedSearchAlerts } from "#workers/alerts.ts";
import { reevaluateConsortiumIn } from "#workers/consortia.ts";
import { sendDeadlineReminders } from "#workers/deadlines.ts";
import { sendConversationReminders } from "#workers/conversation-reminders.ts";
import { sendExpiryReminders } from "#workers/reminders.ts";
import { processSearchEvents } from "#workers/search.ts";
import { dispatchOutbox, listenForOutbox, outboxEventOf, outboxJobId, processOnce, processOnceInTransaction } from "#workers/outbox.ts";

const DAY = 24 * 3600 * 1000;

const maintenanceJobs: Record<MaintenanceJob, () => Promise<unknown>> = {
  "prune-heartbeats": async () => ({ removed: await pruneHeartbeats(DAY) }),
  "expiry-reminders": async () => ({ emails: await sendExpiryReminders() }),
  "deadline-reminders": async () => ({ reminders: await sendDeadlineReminders() }),
  "conversation-reminders": async () => ({ reminded: await sendConversationReminders() }),
  "search-catch-up": () => processSearchEvents(),
  "saved-search-alerts": async () => ({ alerts: await sendSavedSearchAlerts() }),
};

async function maintenance(job: Job): Promise<unknown> {
  if (!isMaintenanceJob(job.name)) throw new UnrecoverableError(`Unknown maintenance job ${job.name}`);
  const data = maintenanceData.safeParse(job.data);
  if (!data.success) throw new UnrecoverableError(`Invalid ${job.name} job: ${describeIssues(data.error)}`);
  return maintenanceJobs[job.name]();
}

/** What each outbox topic's job does with its event, which it handles exactly once. */
const outboxHandlers: Record<OutboxTopic, (eventId: string) => Promise<unknown>> = {
  "email.send": async (eventId) => ({ sent: await processOnce(eventId, "email.send", (mail) => sendEmail(outboxJobId(eventId), mail)) }),
  // A reset request becomes a token and an email (or nothing) in the transaction that
  // marks it done, so a retried job never issues a second link.
  "account.password-reset": async (eventId) => ({
    issued: await processOnceInTransaction(eventId, "account.password-reset", (tx, request) => issuePasswordReset(tx, request)),
  }),
  "search.postings": (eventId) => processSearchEvents(eventId),
  "search.organizations": (eventId) => processSearchEvents(eventId),
  "search.people": (eventId) => processSearchEvents(eventId),
  // Re-evaluates the consortium in the transaction that marks the event processed.
  "consortium.changed": (eventId) =>
    processOnceInTransaction(eventId, "consortium.changed", (tx, { consortiumId }) => reevaluateConsortiumIn(tx, consortiumId)),
};

const processors: Record<QueueName, Processor> = {
  maintenance,
  email: (job) => handleOutboxJob(job, "email"),
  search: (job) => handleOutboxJob(job, "search"),
  consortia: (job) => handleOutboxJob(job, "consortia"),
};

function handleOutboxJob(job: Job, queue: QueueName): Promise<unknown> {
  const { topic, eventId } = outboxEventOf(job, queue);
  return outboxHandlers[topic](eventId);
}

/**
 * Moves outbox rows to BullMQ: at once when PostgreSQL reports a commit that wrote
 * events, again at once while there is a backlog, and on a timer as a safety net (more
 * often while the notification connection is down).
 */
function startDispatcher(queues: Partial<Record<QueueName, Queue>>) {
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

async function start() {
  const config = loadConfigOrExit();
  const startedAt = new Date();
  const queues = config.SAMBAND_WORKER_QUEUES;
  const common = { connection: workerConnection(), prefix: queuePrefix(), concurrency: config.SAMBAND_WORKER_CONCURRENCY };
  const workers = queues.map((name) => new Worker(name, processors[name], { ...common, ...QUEUES[name].worker }));
  for (const w of workers) {
    w.on("failed", (job, error) => console.error(`[worker] ${job?.name ?? "job"} failed: ${error.message}`));
    w.on("error", (error) => console.error(`[worker] ${error.message}`));
  }
  const producerQueues = Object.fromEntries(OUTBOX_QUEUES.map((name) => [name, makeQueue(name)]));
  const stopDispatcher = startDispatcher(producerQueues);

  // Repeating jobs are declared, not added: several worker processes converge on one.
  const queue = maintenanceQueue();
  await Promise.all(Object.entries(MAINTENANCE_JOBS).map(([name, { every }]) => queue.upsertJobScheduler(name, { every }, { name }))).catch(
    (error: Error) => console.error(`[worker] could not schedule maintenance: ${error.message}`),
  );

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
