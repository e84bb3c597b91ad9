// Starts the product's own processes (web, worker, npm start) for a test, with the
// test file's services, and stops them afterwards.
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { waitFor } from "#scripts/lib/proc.ts";

export const ROOT = path.resolve(import.meta.dirname, "../..");
export const TEST_BUILD_DIR = "build-test";

export interface Proc {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
  stop: (signal?: NodeJS.Signals) => Promise<number | null>;
}

export function testEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const keep = [
    "PATH",
    "HOME",
    "DATABASE_URL",
    "REDIS_URL",
    "MEILI_URL",
    "MEILI_MASTER_KEY",
    "SAMBAND_INDEX_PREFIX",
    "SAMBAND_QUEUE_PREFIX",
    "SAMBAND_HEARTBEAT_MS",
    "SAMBAND_HEALTH_TIMEOUT_MS",
    "SAMBAND_MAIL_DIR",
    "SMTP_URL",
  ];
  const env: NodeJS.ProcessEnv = { NODE_ENV: "production", SAMBAND_BUILD_DIR: TEST_BUILD_DIR, PORT: "0" };
  for (const k of keep) if (process.env[k] !== undefined) env[k] = process.env[k];
  return { ...env, ...extra };
}

/** Runs a TypeScript entry point of ours (e.g. "server/index.ts") with tsx. */
export function runTs(entry: string, env: NodeJS.ProcessEnv, args: string[] = []): Proc {
  const child = spawn(process.execPath, ["--import", "tsx", path.join(ROOT, entry), ...args], {
    cwd: ROOT,
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  child.stdout!.on("data", (d) => (out += d));
  child.stderr!.on("data", (d) => (out += d));
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  return {
    child,
    output: () => out,
    exited,
    stop: async (signal = "SIGTERM") => {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      return exited;
    },
  };
}

export async function waitForOutput(proc: Proc, pattern: RegExp, timeoutMs = 60_000): Promise<RegExpMatchArray> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const match = proc.output().match(pattern);
    if (match) return match;
    // A process that has exited will never print it: say so at once, with its output.
    if (proc.child.exitCode !== null || proc.child.signalCode !== null) {
      throw new Error(
        `process exited (${proc.child.exitCode ?? proc.child.signalCode}) before printing ${pattern}\n--- output ---\n${proc.output()}`,
      );
    }
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${pattern}\n--- output ---\n${proc.output()}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Starts the web server on a free port; resolves with its base URL. */
export async function startWeb(env: NodeJS.ProcessEnv): Promise<Proc & { url: string }> {
  const proc = runTs("server/index.ts", env);
  const m = await waitForOutput(proc, /listening on (http:\/\/\S+)/);
  return { ...proc, url: m[1]! };
}

export async function startWorker(env: NodeJS.ProcessEnv): Promise<Proc> {
  const proc = runTs("workers/main.ts", env);
  await waitForOutput(proc, /\[worker\] pid \d+ processing/);
  return proc;
}

/** Waits until the worker has applied every pending search change (the browse page reads the index). */
export async function searchSettled(): Promise<void> {
  const { getPrisma } = await import("#app/lib/db.server.ts");
  await waitFor(
    "the search index to catch up",
    async () => (await getPrisma().outboxEvent.count({ where: { topic: { startsWith: "search." }, processedAt: null } })) === 0,
    { timeoutMs: 60_000 },
  );
}
