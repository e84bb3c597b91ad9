// The worker's liveness, written to PostgreSQL so the web app can read it even when
// Redis (which the worker also needs) is the part that is down.
import os from "node:os";
import { getPrisma } from "#app/lib/db.server.ts";

export const workerId = `${os.hostname()}:${process.pid}`;

export async function beat(queues: string[], startedAt: Date): Promise<void> {
  const now = new Date();
  await getPrisma().workerHeartbeat.upsert({
    where: { id: workerId },
    create: { id: workerId, hostname: os.hostname(), pid: process.pid, queues, startedAt, lastSeenAt: now },
    update: { lastSeenAt: now, queues },
  });
}

export async function removeBeat(): Promise<void> {
  await getPrisma().workerHeartbeat.deleteMany({ where: { id: workerId } });
}

/**
 * Removes the row of a worker on this machine that died without removing it (npm start
 * knows at once when its worker was killed), so /healthz stops counting it alive.
 */
export async function removeBeatOf(pid: number): Promise<void> {
  await getPrisma().workerHeartbeat.deleteMany({ where: { id: `${os.hostname()}:${pid}` } });
}

/** Drops rows of workers that stopped without saying so (killed, machine lost). */
export async function pruneHeartbeats(olderThanMs: number): Promise<number> {
  const { count } = await getPrisma().workerHeartbeat.deleteMany({
    where: { lastSeenAt: { lt: new Date(Date.now() - olderThanMs) } },
  });
  return count;
}
