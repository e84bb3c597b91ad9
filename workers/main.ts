// The worker process: BullMQ workers, a heartbeat, and an orderly shutdown. It never
// runs inside the web server (docs/decisions/0001-process-model.md).
import { Worker, type Job } from "bullmq";
import { ConfigError, loadConfig } from "../app/lib/config.server.ts";
import { disconnectPrisma } from "../app/lib/db.server.ts";
import { beat, pruneHeartbeats, removeBeat } from "./heartbeat.ts";
import { maintenanceQueue, QUEUES, queuePrefix, workerConnection } from "./queues.ts";

const DAY = 24 * 3600 * 1000;

async function maintenance(job: Job): Promise<unknown> {
  if (job.name === "prune-heartbeats") return { removed: await pruneHeartbeats(DAY) };
  throw new Error(`Unknown maintenance job ${job.name}`);
}

async function start() {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(2);
    }
    throw error;
  }
  const startedAt = new Date();
  const queues = Object.values(QUEUES);
  const worker = new Worker(QUEUES.maintenance, maintenance, {
    connection: workerConnection(),
    prefix: queuePrefix(),
    concurrency: config.SAMBAND_WORKER_CONCURRENCY,
  });
  worker.on("failed", (job, error) => console.error(`[worker] ${job?.name ?? "job"} failed: ${error.message}`));
  worker.on("error", (error) => console.error(`[worker] ${error.message}`));

  // Repeating jobs are declared, not added: several worker processes converge on one.
  const queue = maintenanceQueue();
  await queue
    .upsertJobScheduler("prune-heartbeats", { every: 3600_000 }, { name: "prune-heartbeats" })
    .catch((error: Error) => console.error(`[worker] could not schedule maintenance: ${error.message}`));

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
    await worker.close(); // waits for jobs in progress
    await queue.close();
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
