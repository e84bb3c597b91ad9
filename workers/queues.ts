// Queue names and the connection options BullMQ needs, in one place for the worker
// process and for producers.
import { Queue, type ConnectionOptions } from "bullmq";
import { loadConfig } from "../app/lib/config.server.ts";
import { redisConnection } from "../app/lib/redis.server.ts";

export const QUEUES = { maintenance: "maintenance" } as const;

export function queuePrefix(): string {
  return `${loadConfig().SAMBAND_QUEUE_PREFIX}:bull`;
}

export function workerConnection(): ConnectionOptions {
  return redisConnection("worker");
}

export function maintenanceQueue(connection = redisConnection("worker")): Queue {
  return new Queue(QUEUES.maintenance, { connection, prefix: queuePrefix() });
}
