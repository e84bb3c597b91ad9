// npm start: services, migrations, demo data, build, then one web and one worker
// process. Ctrl-C stops them in order: web, worker, then the services it started.
import { fork, type ChildProcess } from "node:child_process";
import path from "node:path";
import { loadConfigOrExit, reloadConfig } from "../app/lib/config.server.ts";
import { disconnectPrisma, getPrisma } from "../app/lib/db.server.ts";
import { seedIfEmpty } from "../prisma/seed.ts";
import { applySearchSettings } from "../search/setup.server.ts";
import { buildApp, buildIsStale } from "./lib/build.ts";
import { startMailCatcher, type MailCatcher } from "./lib/mail-catcher.ts";
import { migrate } from "./lib/migrate.ts";
import { acquireLock, waitFor } from "./lib/proc.ts";
import { ensureServices, serviceEnv } from "./lib/services/index.ts";

const ROOT = path.resolve(import.meta.dirname, "..");

function startChild(name: string, entry: string, env: NodeJS.ProcessEnv): { child: ChildProcess; ready: Promise<{ port?: number }> } {
  const child = fork(path.join(ROOT, entry), [], {
    cwd: ROOT,
    env,
    execArgv: ["--import", "tsx"],
    // Own process group: a Ctrl-C in the terminal reaches only this orchestrator,
    // which then stops the children in order. The IPC channel tells a child when we
    // are gone, even after a SIGKILL.
    detached: true,
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  const ready = new Promise<{ port?: number }>((resolve, reject) => {
    child.on("message", (m: { type?: string; port?: number }) => m?.type === "ready" && resolve(m));
    child.once("exit", (code) => reject(new Error(`${name} exited during start-up (code ${code})`)));
  });
  return { child, ready };
}

function stopChild(child: ChildProcess | undefined, graceMs: number): Promise<void> {
  if (!child || child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill("SIGKILL"), graceMs);
    child.once("exit", () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill("SIGTERM");
  });
}

async function main() {
  let config = loadConfigOrExit();

  const lock = await acquireLock(path.join(config.dataDir, "samband.lock"), { wait: false });
  if (!lock.release) {
    console.error(
      `Samband is already running from ${config.dataDir} (pid ${lock.holder}). Use that one, or stop it first (Ctrl-C in its terminal, or kill ${lock.holder}).`,
    );
    process.exit(1);
  }

  let web: ChildProcess | undefined;
  let worker: ChildProcess | undefined;
  let services: Awaited<ReturnType<typeof ensureServices>> | undefined;
  let catcher: MailCatcher | undefined;
  let stopping = false;
  const shutdown = async (reason: string, code: number) => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${reason}: stopping web, then worker, then services…`);
    await stopChild(web, 15_000);
    await stopChild(worker, 60_000);
    await disconnectPrisma().catch(() => {});
    await catcher?.stop();
    await services?.release();
    lock.release();
    console.log("Stopped.");
    process.exit(code);
  };
  process.on("SIGINT", () => void shutdown("SIGINT", 0));
  process.on("SIGTERM", () => void shutdown("SIGTERM", 0));
  // Last resort if we die with children still up.
  process.on("exit", () => {
    web?.kill("SIGTERM");
    worker?.kill("SIGTERM");
  });

  try {
    services = await ensureServices(config);
    Object.assign(process.env, serviceEnv(services));
    // No mail server configured: catch what would be sent, so nothing leaves the machine.
    if (!config.SMTP_URL) {
      catcher = await startMailCatcher(config.mailDir);
      process.env.SMTP_URL = catcher.url;
      services.summary.push(`${"Mail".padEnd(12)} ${catcher.url}  [caught, not delivered: ${path.relative(process.cwd(), config.mailDir) || config.mailDir}/*.eml]`);
    }
    config = reloadConfig();

    const applied = await migrate(services.databaseUrl, { log: console.log });
    if (applied.length) console.log(`Applied ${applied.length} migration(s).`);
    if (config.SAMBAND_SEED === "auto" && (await seedIfEmpty(getPrisma()))) console.log("Seeded the demo data (first run).");
    await disconnectPrisma();
    await applySearchSettings();

    if (buildIsStale(config.SAMBAND_BUILD_DIR)) {
      console.log("Building the web app…");
      await buildApp(config.SAMBAND_BUILD_DIR);
    }

    const env = { ...process.env, NODE_ENV: process.env.NODE_ENV || "production" };
    const w = startChild("worker", "workers/main.ts", env);
    worker = w.child;
    await w.ready;
    const s = startChild("web", "server/index.ts", env);
    web = s.child;
    const { port } = await s.ready;
    const url = `http://${config.HOST === "0.0.0.0" ? "localhost" : config.HOST}:${port}`;
    await waitFor("the web app to answer", async () => (await fetch(url + "/healthz")).status < 500, { timeoutMs: 30_000 }).catch(() => {});

    console.log(`\nSamband is running at ${url}\n`);
    for (const line of services.summary) console.log(`  ${line}`);
    console.log(`  Health       ${url}/healthz\n\nPress Ctrl-C to stop.`);

    for (const [name, child] of [["web", web], ["worker", worker]] as const) {
      child.on("exit", (code, signal) => {
        if (!stopping) void shutdown(`The ${name} process exited unexpectedly (${signal ?? `code ${code}`})`, 1);
      });
    }
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    await shutdown("Start-up failed", 1);
  }
}

void main();
