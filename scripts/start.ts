// npm start: services, migrations, demo data, build, then one web and one worker
// process, each restarted if it dies (scripts/lib/supervise.ts). Ctrl-C stops them in
// order: web, worker, then the services it started.
// npm run dev (--dev): the same, without the build: the web process serves the sources
// through Vite (server/index.ts --dev), so an edited route shows without a restart.
import { rmSync } from "node:fs";
import path from "node:path";
import { loadConfigOrExit, reloadConfig } from "#app/lib/config.server.ts";
import { disconnectPrisma, getPrisma } from "#app/lib/db.server.ts";
import { seedIfEmpty } from "#prisma/seed.ts";
import { applySearchSettings } from "#search/setup.server.ts";
import { buildApp, buildIsStale } from "#scripts/lib/build.ts";
import { startMailCatcher, type MailCatcher } from "#scripts/lib/mail-catcher.ts";
import { migrate } from "#scripts/lib/migrate.ts";
import { acquireLock, waitFor, writeJson } from "#scripts/lib/proc.ts";
import { ensureServices, serviceEnv } from "#scripts/lib/services/index.ts";
import { Supervisor } from "#scripts/lib/supervise.ts";
import { removeBeatOf } from "#workers/heartbeat.ts";

const ROOT = path.resolve(import.meta.dirname, "..");

const DEV = process.argv.includes("--dev");

async function main() {
  let config = loadConfigOrExit();

  const lock = await acquireLock(path.join(config.dataDir, "samband.lock"), { wait: false });
  if (!lock.release) {
    console.error(
      `Samband is already running from ${config.dataDir} (pid ${lock.holder}). Use that one, or stop it first (Ctrl-C in its terminal, or kill ${lock.holder}).`,
    );
    process.exit(1);
  }

  // Who is running now, for operators and tests (e.g. to signal one child): rewritten at
  // every (re)start, removed at shutdown.
  const processesFile = path.join(config.dataDir, "processes.json");
  let shutdown: (reason: string, code: number) => Promise<void> = async () => {};
  const supervisor = new Supervisor({
    root: ROOT,
    log: (line) => console.log(line),
    onChildren: (children) => writeJson(processesFile, { supervisor: process.pid, ...children }),
    onGiveUp: (message) => {
      console.error(`\n${message}`);
      void shutdown("Gave up restarting", 1);
    },
  });
  let services: Awaited<ReturnType<typeof ensureServices>> | undefined;
  let catcher: MailCatcher | undefined;
  let stopping = false;
  shutdown = async (reason: string, code: number) => {
    if (stopping) return;
    stopping = true;
    supervisor.stopRestarting();
    console.log(`\n${reason}: stopping web, then worker, then services…`);
    await supervisor.stop("web", 15_000);
    await supervisor.stop("worker", 60_000);
    rmSync(processesFile, { force: true });
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
  process.on("exit", () => supervisor.killAll());

  try {
    services = await ensureServices(config);
    Object.assign(process.env, serviceEnv(services));
    // No mail server configured: catch what would be sent, so nothing leaves the machine.
    if (!config.SMTP_URL) {
      catcher = await startMailCatcher(config.mailDir);
      process.env.SMTP_URL = catcher.url;
      services.summary.push(
        `${"Mail".padEnd(12)} ${catcher.url}  [caught, not delivered: ${path.relative(process.cwd(), config.mailDir) || config.mailDir}/*.eml]`,
      );
    }
    config = reloadConfig();

    const applied = await migrate(services.databaseUrl, { log: console.log });
    if (applied.length) console.log(`Applied ${applied.length} migration(s).`);
    if (config.SAMBAND_SEED === "auto" && (await seedIfEmpty(getPrisma()))) console.log("Seeded the demo data (first run).");
    await disconnectPrisma();
    await applySearchSettings();

    if (!DEV && buildIsStale(config.SAMBAND_BUILD_DIR)) {
      console.log("Building the web app…");
      await buildApp(config.SAMBAND_BUILD_DIR);
    }

    // Vite's dev server and React's development build go together.
    const env = { ...process.env, NODE_ENV: DEV ? "development" : process.env.NODE_ENV || "production" };
    await supervisor.start({
      name: "worker",
      entry: "workers/main.ts",
      env: () => env,
      // A killed worker cannot remove its heartbeat; without this /healthz would count it
      // alive for three more intervals.
      onCrash: (pid) => removeBeatOf(pid),
    });
    const first: { port?: number } = {};
    const { port } = await supervisor.start({
      name: "web",
      entry: "server/index.ts",
      args: DEV ? ["--dev"] : [],
      // A restarted web process takes the port the first one got (PORT=0 picks a free one).
      env: () => (first.port ? { ...env, PORT: String(first.port) } : env),
    });
    first.port = port;
    const url = `http://${config.HOST === "0.0.0.0" ? "localhost" : config.HOST}:${port}`;
    await waitFor("the web app to answer", async () => (await fetch(url + "/healthz")).status < 500, { timeoutMs: 30_000 }).catch(() => {});

    console.log(`\nSamband is running at ${url}${DEV ? " (development: edits reload)" : ""}\n`);
    for (const line of services.summary) console.log(`  ${line}`);
    console.log(`  Health       ${url}/healthz\n\nPress Ctrl-C to stop.`);
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    await shutdown("Start-up failed", 1);
  }
}

void main();
