// The worker's liveness, written to PostgreSQL so the web app can read it even when
// Redis (which the worker also needs) is the part that is down.
import os from "node:os";
import { getPrisma } from "../app/lib/db.server.ts";

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

/** Drops rows of workers that stopped without saying so (killed, machine lost). */
export async function pruneHeartbeats(olderThanMs: number): Promise<number> {
  const { count } = await getPrisma().workerHeartbeat.deleteMany({
    where: { lastSeenAt: { lt: new Date(Date.now() - olderThanMs) } },
  });
  return count;
}
