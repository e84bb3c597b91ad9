// The administrators' funnel: per programme and month, how many steps were taken on the way
// from a suggestion to a grant. Pure; app/models/funnel.server.ts records the steps (each in
// the transaction of the change it records) and counts them per Stockholm month.
//
// What each stage counts (docs/decisions/0022-funnel.md):
// - suggestion_shown: suggestions listed to signed-in people (each person, page and day once);
// - contact: conversations opened; invitation: invitations sent; accepted: invitations accepted;
// - eligible, ready, submitted, granted: consortia that reached the state that month, each
//   consortium once per month however often it went back and forth.

export const STAGES = ["suggestion_shown", "contact", "invitation", "accepted", "eligible", "ready", "submitted", "granted"] as const;
export type Stage = (typeof STAGES)[number];

/** Stages that count consortia, not events. */
export const CONSORTIUM_STAGES: ReadonlySet<Stage> = new Set(["eligible", "ready", "submitted", "granted"]);

/** A month written YYYY-MM. */
export type Month = string;

export const isMonth = (value: string): boolean => /^\d{4}-(0[1-9]|1[0-2])$/.test(value) && value >= "2000-01";

/** The month `n` months after `month` (negative: before). */
export function addMonths(month: Month, n: number): Month {
  const [y, m] = month.split("-").map(Number) as [number, number];
  const i = y * 12 + (m - 1) + n;
  return `${String(Math.floor(i / 12)).padStart(4, "0")}-${String((i % 12) + 1).padStart(2, "0")}`;
}

/** Every month from `from` to `to`, newest first. */
export function monthsBetween(from: Month, to: Month): Month[] {
  const out: Month[] = [];
  for (let m = to; m >= from; m = addMonths(m, -1)) out.push(m);
  return out;
}

/** The longest period one page shows: ten years of months. */
export const MAX_MONTHS = 120;

export interface FunnelQuery {
  from: Month;
  to: Month;
  /** A programme's id, "none" for the steps before any consortium, or null for all. */
  programme: string | null;
}

export type QueryError = { field: "from" | "to" | "programme"; message: "month" | "order" | "span" | "programme" };

/**
 * The period and programme asked for in the address, or what is wrong with it. Without
 * months: the twelve months up to this one. `programmes` are the ids that exist.
 */
export function parseFunnelQuery(
  params: URLSearchParams,
  thisMonth: Month,
  programmes: ReadonlySet<string>,
): { ok: true; query: FunnelQuery } | { ok: false; errors: QueryError[] } {
  const errors: QueryError[] = [];
  const read = (name: "from" | "to", fallback: Month): Month => {
    const raw = (params.get(name) ?? "").trim();
    if (raw === "") return fallback;
    if (!isMonth(raw)) errors.push({ field: name, message: "month" });
    return raw;
  };
  const to = read("to", thisMonth);
  const from = read("from", addMonths(isMonth(to) ? to : thisMonth, -11));
  const programme = (params.get("programme") ?? "").trim() || null;
  if (programme !== null && programme !== "none" && !programmes.has(programme)) errors.push({ field: "programme", message: "programme" });
  if (errors.length === 0 && from > to) errors.push({ field: "from", message: "order" });
  if (errors.length === 0 && monthsBetween(from, to).length > MAX_MONTHS) errors.push({ field: "from", message: "span" });
  return errors.length ? { ok: false, errors } : { ok: true, query: { from, to, programme } };
}

/** A count as the database gives it: one stage of one programme (null: none) in one month. */
export interface CountRow {
  month: Month;
  programmeId: string | null;
  stage: Stage;
  n: number;
}

export type StageCounts = Record<Stage, number>;

export interface FunnelRow {
  month: Month;
  programmeId: string | null;
  counts: StageCounts;
}

export const zeroCounts = (): StageCounts => Object.fromEntries(STAGES.map((s) => [s, 0])) as StageCounts;

/**
 * The table: one row per month (newest first) and programme that has any step, programmes in
 * the order given (the steps before any consortium last), and the totals per stage. A
 * consortium counts once a month, so a sum of months would count one that went back and
 * forth more than once: the consortium stages' totals come from `periodTotals`, the
 * distinct consortia of the whole period.
 */
export function funnelTable(
  rows: readonly CountRow[],
  programmeOrder: readonly string[],
  periodTotals: Partial<StageCounts> = {},
): { rows: FunnelRow[]; totals: StageCounts } {
  const byKey = new Map<string, FunnelRow>();
  const totals = zeroCounts();
  for (const r of rows) {
    const key = `${r.month}|${r.programmeId ?? ""}`;
    let row = byKey.get(key);
    if (!row) byKey.set(key, (row = { month: r.month, programmeId: r.programmeId, counts: zeroCounts() }));
    row.counts[r.stage] += r.n;
    totals[r.stage] += r.n;
  }
  for (const s of CONSORTIUM_STAGES) if (periodTotals[s] !== undefined) totals[s] = periodTotals[s];
  const rank = (id: string | null) => (id === null ? programmeOrder.length : programmeOrder.indexOf(id));
  const sorted = [...byKey.values()].sort((a, b) =>
    a.month === b.month ? rank(a.programmeId) - rank(b.programmeId) : a.month < b.month ? 1 : -1,
  );
  return { rows: sorted, totals };
}

/** Each stage's share of the one before it, in whole per cent; null where the one before is 0. */
export function conversion(totals: StageCounts): Record<Stage, number | null> {
  return Object.fromEntries(
    STAGES.map((s, i) => {
      const before = i === 0 ? 0 : totals[STAGES[i - 1]!];
      return [s, i === 0 || before === 0 ? null : Math.round((totals[s] / before) * 100)];
    }),
  ) as Record<Stage, number | null>;
}
