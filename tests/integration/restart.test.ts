// `npm start` keeps the site up when one of its processes is killed: the worker and the
// web process are each restarted, and work written while the worker was dead is done
// exactly once.
import { mkdtempSync, rmSync } from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { getPrisma } from "#app/lib/db.server.ts";
import { writeEvent } from "#app/lib/outbox.server.ts";
import { isAlive, readJson, waitFor } from "#scripts/lib/proc.ts";
import { mailsTo } from "#tests/helpers/mail.ts";
import { runTs, testEnv, waitForOutput, type Proc } from "#tests/helpers/processes.ts";

const dataDir = mkdtempSync(path.join(os.tmpdir(), "samband-restart-"));
const running: Proc[] = [];
const servers: net.Server[] = [];
afterAll(async () => {
  await Promise.all(running.map((p) => p.stop("SIGKILL")));
  for (const server of servers) server.close();
  rmSync(dataDir, { recursive: true, force: true });
});

interface Processes {
  supervisor: number;
  web?: { pid: number; port: number };
  worker?: { pid: number };
}
const processes = (dir = dataDir) => readJson<Processes>(path.join(dir, "processes.json"));

function listen(port: number): Promise<net.Server | undefined> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once("error", () => resolve(undefined));
    server.listen(port, "127.0.0.1", () => resolve(server));
  });
}

async function health(url: string) {
  const res = await fetch(`${url}/healthz`);
  return { status: res.status, body: (await res.json()) as { failing: string[]; checks: Record<string, { ok: boolean; alive?: number }> } };
}

async function sendMail(to: string, subject: string) {
  const prisma = getPrisma();
  return prisma.$transaction((tx) => writeEvent(tx, "email.send", { to, subject, text: `${subject}.` }));
}

describe("npm start restarts a process that dies", () => {
  it("restarts a killed worker, which then does the work written while it was dead exactly once; restarts a killed web process on the same port", async () => {
    // The file's database is already migrated; no demo data is needed.
    const start = runTs("scripts/start.ts", testEnv({ SAMBAND_DATA_DIR: dataDir, SAMBAND_SEED: "never" }));
    running.push(start);
    const [, url] = await waitForOutput(start, /Samband is running at (http:\/\/\S+)/, 120_000);
    const first = processes()!;
    expect(first.supervisor).toBe(start.child.pid);
    expect(`http://127.0.0.1:${first.web!.port}`).toBe(url);
    await waitFor("a healthy site", async () => (await health(url!)).status === 200);

    // The worker dies without warning.
    const oldWorker = first.worker!.pid;
    process.kill(oldWorker, "SIGKILL");
    await waitFor("the killed worker to be gone", async () => !isAlive(oldWorker));
    // Very likely before the restart (the first restart waits 0.5 s); done exactly once either way.
    const event = await sendMail("restart@example.test", "Written while the worker was dead");

    const [, newWorker] = await waitForOutput(start, /\[start\] worker restarted \(pid (\d+)\)/, 60_000);
    expect(start.output()).toContain(`The worker process (pid ${oldWorker}) died (signal SIGKILL); restarting it in 0.5 s`);
    expect(Number(newWorker)).not.toBe(oldWorker);
    expect(processes()!.worker!.pid).toBe(Number(newWorker));

    // The dead worker no longer counts as alive; the new one does.
    await waitFor(
      "the new worker's heartbeat",
      async () => (await getPrisma().workerHeartbeat.count({ where: { pid: Number(newWorker) } })) === 1,
    );
    expect(await getPrisma().workerHeartbeat.count({ where: { pid: oldWorker } })).toBe(0);
    const healthy = await waitFor("/healthz to count one live worker", async () => {
      const h = await health(url!);
      return h.status === 200 ? h : undefined;
    });
    expect(healthy.body.checks.workers).toMatchObject({ ok: true, alive: 1 });

    // The mail written meanwhile goes out once: a later one is sent after it, and the first is still alone.
    await waitFor(
      "the outbox event to be processed",
      async () => (await getPrisma().outboxEvent.findUnique({ where: { id: event } }))?.processedAt,
    );
    await sendMail("restart@example.test", "Written after the restart");
    await waitFor("the second mail", async () =>
      (await mailsTo("restart@example.test")).some((m) => m.subject === "Written after the restart"),
    );
    const subjects = (await mailsTo("restart@example.test")).map((m) => m.subject).sort();
    expect(subjects).toEqual(["Written after the restart", "Written while the worker was dead"]);

    // The web process dies without warning: the site answers again at the same address.
    const oldWeb = processes()!.web!.pid;
    process.kill(oldWeb, "SIGKILL");
    const [, newWeb] = await waitForOutput(start, /\[start\] web restarted \(pid (\d+)\)/, 60_000);
    expect(start.output()).toContain(`The web process (pid ${oldWeb}) died (signal SIGKILL); restarting it in 0.5 s`);
    expect(processes()!.web).toEqual({ pid: Number(newWeb), port: first.web!.port });
    const home = await fetch(url!);
    expect(home.status).toBe(200);
    expect(await home.text()).toContain("Find the partners for your co-produced project");

    // Still an orderly stop, with nothing restarted on the way out.
    start.child.kill("SIGTERM");
    expect(await start.exited).toBe(0);
    const out = start.output();
    expect(out.indexOf("[web] stopped")).toBeLessThan(out.indexOf("[worker] stopped"));
    expect(out.indexOf("[worker] stopped")).toBeLessThan(out.indexOf("Stopped."));
    expect(out.match(/restarted \(pid/g)).toHaveLength(2);
    expect(processes()).toBeUndefined();
  }, 240_000);

  it("gives up on a process that keeps dying, saying which, how and where its log is, and stops everything", async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "samband-give-up-"));
    try {
      const start = runTs("scripts/start.ts", testEnv({ SAMBAND_DATA_DIR: dir, SAMBAND_SEED: "never" }));
      running.push(start);
      await waitForOutput(start, /Samband is running at/, 120_000);
      const port = processes(dir)!.web!.port;

      // Take the web port the moment its process dies, so every restart fails to listen.
      // Should a restart win the port first, kill that one too (it counts as a crash as well).
      let blocker: net.Server | undefined;
      while (!blocker) {
        const pid = (await waitFor("a running web process", async () => processes(dir)?.web?.pid, { timeoutMs: 60_000 }))!;
        process.kill(pid, "SIGKILL");
        await waitFor("the killed web process to be gone", async () => !isAlive(pid));
        blocker = await listen(port);
      }
      servers.push(blocker);

      expect(await start.exited).toBe(1);
      const out = start.output();
      expect(out).toContain(`[web] port ${port} is in use`);
      expect(out).toMatch(
        /The web process \(pid \d+\) died 5 times within 60 s, the last time with (exit code 1|signal SIGKILL); restarting it does not help, so Samband stops\. Its log is this command's output: the lines starting with \[web\]\./,
      );
      expect(out).toContain("Gave up restarting: stopping web, then worker, then services");
      expect(out.indexOf("Gave up restarting")).toBeLessThan(out.indexOf("[worker] stopped"));
      expect(out.indexOf("[worker] stopped")).toBeLessThan(out.indexOf("Stopped."));
      expect(processes(dir)).toBeUndefined();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 240_000);
});
