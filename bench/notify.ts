// npm run bench:notify [-- N]: N consortia (default 1,000) at each pace (BENCH_RATES,
// default 10 and 50 accepts a second), each one accept away from the threshold of two
// independent companies. For each, the time from the accepting request (the model call a
// page's action makes) until the coordinator's notification is visible in PostgreSQL,
// through the outbox, the dispatcher, BullMQ and a worker process; and in the same run the
// latency of an empty BullMQ job on the same Redis. Prints p50/p95 and ratios; asserts nothing.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { Queue, QueueEvents, Worker } from "bullmq";
import { reloadConfig } from "#app/lib/config.server.ts";
import { getPrisma } from "#app/lib/db.server.ts";
import { makeQueue } from "#app/lib/queues.server.ts";
import { redisConnection } from "#app/lib/redis.server.ts";
import { respond } from "#app/models/consortium.server.ts";
import { main, withServices } from "#scripts/lib/cli.ts";
import { startMailCatcher } from "#scripts/lib/mail-catcher.ts";
import { runTs, waitForOutput } from "#tests/helpers/processes.ts";
import { dropDbs, freshDb, percentile } from "#bench/lib.ts";

const N = Number(process.argv[2] ?? 1000);
// Accepts arrive at a steady pace, as from many users, not all at once (BENCH_RATES=10,50).
const RATES = (process.env.BENCH_RATES ?? "10,50").split(",").map(Number);
const mailDir = mkdtempSync(path.join(tmpdir(), "samband-bench-mail-")); // accepts arrive at a steady pace, as from many users, not all at once

async function world(n: number) {
  const prisma = getPrisma();
  const programme = await prisma.programme.create({ data: { name: "Bench call", projectType: "research" } });
  const uni = await prisma.organization.create({ data: { name: "Bench University", kind: "university", eligibleApplicant: true } });
  const coordinator = await prisma.user.create({
    data: { name: "Bench Coordinator", email: "bench-coordinator@example.se", role: "coordinator" },
  });
  const rows: { consortiumId: string; orgId: string; repId: string }[] = [];
  for (let i = 0; i < n; i++) {
    const [a, b] = await Promise.all(
      [0, 1].map((k) => prisma.organization.create({ data: { name: `Bench Company ${i}-${k}`, kind: "company" } })),
    );
    const rep = await prisma.user.create({ data: { name: `Rep ${i}`, email: `rep-${i}@bench.example`, role: "company_rep" } });
    await prisma.membership.create({ data: { userId: rep.id, organizationId: b!.id, role: "admin" } });
    const c = await prisma.consortium.create({
      data: {
        programmeId: programme.id,
        title: `Bench consortium ${i}`,
        summary: "s",
        requestedFunding: 1000n,
        leadOrganizationId: uni.id,
        coordinatorId: coordinator.id,
        // One company in with a pledge; the other invited, its pledge already noted: its accept crosses the threshold.
        members: {
          create: [
            { organizationId: a!.id, status: "accepted", pledgeCash: 500n },
            { organizationId: b!.id, status: "invited", pledgeCash: 500n },
          ],
        },
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

/** Accepts one invitation in each consortium at `rate` a second; when did the coordinator's notification appear? */
async function measure(rows: Awaited<ReturnType<typeof world>>["rows"], coordinatorId: string, rate: number) {
  const prisma = getPrisma();
  const started = new Map<string, number>();
  const seen = new Map<string, number>();
  let polling = true;
  const poller = (async () => {
    // Only what is new since the last look, so the measuring does not load the database it measures.
    let since = new Date();
    while (polling || seen.size < started.size) {
      const found = await prisma.notification.findMany({
        where: { userId: coordinatorId, kind: "consortium.threshold-reached", createdAt: { gte: since } },
        select: { link: true, createdAt: true },
      });
      const now = performance.now();
      for (const f of found) if (f.createdAt > since) since = new Date(f.createdAt.getTime() - 1000); // a second of overlap: rows commit out of order
      for (const f of found) {
        const id = f.link!.split("/").pop()!;
        if (!seen.has(id) && started.has(id)) seen.set(id, now);
      }
      if (!polling && seen.size >= started.size) break;
      await new Promise((r) => setTimeout(r, 5));
    }
  })();
  const from = new Date();
  const begin = performance.now();
  await Promise.all(
    rows.map(async (r, i) => {
      await new Promise((res) => setTimeout(res, (i * 1000) / rate));
      started.set(r.consortiumId, performance.now());
      const result = await respond(r.consortiumId, r.orgId, r.repId, true);
      if (!result.ok) throw new Error(`accept failed: ${result.error}`);
    }),
  );
  polling = false;
  await poller;
  const took = (performance.now() - begin) / 1000;
  // Where the time goes: outbox row written → dispatched to BullMQ, then inside BullMQ
  // waiting for a worker (added → taken) and running (taken → finished).
  const stages = await prisma.$queryRaw<{ p50: number; p95: number }[]>`
    SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM "dispatchedAt" - "createdAt") * 1000) AS p50,
           percentile_cont(0.95) WITHIN GROUP (ORDER BY extract(epoch FROM "dispatchedAt" - "createdAt") * 1000) AS p95
    FROM "OutboxEvent" WHERE topic = 'consortium.changed' AND "createdAt" >= ${from}`;
  const queue = makeQueue("consortia");
  const jobs = (await queue.getJobs(["completed"], 0, -1)).filter((j) => j.processedOn && j.timestamp >= from.getTime());
  await queue.close();
  const waits = jobs.map((j) => j.processedOn! - j.timestamp);
  const runs = jobs.map((j) => j.finishedOn! - j.processedOn!);
  return {
    latencies: rows.map((r) => seen.get(r.consortiumId)! - started.get(r.consortiumId)!),
    took,
    dispatch: [Number(stages[0]!.p50), Number(stages[0]!.p95)],
    waits: [percentile(waits, 50), percentile(waits, 95)],
    runs: [percentile(runs, 50), percentile(runs, 95)],
  };
}

main(() =>
  withServices(
    async (services) => {
      const db = `samband_bench_notify_${process.pid}`;
      await freshDb(services.databaseUrl, db);
      process.env.SAMBAND_QUEUE_PREFIX = `bench_notify_${process.pid}`;
      reloadConfig();
      let workers: ReturnType<typeof runTs>[] = [];
      const catcher = await startMailCatcher(mailDir); // the emails go over real SMTP, as in production
      try {
        console.log(`bench:notify, ${N} consortia crossing the threshold at each of ${RATES.join(" and ")} accepts a second`);
        const { rows, coordinatorId } = await world(N * RATES.length);
        // BENCH_WORKERS: one comma-separated queue list per worker process, split by ';' (default: one process serving every queue).
        const layout = (process.env.BENCH_WORKERS ?? "maintenance,email,search,consortia").split(";");
        const env = {
          PATH: process.env.PATH,
          HOME: process.env.HOME,
          NODE_ENV: "production" as const,
          DATABASE_URL: process.env.DATABASE_URL,
          REDIS_URL: services.redisUrl,
          SAMBAND_QUEUE_PREFIX: process.env.SAMBAND_QUEUE_PREFIX,
          SMTP_URL: catcher.url,
        };
        workers = layout.map((queues) => runTs("workers/main.ts", { ...env, SAMBAND_WORKER_QUEUES: queues }));
        for (const w of workers) await waitForOutput(w, /\[worker\] pid \d+ processing/);
        console.log(`worker processes: ${layout.map((l) => `[${l}]`).join(" ")}`);

        const empty = await emptyJobLatency(200);
        const ms = (x: number) => `${x.toFixed(1)} ms`.padStart(9);
        const row = (name: string, xs: number[]) =>
          console.log(`  ${name.padEnd(46)} p50 ${ms(percentile(xs, 50))}   p95 ${ms(percentile(xs, 95))}`);
        row("empty BullMQ job, add → completed (200)", empty);
        // A realistic pace first, then a load the two cores of a laptop or CI machine cannot keep up with.
        for (const [i, rate] of RATES.entries()) {
          const r = await measure(rows.slice(i * N, (i + 1) * N), coordinatorId, rate);
          console.log(`at ${rate} accepts a second:`);
          row(`  accept → notification visible (${r.latencies.length})`, r.latencies);
          console.log(
            `    ratio: p50 ${(percentile(r.latencies, 50) / percentile(empty, 50)).toFixed(1)}x, p95 ${(percentile(r.latencies, 95) / percentile(empty, 95)).toFixed(1)}x the empty job (target: p95 within 3x)`,
          );
          console.log(
            `    where it goes (p50 / p95): outbox row → BullMQ ${r.dispatch.map((x) => x.toFixed(0)).join(" / ")} ms, waiting for a worker ${r.waits.join(" / ")} ms, running ${r.runs.join(" / ")} ms; ${r.took.toFixed(1)} s in all`,
          );
        }
      } finally {
        await Promise.all(workers.map((w) => w.stop()));
        await catcher.stop();
        rmSync(mailDir, { recursive: true, force: true });
        await dropDbs(services.databaseUrl, [db]);
      }
    },
    { needs: ["postgres", "redis"] },
  ),
);
