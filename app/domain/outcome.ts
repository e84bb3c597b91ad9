// Where a consortium's application stands once it leaves Samband: the coordinator records
// that it was submitted (with the day), then that it was granted or not granted (with the
// day). Pure rules over plain values; app/models/outcome.server.ts applies them with the
// consortium's row locked. Days are calendar dates written YYYY-MM-DD, compared as text.
import { isCalendarDate } from "#app/domain/programme.ts";

export const OUTCOMES = ["submitted", "granted", "not_granted"] as const;
export type Outcome = (typeof OUTCOMES)[number];

export function isOutcome(value: unknown): value is Outcome {
  return typeof value === "string" && (OUTCOMES as readonly string[]).includes(value);
}

export interface OutcomeState {
  outcome: Outcome | null;
  submittedOn: string | null;
  decidedOn: string | null;
}

/** Why a recording is refused; each has its own message on the page. */
export type OutcomeRefusal = "bad-date" | "future-date" | "not-submitted" | "before-submitted" | "already-decided";

export type OutcomeStep = { ok: true; changed: boolean; state: OutcomeState } | { ok: false; error: OutcomeRefusal };

/** Nothing before this day is a date anyone means for an application here. */
export const EARLIEST_DAY = "2000-01-01";

/**
 * The state after recording `kind` on day `on`, or why not. Submitted may be recorded
 * again (a corrected day) until the funder decides; a decision needs a submission on or
 * before its day, and stands once recorded. Recording exactly what is already recorded
 * changes nothing and is not an error, so a form sent twice is harmless.
 */
export function recordStep(state: OutcomeState, kind: Outcome, on: string, today: string): OutcomeStep {
  if (!isCalendarDate(on) || on < EARLIEST_DAY) return { ok: false, error: "bad-date" };
  if (on > today) return { ok: false, error: "future-date" };
  const decided = state.outcome === "granted" || state.outcome === "not_granted";
  if (kind === "submitted") {
    if (decided) return { ok: false, error: "already-decided" };
    if (state.outcome === "submitted" && state.submittedOn === on) return { ok: true, changed: false, state };
    return { ok: true, changed: true, state: { outcome: "submitted", submittedOn: on, decidedOn: null } };
  }
  if (decided) {
    if (state.outcome === kind && state.decidedOn === on) return { ok: true, changed: false, state };
    return { ok: false, error: "already-decided" };
  }
  if (state.outcome !== "submitted" || state.submittedOn === null) return { ok: false, error: "not-submitted" };
  if (on < state.submittedOn) return { ok: false, error: "before-submitted" };
  return { ok: true, changed: true, state: { outcome: kind, submittedOn: state.submittedOn, decidedOn: on } };
}

/** What may be recorded next, for the form: nothing once decided. */
export function nextOutcomes(state: OutcomeState): Outcome[] {
  if (state.outcome === "granted" || state.outcome === "not_granted") return [];
  if (state.outcome === "submitted") return ["granted", "not_granted", "submitted"];
  return ["submitted"];
}

/** A day as YYYY-MM-DD in Stockholm, where the funder's calendar is. */
export function stockholmDay(d: Date): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Stockholm", year: "numeric", month: "2-digit", day: "2-digit" }).format(d);
}
