// npm run bench:notify [-- N]: N consortia (default 1,000) each one accept away from the
// threshold of two independent companies. For each, the time from the accepting request
// (the model call a page's action makes) until the coordinator's notification is visible
// in PostgreSQL, through the outbox, the dispatcher, BullMQ and a worker process; and in
// the same run the latency of an empty BullMQ job on the same Redis. Prints p50/p95 and
// ratios; asserts nothing.
import { Queue, QueueEvents, Worker } from "bullmq";
import { reloadConfig } from "../app/lib/config.server.ts";
import { getPrisma } from "../app/lib/db.server.ts";
import { redisConnection } from "../app/lib/redis.server.ts";
import { respond } from "../app/models/consortium.server.ts";
import { main, withServices } from "../scripts/lib/cli.ts";
import { runTs, waitForOutput } from "../tests/helpers/processes.ts";
import { dropDbs, freshDb, percentile } from "./lib.ts";

const N = Number(process.argv[2] ?? 1000);
const RATE_PER_S = 50; // accepts arrive at a steady pace, as from many users, not all at once

async function world(n: number) {
  const prisma = getPrisma();
  const programme = await prisma.programme.create({ data: { name: "Bench call", projectType: "research" } });
  const uni = await prisma.organization.create({ data: { name: "Bench University", kind: "university", eligibleApplicant: true } });
  const coordinator = await prisma.user.create({ data: { name: "Bench Coordinator", email: "bench-coordinator@example.se", role: "coordinator" } });
  const rows: { consortiumId: string; orgId: string; repId: string }[] = [];
  for (let i = 0; i < n; i++) {
    const [a, b] = await Promise.all([0, 1].map((k) => prisma.organization.create({ data: { name: `Bench Company ${i}-${k}`, kind: "company" } })));
    const rep = await prisma.user.create({ data: { name: `Rep ${i}`, email: `rep-${i}@bench.example`, role: "company_rep" } });
    await prisma.membership.create({ data: { userId: rep.id, organizationId: b!.id, role: "admin" } });
    const c = await prisma.consortium.create({
      data: {
        programmeId: programme.id, title: `Bench consortium ${i}`, summary: "s", requestedFunding: 1000n, leadOrganizationId: uni.id, coordinatorId: coordinator.id,
        // One company in with a pledge; the other invited, its pledge already noted: its accept crosses the threshold.
        members: { create: [{ organizationId: a!.id, status: "accepted", pledgeCash: 500n }, { organizationId: b!.id, status: "invited", pledgeCash: 500n }] },
      },
    });
    rows.push({ consortiumId: c.id, orgId: b!.id, repId: rep.id });
  }
  return { rows, coordinatorId: coordinator.id };
}

async function emptyJobLatency(samples: number): Promise<number[]> {
  const name = `bench-empty-${process.pid}`;
  const prefix = `${process.env.SAMBAND_QUEUE_PREFIX}:bull`;
  const queue = new Queue(name, { connection: redisConnection("producer"), prefix });
  const events = new QueueEvents(name, { connection: redisConnection("worker"), prefix });
  const worker = new Worker(name, async () => undefined, { connection: redisConnection("worker"), prefix, concurrency: 4 });
  await Promise.all([events.waitUntilReady(), worker.waitUntilReady()]);
  const out: number[] = [];
  for (let i = 0; i < samples + 20; i++) {
    const t = performance.now();
    const job = await queue.add("empty", {});
    await job.waitUntilFinished(events);
    if (i >= 20) out.push(performance.now() - t);
  }
  await Promise.all([worker.close(), events.close()]);
  await queue.obliterate({ force: true });
  await queue.close();
  return out;
}

main(() =>
  withServices(
    async (services) => {
      const db = `samband_bench_notify_${process.pid}`;
      await freshDb(services.databaseUrl, db);
      process.env.SAMBAND_QUEUE_PREFIX = `bench_notify_${process.pid}`;
      reloadConfig();
      let worker;
      try {
        console.log(`bench:notify, ${N} consortia crossing the threshold, ${RATE_PER_S} accepts a second`);
        const { rows, coordinatorId } = await world(N);
        worker = runTs("workers/main.ts", { PATH: process.env.PATH, HOME: process.env.HOME, NODE_ENV: "production", DATABASE_URL: process.env.DATABASE_URL, REDIS_URL: services.redisUrl, SAMBAND_QUEUE_PREFIX: process.env.SAMBAND_QUEUE_PREFIX });
        await waitForOutput(worker, /\[worker\] pid \d+ processing/);

        const prisma = getPrisma();
        const started = new Map<string, number>();
        const seen = new Map<string, number>();
        let polling = true;
        const poller = (async () => {
          // Only what is new since the last look, so the measuring does not load the database it measures.
          let since = new Date(0);
          while (polling || seen.size < started.size) {
            const found = await prisma.notification.findMany({ where: { userId: coordinatorId, kind: "consortium.threshold-reached", createdAt: { gte: since } }, select: { link: true, createdAt: true } });
            const now = performance.now();
            for (const f of found) if (f.createdAt > since) since = new Date(f.createdAt.getTime() - 1000); // a second of overlap: rows commit out of order
            for (const f of found) {
              const id = f.link!.split("/").pop()!;
              if (!seen.has(id) && started.has(id)) seen.set(id, now);
            }
            if (!polling && seen.size >= started.size) break;
            await new Promise((r) => setTimeout(r, 10));
          }
        })();
        const gap = 1000 / RATE_PER_S;
        const begin = performance.now();
        await Promise.all(
          rows.map(async (r, i) => {
            await new Promise((res) => setTimeout(res, i * gap));
            started.set(r.consortiumId, performance.now());
            const result = await respond(r.consortiumId, r.orgId, r.repId, true);
            if (!result.ok) throw new Error(`accept failed: ${result.error}`);
          }),
        );
        polling = false;
        await poller;
        const latencies = rows.map((r) => seen.get(r.consortiumId)! - started.get(r.consortiumId)!);
        const took = (performance.now() - begin) / 1000;
        // Where the time goes: outbox row written → dispatched to BullMQ → handled by the worker.
        const stages = await prisma.$queryRaw<{ dispatch: number; handle: number }[]>`
          SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM "dispatchedAt" - "createdAt") * 1000) AS dispatch,
                 percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM "processedAt" - "dispatchedAt") * 1000) AS handle
          FROM "OutboxEvent" WHERE topic = 'consortium.changed'`;
        const empty = await emptyJobLatency(200);
        const ms = (x: number) => `${x.toFixed(1)} ms`.padStart(9);
        const row = (name: string, xs: number[]) => console.log(`  ${name.padEnd(44)} p50 ${ms(percentile(xs, 50))}   p95 ${ms(percentile(xs, 95))}`);
        row(`accept → notification visible (${latencies.length})`, latencies);
        row("empty BullMQ job, add → completed (200)", empty);
        console.log(`  ratio: p50 ${(percentile(latencies, 50) / percentile(empty, 50)).toFixed(1)}x, p95 ${(percentile(latencies, 95) / percentile(empty, 95)).toFixed(1)}x the empty job (target: p95 within 3x)`);
        console.log(`(${N} accepts in ${took.toFixed(1)} s; median ${Number(stages[0]!.dispatch).toFixed(0)} ms from outbox row to BullMQ, ${Number(stages[0]!.handle).toFixed(0)} ms from there to handled)`);
      } finally {
        await worker?.stop();
        await dropDbs(services.databaseUrl, [db]);
      }
    },
    { needs: ["postgres", "redis"] },
  ),
);
