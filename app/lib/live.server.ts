// Live updates for open pages: one PostgreSQL LISTEN connection per web process, fanned
// out to the browsers of each user (GET /notifications/stream). PostgreSQL delivers a
// notification to every listening process, so this works with any number of web
// processes. After a lost connection every subscriber is told to re-read, since changes
// may have been missed meanwhile.
import pg from "pg";
import { loadConfig } from "./config.server.ts";
import { requireUrl } from "./db.server.ts";

type Listener = () => void;

interface Live {
  subscribers: Map<string, Set<Listener>>;
  client?: pg.Client;
  connecting?: Promise<void>;
  closers: Set<() => void>;
}

declare global {
  var __sambandLive: Live | undefined;
}

// On globalThis: Vite's development server reloads modules, which must not open a second connection.
const live: Live = (globalThis.__sambandLive ??= { subscribers: new Map(), closers: new Set() });

function notifyAll() {
  for (const set of live.subscribers.values()) for (const fn of set) fn();
}

function connect(): Promise<void> {
  if (live.client || live.connecting) return live.connecting ?? Promise.resolve();
  const client = new pg.Client({ connectionString: requireUrl("DATABASE_URL", loadConfig().DATABASE_URL) });
  const lost = () => {
    if (live.client !== client) return;
    live.client = undefined;
    void client.end().catch(() => {});
    if (live.subscribers.size > 0) setTimeout(() => void connect().then(notifyAll, () => {}), 1000).unref();
  };
  client.on("error", lost);
  client.on("end", lost);
  client.on("notification", (n) => {
    for (const fn of live.subscribers.get(n.payload ?? "") ?? []) fn();
  });
  live.connecting = client
    .connect()
    .then(() => client.query("LISTEN samband_notification"))
    .then(() => {
      live.client = client;
    })
    .catch((error: unknown) => {
      void client.end().catch(() => {});
      if (live.subscribers.size > 0) setTimeout(() => void connect().then(notifyAll, () => {}), 1000).unref();
      throw error;
    })
    .finally(() => {
      live.connecting = undefined;
    });
  return live.connecting;
}

/** Calls `onChange` whenever this user's notifications change; returns the unsubscribe. */
export function subscribe(userId: string, onChange: Listener): () => void {
  const set = live.subscribers.get(userId) ?? new Set();
  set.add(onChange);
  live.subscribers.set(userId, set);
  void connect().catch(() => {}); // retried in the background; the stream still sends the current count
  return () => {
    set.delete(onChange);
    if (set.size === 0) live.subscribers.delete(userId);
  };
}

/** Streams register how to end themselves, so a stopping web server need not wait for them. */
export function onShutdown(close: () => void): () => void {
  live.closers.add(close);
  return () => live.closers.delete(close);
}

/** Ends every open stream and the LISTEN connection (the web server's shutdown calls this). */
export function closeLive(): void {
  for (const close of [...live.closers]) close();
  const client = live.client;
  live.client = undefined;
  void client?.end().catch(() => {});
}
