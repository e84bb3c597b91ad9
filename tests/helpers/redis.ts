// A Redis server of a test's own, to stop and start again on the same port: an outage
// without disturbing the Redis every other test file uses.
import { spawn, type ChildProcess } from "node:child_process";
import { freePort, isAlive, waitFor } from "#scripts/lib/proc.ts";
import { redisReachable } from "#scripts/lib/services/redis.ts";

export interface OwnRedis {
  url: string;
  /** Kills it (SIGKILL: nothing is saved) and waits until it is gone. */
  kill(): Promise<void>;
  /** Starts it again on the same port. */
  start(): Promise<void>;
}

const running: ChildProcess[] = [];

export async function ownRedis(): Promise<OwnRedis> {
  const port = await freePort();
  const url = `redis://127.0.0.1:${port}`;
  let server: ChildProcess | undefined;
  const start = async () => {
    server = spawn("redis-server", ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"], {
      stdio: "ignore",
    });
    running.push(server);
    await waitFor("our Redis", () => redisReachable(url, 300));
  };
  await start();
  return {
    url,
    start,
    kill: async () => {
      const s = server!;
      s.kill("SIGKILL");
      await waitFor("Redis to be gone", async () => !isAlive(s.pid));
    },
  };
}

/** For afterAll: no Redis of ours outlives its test file. */
export function killOwnRedis(): void {
  for (const r of running) r.kill("SIGKILL");
}
