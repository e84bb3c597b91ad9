// The BullMQ side of the registry in jobs.server.ts: queues with their connection, key
// prefix and retry defaults, for the worker process and the producers (the outbox
// dispatcher, the admin page), which sit in different layers.
import { Queue, type ConnectionOptions, type DefaultJobOptions } from "bullmq";
import { loadConfig } from "#app/lib/config.server.ts";
import { QUEUES, type QueueName } from "#app/lib/jobs.server.ts";
import { redisConnection } from "#app/lib/redis.server.ts";

export function queuePrefix(): string {
  return `${loadConfig().SAMBAND_QUEUE_PREFIX}:bull`;
}

export function workerConnection(): ConnectionOptions {
  return redisConnection("worker");
}

// Completed jobs are kept a day so a re-dispatched outbox row finds its job id taken;
// failed jobs are kept for an administrator to read and retry.
function jobOptions(name: QueueName): DefaultJobOptions {
  const { attempts, backoff } = QUEUES[name].retry;
  return { attempts, backoff: { ...backoff }, removeOnComplete: { age: 24 * 3600 }, removeOnFail: false };
}

export function makeQueue(name: QueueName, connection: ConnectionOptions = redisConnection("producer")): Queue {
  return new Queue(name, { connection, prefix: queuePrefix(), defaultJobOptions: jobOptions(name) });
}

export function maintenanceQueue(connection: ConnectionOptions = redisConnection("worker")): Queue {
  return makeQueue("maintenance", connection);
}
