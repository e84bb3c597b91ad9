// The worker process: heartbeat, scheduled maintenance, orderly stop.
import { afterAll, describe, expect, it } from "vitest";
import { getPrisma } from "#app/lib/db.server.ts";
import { redisConnection } from "#app/lib/redis.server.ts";
import { waitFor } from "#scripts/lib/proc.ts";
import { QUEUE_NAMES } from "#app/lib/jobs.server.ts";
import { maintenanceQueue } from "#app/lib/queues.server.ts";
import { startWorker, testEnv, type Proc } from "#tests/helpers/processes.ts";

const running: Proc[] = [];
afterAll(async () => {
  await Promise.all(running.map((p) => p.stop()));
});

describe("worker process", () => {
  it("writes a heartbeat, prunes heartbeats of dead workers, and removes its own on SIGTERM", async () => {
    const prisma = getPrisma();
    const longAgo = new Date(Date.now() - 2 * 24 * 3600 * 1000);
    await prisma.workerHeartbeat.create({
      data: { id: "gone-host:1", hostname: "gone-host", pid: 1, queues: [], startedAt: longAgo, lastSeenAt: longAgo },
    });
    const worker = await startWorker(testEnv());
    running.push(worker);

    const live = await waitFor(
      "a fresh heartbeat",
      async () => (await prisma.workerHeartbeat.findFirst({ where: { id: { not: "gone-host:1" } } })) ?? undefined,
    );
    expect(live.pid).toBe(worker.child.pid);
    expect(live.queues).toEqual(QUEUE_NAMES);
    const later = await waitFor("the heartbeat to advance", async () => {
      const row = await prisma.workerHeartbeat.findUnique({ where: { id: live.id } });
      return row && row.lastSeenAt > live.lastSeenAt ? row : undefined;
    });
    expect(later.lastSeenAt.getTime()).toBeGreaterThan(live.lastSeenAt.getTime());

    // The hourly prune is scheduled when the worker starts, and runs at once.
    await waitFor("the scheduled prune", async () => (await prisma.workerHeartbeat.findUnique({ where: { id: "gone-host:1" } })) === null);

    await prisma.workerHeartbeat.create({
      data: { id: "gone-host:2", hostname: "gone-host", pid: 2, queues: [], startedAt: longAgo, lastSeenAt: longAgo },
    });
    const queue = maintenanceQueue(redisConnection("worker"));
    const job = await queue.add("prune-heartbeats", {});
    // Poll the job itself: a QueueEvents listener can miss a completion that happens
    // before its first read of the event stream.
    const finished = await waitFor("the prune job to finish", async () => {
      const j = await queue.getJob(job.id!);
      return j?.finishedOn ? j : undefined;
    });
    expect(finished.failedReason).toBeUndefined();
    expect(finished.returnvalue).toEqual({ removed: 1 });
    expect(await prisma.workerHeartbeat.findMany({ select: { id: true } })).toEqual([{ id: live.id }]);
    await queue.close();

    expect(await worker.stop("SIGTERM")).toBe(0);
    expect(worker.output()).toContain("[worker] stopped");
    expect(await prisma.workerHeartbeat.count()).toBe(0);
  });

  it("refuses to start with bad configuration, naming the variable", async () => {
    const { runTs } = await import("#tests/helpers/processes.ts");
    const proc = runTs("workers/main.ts", testEnv({ SAMBAND_WORKER_CONCURRENCY: "many" }));
    expect(await proc.exited).toBe(2);
    expect(proc.output()).toContain('SAMBAND_WORKER_CONCURRENCY="many": must be a whole number');
  });
});
