// The workers that watch consortia: a notification exactly once per threshold
// transition, whatever happens around it: concurrent accepts, duplicate jobs, a worker
// killed mid-stream, Redis down while a member accepts.
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getPrisma } from "#app/lib/db.server.ts";
import { invite, respond, setPledge, withdraw } from "#app/models/consortium.server.ts";
import { waitFor } from "#scripts/lib/proc.ts";
import { makeQueue } from "#app/lib/queues.server.ts";
import { outboxJobId } from "#workers/outbox.ts";
import { reevaluateConsortium } from "#workers/consortia.ts";
import { startWorker, testEnv, waitForOutput, type Proc } from "#tests/helpers/processes.ts";
import { killOwnRedis, ownRedis } from "#tests/helpers/redis.ts";

let worker: Proc | undefined;
beforeAll(async () => {
  worker = await startWorker(testEnv());
});
afterAll(async () => {
  await worker?.stop();
  killOwnRedis();
});

let n = 0;
/** A consortium with a coordinator, an eligible lead, and companies (each with an admin) as given: name → parent name. */
async function world(companies: Record<string, string | null>) {
  const prisma = getPrisma();
  const tag = `${++n}-${Date.now()}`;
  const programme = await prisma.programme.create({ data: { name: `Call ${tag}`, projectType: "research" } });
  const uni = await prisma.organization.create({ data: { name: `University ${tag}`, kind: "university", eligibleApplicant: true } });
  const coordinator = await prisma.user.create({
    data: { name: `Coordinator ${tag}`, email: `coord-${tag}@example.se`, role: "coordinator" },
  });
  const ids: Record<string, { org: string; rep: string }> = {};
  for (const [name, parent] of Object.entries(companies)) {
    const org = await prisma.organization.create({
      data: { name: `${name} ${tag}`, kind: "company", parentId: parent ? ids[parent]!.org : null },
    });
    const rep = await prisma.user.create({
      data: {
        name: `Rep of ${name}`,
        email: `rep-${name.toLowerCase()}-${tag}@example.se`,
        role: "company_rep",
        emailConfirmedAt: new Date(),
      },
    });
    await prisma.membership.create({ data: { userId: rep.id, organizationId: org.id, role: "admin" } });
    ids[name] = { org: org.id, rep: rep.id };
  }
  const c = await prisma.consortium.create({
    data: {
      programmeId: programme.id,
      title: `Consortium ${tag}`,
      summary: "s",
      requestedFunding: 1_000_000n,
      leadOrganizationId: uni.id,
      coordinatorId: coordinator.id,
    },
  });
  for (const { org } of Object.values(ids)) expect(await invite(c.id, coordinator.id, org)).toEqual({ ok: true });
  const join = async (name: string, cash = 300_000) => {
    const { org, rep } = ids[name]!;
    expect(await respond(c.id, org, rep, true)).toEqual({ ok: true });
    expect(await setPledge(c.id, org, rep, { pledgeCash: cash, pledgeInKind: 0 })).toEqual({ ok: true });
  };
  return { id: c.id, coordinator: coordinator.id, ids, join };
}

/** Threshold notices about the consortium (of one kind, or both). */
const notes = (consortiumId: string, kind?: string) =>
  getPrisma().notification.findMany({
    where: { link: `/consortia/${consortiumId}`, kind: kind ?? { startsWith: "consortium.threshold-" } },
    orderBy: { createdAt: "asc" },
  });
const settled = () =>
  waitFor(
    "every consortium event processed",
    async () => (await getPrisma().outboxEvent.count({ where: { topic: "consortium.changed", processedAt: null } })) === 0,
    { timeoutMs: 60_000 },
  );

describe("threshold notifications", () => {
  it("count a corporate group once, announce the threshold once to the coordinator and every accepted member, and its loss once", async () => {
    const w = await world({ Volvo: null, VolvoSe: "Volvo", Halm: null });
    await w.join("Volvo");
    await w.join("VolvoSe");
    await settled();
    expect(await notes(w.id)).toEqual([]); // two companies, one group: still one independent company

    await w.join("Halm");
    await settled();
    const reached = await notes(w.id, "consortium.threshold-reached");
    expect(reached.map((r) => r.userId).sort()).toEqual([w.coordinator, w.ids.Volvo!.rep, w.ids.VolvoSe!.rep, w.ids.Halm!.rep].sort());
    expect(reached[0]!.title).toMatch(/now has 2 independent co-funding companies$/);
    const mails = await getPrisma().outboxEvent.count({
      where: { topic: "email.send", payload: { path: ["subject"], string_contains: "now has 2 independent" } },
    });
    expect(mails).toBeGreaterThanOrEqual(4);

    // A pledge changing without a crossing announces nothing.
    await setPledge(w.id, w.ids.Halm!.org, w.ids.Halm!.rep, { pledgeCash: 400_000, pledgeInKind: 10 });
    await settled();
    expect(await notes(w.id)).toHaveLength(4);

    expect(await withdraw(w.id, w.ids.Halm!.org, w.ids.Halm!.rep, "Budget cut")).toEqual({ ok: true });
    await settled();
    const lost = await notes(w.id, "consortium.threshold-lost");
    expect(lost.map((r) => r.userId).sort()).toEqual([w.coordinator, w.ids.Volvo!.rep, w.ids.VolvoSe!.rep].sort()); // Halm is no longer a member
  });

  it("tell every invited company's admins of the invitation, in the app and by email, once per invitation", async () => {
    const w = await world({ Invited: null });
    const invitations = await notes(w.id, "consortium.invitation");
    expect(invitations.map((i) => i.userId)).toEqual([w.ids.Invited!.rep]);
    expect(invitations[0]!.title).toMatch(/^Invited \d+-\d+ is invited to the consortium “Consortium /);
    const mail = await getPrisma().outboxEvent.findFirstOrThrow({
      where: { topic: "email.send", payload: { path: ["subject"], string_contains: "is invited to the consortium" } },
      orderBy: { id: "desc" },
    });
    expect((mail.payload as { to: string; text: string }).to).toMatch(/^rep-invited-/);
    expect((mail.payload as { text: string }).text).toContain(`/consortia/${w.id}`);
    // The same invitation again tells nobody twice; after a decline, a new invitation does.
    expect(await invite(w.id, w.coordinator, w.ids.Invited!.org)).toEqual({ ok: true });
    expect(await notes(w.id, "consortium.invitation")).toHaveLength(1);
    expect(await respond(w.id, w.ids.Invited!.org, w.ids.Invited!.rep, false, "Too early")).toEqual({ ok: true });
    expect(await invite(w.id, w.coordinator, w.ids.Invited!.org)).toEqual({ ok: true });
    expect(await notes(w.id, "consortium.invitation")).toHaveLength(2);
    // An organization that does not exist is not found, never a database error.
    expect(await invite(w.id, w.coordinator, "00000000-0000-0000-0000-000000000000")).toEqual({ ok: false, error: "not-found" });
    expect(await invite(w.id, w.coordinator, "not-an-id")).toEqual({ ok: false, error: "not-found" });
  });

  it("tell the person who accepted when their organization has neither a contact nor an admin", async () => {
    const w = await world({ A: null, B: null });
    // B's only person is a plain member (its admin left): nobody would hear of the threshold.
    await getPrisma().membership.update({
      where: { userId_organizationId: { userId: w.ids.B!.rep, organizationId: w.ids.B!.org } },
      data: { role: "member" },
    });
    await w.join("A");
    await w.join("B");
    await settled();
    const reached = await notes(w.id, "consortium.threshold-reached");
    expect(reached.map((r) => r.userId).sort()).toEqual([w.coordinator, w.ids.A!.rep, w.ids.B!.rep].sort());
  });

  it("announce once when two companies accept at the same instant", async () => {
    const w = await world({ A: null, B: null, C: null });
    await Promise.all([w.join("A"), w.join("B"), w.join("C")]);
    await settled();
    const reached = await notes(w.id, "consortium.threshold-reached");
    expect(reached.filter((r) => r.userId === w.coordinator)).toHaveLength(1);
    expect(new Set(reached.map((r) => r.userId)).size).toBe(reached.length);
  });

  it("announce once despite duplicate jobs and repeated evaluations", async () => {
    const w = await world({ A: null, B: null });
    await w.join("A");
    await w.join("B");
    await settled();
    // The same events again as new jobs, and the evaluation run by hand, several at once.
    const events = await getPrisma().outboxEvent.findMany({
      where: { topic: "consortium.changed", payload: { path: ["consortiumId"], equals: w.id } },
    });
    const queue = makeQueue("consortia");
    const again = events.map((e) => `${outboxJobId(e.id)}-again`);
    for (const [i, e] of events.entries()) await queue.add("consortium.changed", { eventId: String(e.id) }, { jobId: again[i] });
    expect(await Promise.all([reevaluateConsortium(w.id), reevaluateConsortium(w.id)])).toEqual([null, null]);
    // Every duplicate job has run to its end (each finds its event handled): none can announce later.
    await waitFor(
      "the duplicate jobs finished",
      async () => (await Promise.all(again.map((id) => queue.getJob(id)))).every((j) => j?.finishedOn !== undefined),
      { timeoutMs: 60_000 },
    );
    await queue.close();
    expect((await notes(w.id, "consortium.threshold-reached")).filter((r) => r.userId === w.coordinator)).toHaveLength(1);
  });

  it("announce once when several evaluations of the same crossing run at the same moment", async () => {
    const w = await world({ A: null, B: null });
    await settled(); // the worker has handled the invitations and will see nothing more
    // Members written straight to the table (no events): only the evaluations below see the crossing.
    await getPrisma().consortiumMember.updateMany({ where: { consortiumId: w.id }, data: { status: "accepted", pledgeCash: 10n } });
    const results = await Promise.all(Array.from({ length: 5 }, () => reevaluateConsortium(w.id)));
    expect(results.filter((r) => r === "reached")).toHaveLength(1);
    expect(results.filter((r) => r === null)).toHaveLength(4);
    expect((await notes(w.id, "consortium.threshold-reached")).filter((r) => r.userId === w.coordinator)).toHaveLength(1);
  });

  it("announce once when a worker is killed mid-job and another takes over", async () => {
    const w = await world({ A: null, B: null });
    await w.join("A");
    await settled();
    // Hold the consortium's row: the worker's evaluation (which locks it first, inside the
    // transaction that has already claimed its event) waits there, mid-job, until released.
    const holder = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await holder.connect();
    try {
      await holder.query("BEGIN");
      await holder.query(`SELECT id FROM "Consortium" WHERE id = $1 FOR NO KEY UPDATE`, [w.id]);
      const holderPid = (await holder.query<{ pid: number }>("SELECT pg_backend_pid() AS pid")).rows[0]!.pid;
      const b = w.ids.B!;
      await respond(w.id, b.org, b.rep, true);
      await setPledge(w.id, b.org, b.rep, { pledgeCash: 1, pledgeInKind: 0 });
      const queue = makeQueue("consortia");
      try {
        await waitFor(
          "a consortium job waiting on the consortium's row",
          async () => {
            const blocked = await holder.query<{ n: number }>(
              "SELECT count(*)::int AS n FROM pg_stat_activity WHERE $1 = ANY(pg_blocking_pids(pid))",
              [holderPid],
            );
            return blocked.rows[0]!.n > 0 && (await queue.getJobCounts("active")).active > 0;
          },
          { timeoutMs: 60_000 },
        );
      } finally {
        await queue.close();
      }
      worker!.child.kill("SIGKILL");
      await worker!.exited;
      // Killed mid-job: its claim on the event never committed.
      expect(
        await getPrisma().outboxEvent.count({
          where: { topic: "consortium.changed", processedAt: null, payload: { path: ["consortiumId"], equals: w.id } },
        }),
      ).toBeGreaterThan(0);
      expect(await notes(w.id)).toEqual([]);
    } finally {
      await holder.query("ROLLBACK").catch(() => undefined);
      await holder.end();
    }
    worker = await startWorker(testEnv());
    // The job the killed worker had taken is taken over once its lock expires (about 15 s).
    await settled();
    expect((await notes(w.id, "consortium.threshold-reached")).filter((r) => r.userId === w.coordinator)).toHaveLength(1);
  }, 120_000);

  it("keep the event while Redis is down and announce once when it is back", async () => {
    const w = await world({ A: null, B: null });
    await w.join("A");
    await settled();
    await worker!.stop();
    const redis = await ownRedis();
    worker = await startWorker(testEnv({ REDIS_URL: redis.url }));
    await redis.kill();
    await w.join("B"); // the request side needs no Redis: the change and its event commit together
    // A dispatch round holding the event has failed (the first failure is always logged).
    await waitForOutput(worker, /outbox dispatch failed, will retry/);
    expect(
      await getPrisma().outboxEvent.count({
        where: { topic: "consortium.changed", dispatchedAt: null, payload: { path: ["consortiumId"], equals: w.id } },
      }),
    ).toBeGreaterThan(0);
    expect(await notes(w.id)).toEqual([]);
    await redis.start();
    await settled();
    expect((await notes(w.id, "consortium.threshold-reached")).filter((r) => r.userId === w.coordinator)).toHaveLength(1);
  });

  it("lets only the invited organization answer, and only once", async () => {
    const w = await world({ A: null, B: null });
    const a = w.ids.A!;
    expect(await respond(w.id, a.org, w.ids.B!.rep, true)).toEqual({ ok: false, error: "forbidden" });
    expect(await respond(w.id, a.org, a.rep, false, "Not this year")).toEqual({ ok: true });
    expect(await respond(w.id, a.org, a.rep, true)).toEqual({ ok: false, error: "not-invited" });
    expect(await setPledge(w.id, a.org, a.rep, { pledgeCash: 5, pledgeInKind: 0 })).toEqual({ ok: false, error: "not-a-member" });
    expect(await invite(w.id, a.rep, w.ids.B!.org)).toEqual({ ok: false, error: "forbidden" });
    await expect(setPledge(w.id, w.ids.B!.org, w.ids.B!.rep, { pledgeCash: -1, pledgeInKind: 0 })).rejects.toThrow();
    await expect(setPledge(w.id, w.ids.B!.org, w.ids.B!.rep, { pledgeCash: 1.5, pledgeInKind: 0 })).rejects.toThrow();
    const row = await getPrisma().consortiumMember.findUniqueOrThrow({
      where: { consortiumId_organizationId: { consortiumId: w.id, organizationId: a.org } },
    });
    expect(row).toMatchObject({ status: "declined", reason: "Not this year", pledgeCash: 0n });
  });
});
