import { describe, expect, it } from "vitest";
import { isOutcome, nextOutcomes, recordStep, stockholmDay, type Outcome, type OutcomeState } from "#app/domain/outcome.ts";

const TODAY = "2027-03-10";
const none: OutcomeState = { outcome: null, submittedOn: null, decidedOn: null };
const submitted: OutcomeState = { outcome: "submitted", submittedOn: "2027-03-01", decidedOn: null };
const granted: OutcomeState = { outcome: "granted", submittedOn: "2027-03-01", decidedOn: "2027-03-05" };
const refused: OutcomeState = { outcome: "not_granted", submittedOn: "2027-03-01", decidedOn: "2027-03-05" };

describe("recording where an application stands", () => {
  it.each<[string, OutcomeState, Outcome, string, string | { changed: boolean; state: OutcomeState }]>([
    ["submitted from nothing", none, "submitted", "2027-03-01", { changed: true, state: submitted }],
    ["submitted today", none, "submitted", TODAY, { changed: true, state: { ...submitted, submittedOn: TODAY } }],
    ["submitted again, same day: nothing changes", submitted, "submitted", "2027-03-01", { changed: false, state: submitted }],
    [
      "submitted again, a corrected day",
      submitted,
      "submitted",
      "2027-02-28",
      { changed: true, state: { ...submitted, submittedOn: "2027-02-28" } },
    ],
    ["granted after submitted", submitted, "granted", "2027-03-05", { changed: true, state: granted }],
    [
      "granted on the day of submission",
      submitted,
      "granted",
      "2027-03-01",
      { changed: true, state: { ...granted, decidedOn: "2027-03-01" } },
    ],
    ["not granted after submitted", submitted, "not_granted", "2027-03-05", { changed: true, state: refused }],
    ["granted twice, same day: nothing changes", granted, "granted", "2027-03-05", { changed: false, state: granted }],
    ["granted before anything was submitted", none, "granted", "2027-03-05", "not-submitted"],
    ["not granted before anything was submitted", none, "not_granted", "2027-03-05", "not-submitted"],
    ["granted dated before the submission", submitted, "granted", "2027-02-28", "before-submitted"],
    ["granted after not granted", refused, "granted", "2027-03-06", "already-decided"],
    ["not granted after granted", granted, "not_granted", "2027-03-06", "already-decided"],
    ["granted again on another day", granted, "granted", "2027-03-06", "already-decided"],
    ["submitted after a decision", granted, "submitted", "2027-03-01", "already-decided"],
    ["a day in the future", none, "submitted", "2027-03-11", "future-date"],
    ["a decision in the future", submitted, "granted", "2099-01-01", "future-date"],
    ["a day that does not exist", none, "submitted", "2027-02-30", "bad-date"],
    ["not a day at all", none, "submitted", "yesterday", "bad-date"],
    ["empty", none, "submitted", "", "bad-date"],
    ["hostile text", none, "submitted", '2027-03-01\'; DROP TABLE "Consortium";--', "bad-date"],
    ["a day long ago", none, "submitted", "1999-12-31", "bad-date"],
  ])("%s", (_case, state, kind, on, expected) => {
    const step = recordStep(state, kind, on, TODAY);
    if (typeof expected === "string") expect(step).toEqual({ ok: false, error: expected });
    else expect(step).toEqual({ ok: true, ...expected });
  });

  it.each<[OutcomeState, Outcome[]]>([
    [none, ["submitted"]],
    [submitted, ["granted", "not_granted", "submitted"]],
    [granted, []],
    [refused, []],
  ])("offers what may follow %j", (state, next) => {
    expect(nextOutcomes(state)).toEqual(next);
  });

  it("knows its outcomes and Stockholm's day", () => {
    expect(["submitted", "granted", "not_granted"].every(isOutcome)).toBe(true);
    expect([null, "", "GRANTED", "toString", 1].some(isOutcome)).toBe(false);
    // 23:30 UTC on 31 December is already New Year's Day in Stockholm.
    expect(stockholmDay(new Date("2026-12-31T23:30:00Z"))).toBe("2027-01-01");
    expect(stockholmDay(new Date("2027-06-30T21:59:00Z"))).toBe("2027-06-30");
  });
});
