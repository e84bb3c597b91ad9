// Small process helpers shared by the service launchers and the orchestrator.
import { closeSync, openSync, readFileSync, rmSync, writeFileSync, mkdirSync } from "node:fs";
import net from "node:net";
import path from "node:path";

export function isAlive(pid: number | undefined): boolean {
  if (!pid || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to another user (e.g. postgres).
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** Polls `check` until it returns a value other than undefined/false, or times out. */
export async function waitFor<T>(
  what: string,
  check: () => Promise<T | undefined | false>,
  { timeoutMs = 30_000, intervalMs = 100 } = {},
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value !== undefined && value !== false) return value;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() > deadline) {
      const reason = lastError instanceof Error ? `: ${lastError.message}` : "";
      throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}${reason}`);
    }
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}

/** A free TCP port on 127.0.0.1: `preferred` if it is free, else any. */
export async function freePort(preferred?: number): Promise<number> {
  if (preferred) {
    const got = await listenOn(preferred).catch(() => undefined);
    if (got) return got;
  }
  return listenOn(0);
}

function listenOn(port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on("error", reject);
    server.listen(port, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

export function readJson<T>(file: string): T | undefined {
  try {
    return JSON.parse(readFileSync(file, "utf8")) as T;
  } catch {
    return undefined;
  }
}

export function writeJson(file: string, value: unknown): void {
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, JSON.stringify(value, null, 2) + "\n", { mode: 0o600 });
}

/**
 * An exclusive lock file holding the owner's pid. A lock whose owner has died is
 * taken over, so a crash never leaves the project locked.
 * Returns undefined (instead of waiting) when `wait` is false and the lock is held.
 */
export async function acquireLock(
  file: string,
  { wait = true, timeoutMs = 120_000 } = {},
): Promise<{ release(): void; holder?: undefined } | { release?: undefined; holder: number }> {
  mkdirSync(path.dirname(file), { recursive: true });
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const fd = openSync(file, "wx", 0o600);
      writeFileSync(fd, String(process.pid));
      closeSync(fd);
      return {
        release: () => {
          if (readFileSync(file, "utf8").trim() === String(process.pid)) rmSync(file, { force: true });
        },
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      let holder = NaN;
      try {
        holder = Number(readFileSync(file, "utf8").trim());
      } catch {
        continue; // removed between our open and read: try again
      }
      // An empty file means the holder is between open and write: give it a moment.
      if (Number.isFinite(holder) && holder > 0 && !isAlive(holder)) {
        rmSync(file, { force: true });
        continue;
      }
      if (!wait) return { holder };
      if (Date.now() > deadline) throw new Error(`Timed out waiting for lock ${file} held by pid ${holder}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}

/** Sends SIGTERM and waits for the process to exit; SIGKILL after `graceMs`. */
export async function terminate(pid: number, graceMs = 15_000): Promise<void> {
  if (!isAlive(pid)) return;
  try {
    process.kill(pid, "SIGTERM");
  } catch {
    return;
  }
  try {
    await waitFor(`pid ${pid} to exit`, async () => !isAlive(pid), { timeoutMs: graceMs, intervalMs: 50 });
  } catch {
    try {
      process.kill(pid, "SIGKILL");
    } catch {
      /* already gone */
    }
  }
}
