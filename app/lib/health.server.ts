// The state of every part the product depends on, for GET /healthz.
//
// A monitor, a load balancer and an attacker may all ask at once, and the answer must
// stay true under that load: one check runs at a time, callers meanwhile share it, and
// its result serves for a second. The database is asked over a connection of its own,
// so a busy page pool cannot make it look down. The body names each part and its state,
// never a host, port or driver message (those go to the server log, once per change).
import pg from "pg";
import type { Redis } from "ioredis";
import { meili } from "#app/lib/meili.server.ts";
import { loadConfig } from "#app/lib/config.server.ts";
import { requireUrl } from "#app/lib/db.server.ts";
import { redisConnection } from "#app/lib/redis.server.ts";

export type PartStatus = "up" | "down" | "stale" | "unknown";

export interface PartHealth {
  ok: boolean;
  status: PartStatus;
  /** Why it is not up, in words that reveal nothing about the infrastructure. */
  error?: string;
  [detail: string]: unknown;
}

export interface Health {
  ok: boolean;
  failing: string[];
  checks: { database: PartHealth; redis: PartHealth; meilisearch: PartHealth; workers: PartHealth };
}

/** How long one result answers every caller. */
const REUSE_MS = 1000;

class TimedOut extends Error {}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    let settled = false;
    const timer = setTimeout(() => {
      // A busy process may run this timer late, when the answer has arrived but is not
      // yet read: give waiting I/O one turn so that is not mistaken for a slow part.
      setImmediate(() => {
        if (!settled) reject(new TimedOut(`did not answer within ${ms} ms`));
      });
    }, ms);
    timer.unref();
    promise.then(
      (value) => {
        settled = true;
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        settled = true;
        clearTimeout(timer);
        reject(error instanceof Error ? error : new Error(String(error)));
      },
    );
  });
}

// What was last logged per part, so a lasting outage is logged once, not per probe.
const logged = new Map<string, string>();

function report(name: string, part: PartHealth, detail?: string): PartHealth {
  const line = part.ok ? "up" : `${part.status}: ${detail ?? part.error}`;
  const before = logged.get(name);
  if (before !== line && (before !== undefined || !part.ok)) console.error(`[web] /healthz: ${name} ${line}`);
  logged.set(name, line);
  return part;
}

async function probe(name: string, fn: () => Promise<void>, timeoutMs: number): Promise<PartHealth> {
  try {
    await withTimeout(fn(), timeoutMs);
    return report(name, { ok: true, status: "up" });
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    return report(name, { ok: false, status: "down", error: error instanceof TimedOut ? detail : "not reachable" }, detail);
  }
}

let db: { client: pg.Client; connected: Promise<void> } | undefined;
let redis: Redis | undefined;

function dropDb(): void {
  const current = db;
  db = undefined;
  current?.client.end().catch(() => {});
}

/** The health check's own connection, opened on first use and again after any failure. */
async function database(timeoutMs: number): Promise<pg.Client> {
  if (!db) {
    const client = new pg.Client({
      connectionString: requireUrl("DATABASE_URL", loadConfig().DATABASE_URL),
      connectionTimeoutMillis: timeoutMs,
      application_name: "samband-healthz",
    });
    // A dropped connection would otherwise be an unhandled 'error' and end the process.
    client.on("error", () => {
      if (db?.client === client) dropDb();
    });
    const connected = client.connect().then(
      () => undefined,
      (error: unknown) => {
        if (db?.client === client) dropDb();
        throw error;
      },
    );
    db = { client, connected };
  }
  const current = db;
  // A query queued on a connection that then fails to open is never answered: wait for it.
  await current.connected;
  return current.client;
}

interface Beats {
  alive: number;
  last: Date | null;
}

async function runChecks(): Promise<Health> {
  const config = loadConfig();
  const timeoutMs = config.SAMBAND_HEALTH_TIMEOUT_MS;
  // A worker is alive when it wrote a heartbeat within three intervals.
  const staleBefore = new Date(Date.now() - 3 * config.SAMBAND_HEARTBEAT_MS);
  let beats: Beats | undefined;
  const [database_, redis_, meilisearch] = await Promise.all([
    // One query answers both "is the database up" and "are workers alive".
    probe(
      "database",
      async () => {
        const { rows } = await (
          await database(timeoutMs)
        ).query<Beats>(
          `SELECT count(*) FILTER (WHERE "lastSeenAt" >= $1)::int AS alive, max("lastSeenAt") AS last FROM "WorkerHeartbeat"`,
          [staleBefore],
        );
        beats = rows[0];
      },
      timeoutMs,
    ).then((part) => {
      if (!part.ok) dropDb(); // a stuck or broken connection is not reused
      return part;
    }),
    probe(
      "redis",
      async () => {
        // The offline queue lets a new connection's first ping wait for the connection
        // instead of failing; the timeout still bounds it.
        redis ??= redisConnection("producer", { enableOfflineQueue: true });
        await redis.ping();
      },
      timeoutMs,
    ),
    probe(
      "meilisearch",
      async () => {
        const h = await meili().health();
        if (h.status !== "available") throw new Error(`status ${h.status}`);
      },
      timeoutMs,
    ),
  ]);
  const workers = workerHealth(database_.ok ? beats : undefined);
  const checks = { database: database_, redis: redis_, meilisearch, workers };
  const failing = Object.entries(checks)
    .filter(([, v]) => !v.ok)
    .map(([k]) => k);
  return { ok: failing.length === 0, failing, checks };
}

function workerHealth(beats: Beats | undefined): PartHealth {
  if (!beats) return { ok: false, status: "unknown", error: "worker heartbeats are kept in the database, which is down" };
  const lastHeartbeat = beats.last ? new Date(beats.last).toISOString() : null;
  if (beats.alive > 0) return { ok: true, status: "up", alive: beats.alive, lastHeartbeat };
  if (lastHeartbeat) return { ok: false, status: "stale", alive: 0, lastHeartbeat, error: `no worker heartbeat since ${lastHeartbeat}` };
  return { ok: false, status: "down", alive: 0, lastHeartbeat, error: "no worker is running" };
}

let inFlight: Promise<Health> | undefined;
let latest: { at: number; health: Health } | undefined;

/** The current health: a result under a second old, the check in progress, or a new one. */
export function checkHealth(): Promise<Health> {
  if (latest && Date.now() - latest.at < REUSE_MS) return Promise.resolve(latest.health);
  inFlight ??= runChecks()
    .then((health) => {
      latest = { at: Date.now(), health };
      return health;
    })
    .finally(() => {
      inFlight = undefined;
    });
  return inFlight;
}
