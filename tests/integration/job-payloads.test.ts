// Payloads that do not fit their topic: refused when written, and, when a row gets into the
// outbox anyway (written by hand, or by another version of the code), its job fails at
// once (no retries) with an error naming the topic and the field, does none of its work,
// and shows on the queue page. The same event well-formed does its work, so each check
// of "nothing happened" could see something happen.
import type { Job, Queue } from "bullmq";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Prisma } from "#app/generated/prisma/client.ts";
import { getPrisma } from "#app/lib/db.server.ts";
import type { QueueName } from "#app/lib/jobs.server.ts";
import { writeEvent, writeEvents } from "#app/lib/outbox.server.ts";
import { makeQueue } from "#app/lib/queues.server.ts";
import { redisConnection } from "#app/lib/redis.server.ts";
import { waitFor } from "#scripts/lib/proc.ts";
import { applySearchSettings } from "#search/setup.server.ts";
import { postingsIndex } from "#search/sync.server.ts";
import { Client, html } from "#tests/helpers/http.ts";
import { mailsTo } from "#tests/helpers/mail.ts";
import { startWeb, startWorker, testEnv, type Proc } from "#tests/helpers/processes.ts";
import { outboxJobId } from "#workers/outbox.ts";

let web: Proc & { url: string };
let worker: Proc;
const queues = new Map<QueueName, Queue>();
beforeAll(async () => {
  await applySearchSettings();
  [web, worker] = await Promise.all([startWeb(testEnv()), startWorker(testEnv())]);
});
afterAll(async () => {
  await Promise.all([...queues.values()].map((q) => q.close()));
  await Promise.all([web?.stop(), worker?.stop()]);
});

function queue(name: QueueName): Queue {
  if (!queues.has(name)) queues.set(name, makeQueue(name, redisConnection("worker")));
  return queues.get(name)!;
}

/** An outbox row written past writeEvent, as a hand-made or older row would be. */
async function rawEvent(topic: string, payload: unknown): Promise<bigint> {
  return (await getPrisma().outboxEvent.create({ data: { topic, payload: payload as Prisma.InputJsonValue }, select: { id: true } })).id;
}

async function failed(name: QueueName, jobId: string): Promise<Job> {
  return waitFor(
    `job ${jobId} to fail`,
    // The state first, then the job: a job read before it failed would have no failedReason.
    async () => ((await queue(name).getJobState(jobId)) === "failed" ? queue(name).getJob(jobId) : undefined),
    { timeoutMs: 60_000 },
  );
}

/** The event's job failed for good with `error`, and the event waits, unprocessed, with the same error. */
async function expectFailedEvent(name: QueueName, id: bigint, error: string): Promise<void> {
  const job = await failed(name, outboxJobId(id));
  expect(job.failedReason).toBe(error);
  expect(job.attemptsMade).toBe(1);
  expect(await getPrisma().outboxEvent.findUniqueOrThrow({ where: { id }, select: { processedAt: true, lastError: true } })).toEqual({
    processedAt: null,
    lastError: error,
  });
}

const handled = (id: bigint) =>
  waitFor(`event ${id} handled`, async () => (await getPrisma().outboxEvent.findUniqueOrThrow({ where: { id } })).processedAt !== null, {
    timeoutMs: 60_000,
  });

async function person(name: string, email: string) {
  return getPrisma().user.create({ data: { name, email, role: "researcher", emailConfirmedAt: new Date() } });
}

describe("payloads that do not fit their topic", () => {
  it("are refused by writeEvent and writeEvents, and the change that wrote them rolls back", async () => {
    const prisma = getPrisma();
    await expect(
      prisma.$transaction(async (tx) => {
        await tx.user.create({ data: { name: "Writer", email: "writer@example.se", role: "researcher" } });
        await writeEvent(tx, "email.send", { to: "writer@example.se\nBcc: everyone@example.se", subject: "s", text: "t" });
      }),
    ).rejects.toThrow("Invalid email.send payload: to: must be one email address");
    await expect(
      prisma.$transaction((tx) => writeEvents(tx, "search.postings", [{ postingIds: [] }, { postingIds: ["42"] }])),
    ).rejects.toThrow("Invalid search.postings payload: postingIds.0: must be an id");
    await expect(prisma.$transaction((tx) => writeEvent(tx, "consortium.changed", {} as never))).rejects.toThrow(
      "Invalid consortium.changed payload: consortiumId: Invalid input: expected string, received undefined",
    );
    expect(await prisma.outboxEvent.count()).toBe(0);
    expect(await prisma.user.count({ where: { email: "writer@example.se" } })).toBe(0);
  });

  it("fail their email job at once, send nothing, and show on the queue page as failed with the error", async () => {
    const prisma = getPrisma();
    const bad = await rawEvent("email.send", { to: "bad-subject@example.se", subject: 42, text: "Body" });
    const error = "Invalid email.send payload: subject: Invalid input: expected string, received number";
    await expectFailedEvent("email", bad, error);
    expect(await mailsTo("bad-subject@example.se")).toEqual([]);

    const reader = await person("Reset Reader", "reset-reader@example.se");
    const badReset = await rawEvent("account.password-reset", { email: "reset-reader@example.se", locale: "de" });
    await expectFailedEvent("email", badReset, 'Invalid account.password-reset payload: locale: Invalid option: expected one of "sv"|"en"');
    expect(await prisma.passwordResetToken.count({ where: { userId: reader.id } })).toBe(0);
    expect(await mailsTo("reset-reader@example.se")).toEqual([]);

    // Well-formed, the same events do their work.
    const good = await prisma.$transaction((tx) =>
      writeEvent(tx, "email.send", { to: "bad-subject@example.se", subject: "Fine", text: "Body" }),
    );
    const goodReset = await prisma.$transaction((tx) =>
      writeEvent(tx, "account.password-reset", { email: "reset-reader@example.se", locale: "sv" }),
    );
    await handled(good);
    await handled(goodReset);
    expect((await mailsTo("bad-subject@example.se")).map((m) => m.subject)).toEqual(["Fine"]);
    expect(await prisma.passwordResetToken.count({ where: { userId: reader.id } })).toBe(1);

    const ada = new Client(web.url);
    await ada.register("Ada Payloads", "ada-payloads@example.se");
    await prisma.user.update({ where: { email: "ada-payloads@example.se" }, data: { role: "admin" } });
    const page = await html(await ada.get("/admin/queues"));
    const row = new RegExp(`<tr>(?:(?!</tr>).)*${outboxJobId(bad)}(?:(?!</tr>).)*</tr>`, "s").exec(page)?.[0] ?? "";
    expect(row).toContain("email.send");
    expect(row).toContain(">failed<");
    expect(row).toContain(error);
    expect(row).toContain("1 / 8");
    // The outbox part of the page lists the event that waits, with the same error.
    expect(page).toMatch(new RegExp(`<code>email.send</code> #${bad} [^<]*<span class="job-error">${error}</span>`));
  });

  it("fail their search job without indexing them, while the rest of the batch is indexed", async () => {
    const prisma = getPrisma();
    const owner = await person("Index Owner", "index-owner@example.se");
    const posting = (title: string) =>
      prisma.posting.create({
        data: {
          kind: "competence",
          title,
          description: "Gearbox vibration.",
          keywords: [],
          subjects: [],
          language: "en",
          ownerId: owner.id,
          expiresAt: new Date(Date.now() + 30 * 24 * 3600 * 1000),
        },
      });
    const [left, indexed] = await Promise.all([posting("Left out of the index"), posting("Indexed with it")]);
    const bad = await rawEvent("search.postings", { postingIds: [left.id, "42"] });
    const good = await prisma.$transaction((tx) => writeEvent(tx, "search.postings", { postingIds: [indexed.id] }));
    await expectFailedEvent("search", bad, "Invalid search.postings payload: postingIds.1: must be an id");
    await handled(good);
    expect((await postingsIndex().getDocument(indexed.id)).id).toBe(indexed.id);
    await expect(postingsIndex().getDocument(left.id)).rejects.toThrow();
  });

  it("fail their consortium job without announcing anything", async () => {
    const prisma = getPrisma();
    // No companies needed: a well-formed event announces that the threshold is reached.
    const programme = await prisma.programme.create({
      data: { name: "Call without a threshold", projectType: "research", minIndependentCompanies: 0 },
    });
    const uni = await prisma.organization.create({ data: { name: "Payload University", kind: "university", eligibleApplicant: true } });
    const coordinator = await person("Payload Coordinator", "payload-coordinator@example.se");
    const c = await prisma.consortium.create({
      data: {
        programmeId: programme.id,
        title: "Payload consortium",
        summary: "s",
        requestedFunding: 1_000_000n,
        leadOrganizationId: uni.id,
        coordinatorId: coordinator.id,
      },
    });
    const notices = () => prisma.notification.count({ where: { userId: coordinator.id, link: `/consortia/${c.id}` } });

    const bad = await rawEvent("consortium.changed", { consortiumId: [c.id] });
    await expectFailedEvent(
      "consortia",
      bad,
      "Invalid consortium.changed payload: consortiumId: Invalid input: expected string, received array",
    );
    expect(await notices()).toBe(0);
    expect((await prisma.consortium.findUniqueOrThrow({ where: { id: c.id } })).thresholdMet).toBe(false);

    await handled(await prisma.$transaction((tx) => writeEvent(tx, "consortium.changed", { consortiumId: c.id })));
    expect(await notices()).toBe(1);
    const [mail] = await waitFor("the coordinator's email", async () =>
      (await mailsTo("payload-coordinator@example.se")).length ? mailsTo("payload-coordinator@example.se") : undefined,
    );
    expect(mail!.subject).toBe("Samband: “Payload consortium” now has 0 independent co-funding companies");
  });

  it("fail jobs a queue does not carry, and jobs whose own data is malformed", async () => {
    const cases: [QueueName, string, unknown, string][] = [
      ["email", "email.send", { eventId: "1; DROP TABLE" }, "Invalid email.send job: eventId: must be an outbox event id"],
      ["email", "consortium.changed", { eventId: "1" }, "Unknown email job consortium.changed"],
      ["search", "search.people", {}, "Invalid search.people job: eventId: Invalid input: expected string, received undefined"],
      [
        "consortia",
        "consortium.changed",
        { eventId: 12 },
        "Invalid consortium.changed job: eventId: Invalid input: expected string, received number",
      ],
      [
        "maintenance",
        "prune-heartbeats",
        { olderThanMs: 0 },
        'Invalid prune-heartbeats job: (whole payload): Unrecognized key: "olderThanMs"',
      ],
      ["maintenance", "drop-everything", {}, "Unknown maintenance job drop-everything"],
    ];
    for (const [name, jobName, data, error] of cases) {
      const job = await queue(name).add(jobName, data);
      const done = await failed(name, job.id!);
      expect(done.failedReason, `${name} ${jobName}`).toBe(error);
      expect(done.attemptsMade).toBe(1);
    }
  });
});
