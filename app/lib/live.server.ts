// Live updates for open pages: one PostgreSQL LISTEN connection per web process
// (app/lib/listen.server.ts), opened when the first page subscribes and fanned out to the
// browsers of each user (GET /notifications/stream). PostgreSQL delivers a notification
// to every listening process, so this works with any number of web processes. After a
// lost connection every subscriber is told to re-read, since changes may have been missed.
import { listen, type Listener as Connection } from "./listen.server.ts";

type Listener = () => void;

interface Live {
  subscribers: Map<string, Set<Listener>>;
  connection?: Connection;
  closers: Set<() => void>;
}

declare global {
  var __sambandLive: Live | undefined;
}

// On globalThis: Vite's development server reloads modules, which must not open a second
// connection; and the web server's own copy of this module (server/index.ts) must reach
// the streams the Remix build's copy opened.
const live: Live = (globalThis.__sambandLive ??= { subscribers: new Map(), closers: new Set() });

function notifyAll() {
  for (const set of live.subscribers.values()) for (const fn of set) fn();
}

/** Calls `onChange` whenever this user's notifications change; returns the unsubscribe. */
export function subscribe(userId: string, onChange: Listener): () => void {
  const set = live.subscribers.get(userId) ?? new Set();
  set.add(onChange);
  live.subscribers.set(userId, set);
  // A new stream sends the current count itself; only a reconnect needs everyone to re-read.
  live.connection ??= listen("samband_notification", {
    onNotify: (id) => {
      for (const fn of live.subscribers.get(id) ?? []) fn();
    },
    onConnect: (first) => !first && notifyAll(),
  });
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
  void live.connection?.stop();
  live.connection = undefined;
}
