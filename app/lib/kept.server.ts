// Figures that change rarely but are asked for on every view (the home page's counts and
// newest postings, the browse page's facet lists) are kept in this process instead of
// recomputed per request: counting 100,000 postings on every home page view made it the
// slowest page of the site. A kept value is reused while the match epoch stands (a
// sequence every committed change to postings, organizations, memberships, people and
// projects advances: see migration partner_suggestion_cache) and it is younger than its
// maximum age, which bounds what no row change announces (a posting passing its expiry
// date). Reading the epoch is one cheap query that touches no table, and works across any
// number of web processes.
import { getPrisma } from "#app/lib/db.server.ts";

/** The match epoch: it moves whenever a change to what the pages count commits. */
export async function matchEpoch(): Promise<bigint> {
  const [row] = await getPrisma().$queryRaw<
    { last_value: bigint; is_called: boolean }[]
  >`SELECT last_value, is_called FROM samband_match_epoch`;
  return row!.is_called ? row!.last_value : 0n;
}

interface Entry<T> {
  epoch: bigint;
  at: number;
  value: Promise<T>;
}

export interface KeptOptions {
  /** The longest a value is reused although the epoch stands. */
  maxAgeMs: number;
  /** How many keys are kept at most; the least recently computed goes first. */
  maxKeys?: number;
  /** Whether a computed value may be kept (e.g. not a fallback shown while a service is down). */
  keep?: (value: unknown) => boolean;
  epoch?: () => Promise<bigint>;
  now?: () => number;
}

/**
 * `compute(key)`, kept per key until the epoch moves or `maxAgeMs` passes. Requests that
 * miss together share one computation, so a burst after a change computes once. A failed
 * computation is not kept.
 */
export function keptUntilChange<T>(compute: (key: string) => Promise<T>, o: KeptOptions): (key?: string) => Promise<T> {
  const epochOf = o.epoch ?? matchEpoch;
  const now = o.now ?? Date.now;
  const maxKeys = o.maxKeys ?? 16;
  const kept = new Map<string, Entry<T>>();
  return async (key = "") => {
    // Read before computing: a change committing meanwhile moves the epoch past this
    // value, so what is computed now is already stale for the next reader, never wrongly fresh.
    const epoch = await epochOf();
    const t = now();
    const entry = kept.get(key);
    // A newer entry (a reader that saw the epoch move first) is as good as a fresh one.
    if (entry && (entry.epoch > epoch || (entry.epoch === epoch && t - entry.at < o.maxAgeMs))) return entry.value;
    const mine: Entry<T> = { epoch, at: t, value: compute(key) };
    kept.delete(key); // re-inserted last: Map order is the order of computing
    kept.set(key, mine);
    if (kept.size > maxKeys) kept.delete(kept.keys().next().value!);
    mine.value.then(
      (value) => {
        if (o.keep && !o.keep(value) && kept.get(key) === mine) kept.delete(key);
      },
      () => {
        if (kept.get(key) === mine) kept.delete(key);
      },
    );
    return mine.value;
  };
}
