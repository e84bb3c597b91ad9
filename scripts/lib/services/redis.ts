// Redis: the server REDIS_URL names, or a redis-server from PATH with its data under
// <data dir>/redis. No npm package ships a Redis binary (docs/decisions/0003).
import { spawn, spawnSync } from "node:child_process";
import { mkdirSync, openSync } from "node:fs";
import path from "node:path";
import { Redis } from "ioredis";
import { freePort, isAlive, readJson, terminate, waitFor, writeJson } from "#scripts/lib/proc.ts";
import type { Log, ServiceHandle } from "#scripts/lib/services/types.ts";

export async function redisReachable(url: string, timeoutMs = 2000): Promise<boolean> {
  const client = new Redis(url, {
    lazyConnect: true,
    connectTimeout: timeoutMs,
    maxRetriesPerRequest: 0,
    enableOfflineQueue: false,
    retryStrategy: () => null,
  });
  client.on("error", () => {});
  try {
    await client.connect();
    return (await client.ping()) === "PONG";
  } catch {
    return false;
  } finally {
    client.disconnect();
  }
}

export const REDIS_MISSING = `No Redis server is reachable and no redis-server is on PATH.
Either point REDIS_URL at a running Redis (6.2 or newer), or install one:
  Debian/Ubuntu:  sudo apt-get install redis-server
  macOS:          brew install redis
  Fedora:         sudo dnf install redis
then run the command again; Samband starts its own redis-server with data under .data/redis.`;

function redisServerOnPath(): string | undefined {
  const found = spawnSync("sh", ["-c", "command -v redis-server"], { encoding: "utf8" });
  return found.status === 0 ? found.stdout.trim() : undefined;
}

export async function ensureEmbeddedRedis(dataDir: string, log: Log): Promise<ServiceHandle> {
  const dir = path.join(dataDir, "redis");
  const stateFile = path.join(dir, "state.json");
  mkdirSync(dir, { recursive: true });

  const state = readJson<{ pid: number; port: number }>(stateFile);
  if (state && isAlive(state.pid) && (await redisReachable(`redis://127.0.0.1:${state.port}`))) {
    return { url: `redis://127.0.0.1:${state.port}`, origin: "embedded (reused)" };
  }

  const binary = redisServerOnPath();
  if (!binary) throw new Error(REDIS_MISSING);

  const port = await freePort();
  log(`Starting redis-server on 127.0.0.1:${port} (data in ${dir})`);
  const out = openSync(path.join(dir, "redis.log"), "a");
  // detached: its own process group, so Ctrl-C reaches only the orchestrator.
  const child = spawn(
    binary,
    [
      "--port",
      String(port),
      "--bind",
      "127.0.0.1",
      "--dir",
      dir,
      "--appendonly",
      "yes",
      "--save",
      "",
      "--daemonize",
      "no",
      "--protected-mode",
      "yes",
    ],
    { detached: true, stdio: ["ignore", out, out] },
  );
  child.unref();
  const pid = child.pid!;
  const url = `redis://127.0.0.1:${port}`;
  await waitFor("redis-server to accept connections", async () => {
    if (!isAlive(pid)) throw new Error(`redis-server exited; see ${path.join(dir, "redis.log")}`);
    return redisReachable(url, 500);
  });
  writeJson(stateFile, { pid, port });
  return { url, origin: "embedded (started)", stop: () => terminate(pid) };
}
