// Queue names and connections, in one place for the worker process and the producers
// (the outbox dispatcher, the admin page), which sit in different layers.
import { Queue, type ConnectionOptions, type DefaultJobOptions } from "bullmq";
import { loadConfig } from "#app/lib/config.server.ts";
import { redisConnection } from "#app/lib/redis.server.ts";

export const QUEUES = { maintenance: "maintenance", email: "email", search: "search", consortia: "consortia" } as const;

export function queuePrefix(): string {
  return `${loadConfig().SAMBAND_QUEUE_PREFIX}:bull`;
}

export function workerConnection(): ConnectionOptions {
  return redisConnection("worker");
}

// Completed jobs are kept a day so a re-dispatched outbox row finds its job id taken;
// failed jobs are kept for an administrator to read and retry.
const defaults: DefaultJobOptions = {
  attempts: 8,
  backoff: { type: "exponential", delay: 2000 },
  removeOnComplete: { age: 24 * 3600 },
  removeOnFail: false,
};

export function makeQueue(name: string, connection: ConnectionOptions = redisConnection("producer")): Queue {
  return new Queue(name, { connection, prefix: queuePrefix(), defaultJobOptions: defaults });
}

export function maintenanceQueue(connection: ConnectionOptions = redisConnection("worker")): Queue {
  return makeQueue(QUEUES.maintenance, connection);
}
