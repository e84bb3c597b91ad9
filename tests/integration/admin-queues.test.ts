// The queue dashboard: an email job that failed (its mail server was down) is listed with
// its error, and the administrator's Retry delivers it once the server is back; only
// administrators see or use it; bad input is refused and retries nothing.
import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getPrisma } from "#app/lib/db.server.ts";
import { writeEvent } from "#app/lib/outbox.server.ts";
import { redisConnection } from "#app/lib/redis.server.ts";
import { startMailCatcher, type MailCatcher } from "#scripts/lib/mail-catcher.ts";
import { waitFor } from "#scripts/lib/proc.ts";
import { outboxJobId } from "#workers/outbox.ts";
import { makeQueue } from "#app/lib/queues.server.ts";
import { Client, html } from "#tests/helpers/http.ts";
import { startWeb, startWorker, testEnv, type Proc } from "#tests/helpers/processes.ts";

let web: Proc & { url: string };
let worker: Proc;
let catcher: MailCatcher;
const dir = mkdtempSync(path.join(os.tmpdir(), "samband-dashboard-mail-"));
beforeAll(async () => {
  catcher = await startMailCatcher(dir);
  await catcher.stop(); // the mail server is down to begin with; its port is kept for later
  [web, worker] = await Promise.all([startWeb(testEnv()), startWorker(testEnv({ SMTP_URL: catcher.url }))]);
});
afterAll(async () => {
  await Promise.all([web?.stop(), worker?.stop()]);
  await catcher?.stop();
});

async function admin() {
  const c = new Client(web.url);
  await c.register("Ada Admin", "ada-admin@example.se");
  await getPrisma().user.update({ where: { email: "ada-admin@example.se" }, data: { role: "admin" } });
  return c;
}

describe("the queue dashboard", () => {
  it("shows a failed job with its error, and Retry delivers it once the mail server is back", async () => {
    // An email whose retries have run out: dispatched by hand with a single attempt, so the
    // test need not wait through eight backoffs.
    const prisma = getPrisma();
    const id = await prisma.$transaction(async (tx) => {
      const id = await writeEvent(tx, "email.send", { to: "stuck@example.se", subject: "Stuck <b>mail</b>", text: "Body" });
      await tx.outboxEvent.update({ where: { id }, data: { dispatchedAt: new Date() } });
      return id;
    });
    const queue = makeQueue("email", redisConnection("worker"));
    const jobId = outboxJobId(id);
    await queue.add("email.send", { eventId: String(id) }, { jobId, attempts: 1 });
    await waitFor(
      "the job to fail",
      async () => (await queue.getJob(jobId))?.finishedOn !== undefined && (await queue.getJobCounts("failed")).failed === 1,
      { timeoutMs: 30_000 },
    );

    const ada = await admin();
    let page = await html(await ada.get("/admin/queues"));
    expect(page).toContain("Background work");
    expect(page).toContain(jobId);
    expect(page).toMatch(/ECONNREFUSED|connect/);
    expect(page).toContain("1 / 1");
    expect(page).toContain("1 failed");
    expect(page).toContain("Changes whose handling failed");

    // The server comes back on the same port, and Retry delivers the email once.
    catcher = await startMailCatcher(dir, { port: catcher.port });
    const res = await ada.post("/admin/queues", { queue: "email", job: jobId });
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toContain("/admin/queues?retried=");
    const mails = () => readdirSync(dir).map((f) => readFileSync(path.join(dir, f), "utf8"));
    await waitFor("the retried email", async () => mails().some((m) => m.includes("stuck@example.se")), { timeoutMs: 30_000 });
    // The catcher writes the file before the worker records the event as handled: wait for that.
    await waitFor(
      "the job to complete",
      async () =>
        (await queue.getJob(jobId))?.finishedOn !== undefined &&
        (await queue.getJob(jobId))!.returnvalue !== undefined &&
        (await prisma.outboxEvent.findUniqueOrThrow({ where: { id } })).processedAt !== null,
    );
    expect(await queue.getJobCounts("failed")).toEqual({ failed: 0 });
    page = await html(await ada.get("/admin/queues"));
    expect(page).not.toContain(jobId);
    // A second Retry of the same job: it has not failed, nothing is sent again. The job is
    // still the one that completed, not run anew, and its event was handled: no job can send it.
    const finishedOn = (await queue.getJob(jobId))!.finishedOn;
    expect((await ada.post("/admin/queues", { queue: "email", job: jobId })).status).toBe(409);
    expect(await queue.getJobState(jobId)).toBe("completed");
    expect((await queue.getJob(jobId))!.finishedOn).toBe(finishedOn);
    expect(mails().filter((m) => m.includes("stuck@example.se"))).toHaveLength(1);
    await queue.close();
  });

  it("is for administrators only, and refuses unknown queues, malformed and unknown jobs, and missing CSRF", async () => {
    const visitor = await fetch(`${web.url}/admin/queues`, { redirect: "manual" });
    expect(visitor.status).toBe(302);
    expect(visitor.headers.get("location")).toContain("/login?redirectTo=%2Fadmin%2Fqueues");
    const member = new Client(web.url);
    await member.register("Not Admin", "not-admin@example.se");
    expect((await member.get("/admin/queues")).status).toBe(403);
    expect((await member.post("/admin/queues", { queue: "email", intent: "retry-all" })).status).toBe(403);
    expect(await html(await member.get("/"))).not.toContain('href="/admin');

    const ada = new Client(web.url);
    await ada.register("Ada Second", "ada-second@example.se");
    await getPrisma().user.update({ where: { email: "ada-second@example.se" }, data: { role: "admin" } });
    expect(await html(await ada.get("/"))).toContain('href="/admin');
    for (const [fields, status, message] of [
      [{ queue: "mail", job: "outbox-1" }, 400, "There is no queue of that name."],
      [{ queue: "", intent: "retry-all" }, 400, "There is no queue of that name."],
      [{ queue: 'email" OR 1=1', job: "outbox-1" }, 400, "There is no queue of that name."],
      [{ queue: "email", job: "<script>alert(1)</script>" }, 400, "That job does not exist"],
      [{ queue: "email", job: "x".repeat(5000) }, 400, "That job does not exist"],
      [{ queue: "email", job: "outbox-999999" }, 404, "That job does not exist"],
    ] as const) {
      const res = await ada.post("/admin/queues", fields);
      expect(res.status, JSON.stringify(fields).slice(0, 80)).toBe(status);
      expect(await res.text()).toContain(message);
    }
    expect((await ada.post("/admin/queues", { queue: "email", intent: "retry-all" }, { csrf: false })).status).toBe(403);
    const all = await ada.post("/admin/queues", { queue: "consortia", intent: "retry-all" });
    expect(all.status).toBe(302);
    expect(decodeURIComponent(all.headers.get("location")!)).toContain("0 × consortia");
  });
});
