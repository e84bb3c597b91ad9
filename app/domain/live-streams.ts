// How many live notification streams (GET /notifications/stream) one web process keeps
// open, and which give way to a new one. Each stream holds a socket and is told of every
// change to its user's notifications, so an account must not be able to open thousands.
// A person with many tabs keeps working: the newest tabs stay live (the one in front is
// usually the newest) and the oldest, closed with a word that it was replaced, fall back
// to asking for the count now and then.

export interface StreamLimits {
  /** Open streams of one session (one browser): its tabs. */
  perSession: number;
  /** Open streams of one account across all its sessions (browsers, devices). */
  perUser: number;
  /** Open streams in the whole process; beyond this a new one is refused. */
  total: number;
}

export const STREAM_LIMITS: StreamLimits = { perSession: 5, perUser: 20, total: 2000 };

/** What is open now: ids oldest first, for the new stream's session and user, and the process's total. */
export interface OpenStreams<Id> {
  session: readonly Id[];
  user: readonly Id[];
  total: number;
}

export type Admission<Id> = { admit: true; replace: Id[] } | { admit: false };

/**
 * Whether a new stream opens, and which open ones it replaces: the session's oldest beyond
 * its limit, then the account's oldest beyond its limit. A process that is full refuses
 * the new one instead of closing someone else's.
 */
export function admitStream<Id>(open: OpenStreams<Id>, limits: StreamLimits = STREAM_LIMITS): Admission<Id> {
  const replace = new Set(open.session.slice(0, Math.max(0, open.session.length - limits.perSession + 1)));
  const userLeft = open.user.filter((id) => !replace.has(id));
  for (const id of userLeft.slice(0, Math.max(0, userLeft.length - limits.perUser + 1))) replace.add(id);
  if (open.total - replace.size >= limits.total) return { admit: false };
  return { admit: true, replace: [...replace] };
}
