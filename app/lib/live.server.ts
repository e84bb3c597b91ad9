// Live updates for open pages: one PostgreSQL LISTEN connection per web process
// (app/lib/listen.server.ts), opened when the first page subscribes and fanned out to the
// browsers of each user (GET /notifications/stream). PostgreSQL delivers a notification
// to every listening process, so this works with any number of web processes.
//
// On the channel come two kinds of payload: a user's id when their notifications or
// conversations changed (a new message tells every open page of both sides, so a thread
// shows a reply as it arrives),
// and `end:<session id>` when a session row is deleted (sign-out, a password reset, an
// administrator, the account removed: a trigger on "Session" covers every path), which
// ends that session's streams in every process.
//
// Each user's count is read once per burst of changes and sent to all their streams in
// this process, however many tabs they have open; how many may be open is app/domain/live-streams.ts.
import { admitStream, STREAM_LIMITS } from "#app/domain/live-streams.ts";
import { listen, type Listener as Connection } from "#app/lib/listen.server.ts";
import { liveSessionIds } from "#app/lib/session.server.ts";

/**
 * Why a stream ends: `replaced` by a newer one of the same session or account, `signed-out`
 * when its session is gone, `renew` to authenticate again after a while, `shutdown` when the
 * web server stops.
 */
export type EndReason = "replaced" | "signed-out" | "renew" | "shutdown";

/** What an open page is told: unread notifications, and conversations with news. */
export interface LiveCounts {
  unread: number;
  messages: number;
}

export interface StreamHandle {
  userId: string;
  sessionId: string;
  sessionExpiresAt: Date;
  /** This user's unread counts; any of the user's streams reads them for all of them. */
  readCount: () => Promise<LiveCounts>;
  send: (counts: LiveCounts) => void;
  /** Writes the last word and closes; called once. */
  end: (reason: EndReason) => void;
}

interface UserState {
  streams: Set<number>;
  reading: boolean;
  again: boolean;
}

// A stream is ended after this long and the browser reconnects, signing in again with its
// cookie: a bound on how long a stream outlives a session whose end it missed. Below the
// largest setTimeout delay (2^31 ms).
const RENEW_MS = 60 * 60 * 1000;

interface Open extends StreamHandle {
  timer: NodeJS.Timeout;
}

interface Live {
  streams: Map<number, Open>;
  users: Map<string, UserState>;
  sessions: Map<string, Set<number>>;
  nextId: number;
  connection?: Connection;
}

declare global {
  var __sambandLiveStreams: Live | undefined;
}

// On globalThis: Vite's development server reloads modules, which must not open a second
// connection; and the web server's own copy of this module (server/index.ts) must reach
// the streams the Remix build's copy opened.
const live: Live = (globalThis.__sambandLiveStreams ??= { streams: new Map(), users: new Map(), sessions: new Map(), nextId: 1 });

/**
 * Registers an open stream and sends it the current count. Null when this process already
 * holds as many streams as it may (the caller refuses the request); may end older streams
 * of the same session or account to make room.
 */
export function openStream(handle: StreamHandle): { close: () => void } | null {
  const user = live.users.get(handle.userId);
  const admission = admitStream(
    { session: [...(live.sessions.get(handle.sessionId) ?? [])], user: [...(user?.streams ?? [])], total: live.streams.size },
    STREAM_LIMITS,
  );
  if (!admission.admit) return null;
  for (const id of admission.replace) endStream(id, "replaced");

  const id = live.nextId++;
  const left = handle.sessionExpiresAt.getTime() - Date.now();
  const timer = setTimeout(() => endStream(id, left <= RENEW_MS ? "signed-out" : "renew"), Math.max(0, Math.min(left, RENEW_MS)));
  live.streams.set(id, { ...handle, timer });
  const state = live.users.get(handle.userId) ?? { streams: new Set(), reading: false, again: false };
  state.streams.add(id);
  live.users.set(handle.userId, state);
  const session = live.sessions.get(handle.sessionId) ?? new Set();
  session.add(id);
  live.sessions.set(handle.sessionId, session);
  live.connection ??= listen("samband_notification", {
    onNotify: (payload) => (payload.startsWith("end:") ? endSession(payload.slice(4)) : void refresh(payload)),
    // Notifications sent while the connection was down, or before it first listened, are
    // lost: every count is read again and every session checked (a sign-out may be among them).
    onConnect: () => {
      for (const userId of live.users.keys()) void refresh(userId);
      void recheckSessions();
    },
  });
  void refresh(handle.userId);
  return { close: () => forget(id) };
}

/** Removes a stream that has ended (the client went away, or it was ended here). */
function forget(id: number): void {
  const handle = live.streams.get(id);
  if (!handle) return;
  clearTimeout(handle.timer);
  live.streams.delete(id);
  const state = live.users.get(handle.userId);
  state?.streams.delete(id);
  if (state && state.streams.size === 0 && !state.reading) live.users.delete(handle.userId);
  const session = live.sessions.get(handle.sessionId);
  session?.delete(id);
  if (session?.size === 0) live.sessions.delete(handle.sessionId);
}

function endStream(id: number, reason: EndReason): void {
  const handle = live.streams.get(id);
  forget(id);
  handle?.end(reason);
}

function endSession(sessionId: string): void {
  for (const id of [...(live.sessions.get(sessionId) ?? [])]) endStream(id, "signed-out");
}

/**
 * Reads the user's count once and sends it to all their streams. Changes arriving while it
 * is read make one more read after it, so a burst of them costs two reads, not one each.
 */
async function refresh(userId: string): Promise<void> {
  const state = live.users.get(userId);
  if (!state) return;
  if (state.reading) return void (state.again = true);
  state.reading = true;
  try {
    do {
      state.again = false;
      const first = state.streams.values().next();
      if (first.done) break;
      const counts = await live.streams.get(first.value)!.readCount();
      for (const id of state.streams) live.streams.get(id)?.send(counts);
    } while (state.again);
  } catch {
    // The database is away for a moment: the next change or reconnect sends the count.
  } finally {
    state.reading = false;
    if (state.streams.size === 0) live.users.delete(userId);
  }
}

/** Ends the streams whose session is gone or expired: one query for all of them. */
async function recheckSessions(): Promise<void> {
  const ids = [...live.sessions.keys()];
  if (ids.length === 0) return;
  try {
    const alive = await liveSessionIds(ids);
    for (const id of ids) if (!alive.has(id)) endSession(id);
  } catch {
    // The database is away: the connection's next reconnect checks again.
  }
}

/** Ends every open stream and the LISTEN connection (the web server's shutdown calls this). */
export function closeLive(): void {
  for (const id of [...live.streams.keys()]) endStream(id, "shutdown");
  void live.connection?.stop();
  live.connection = undefined;
}
