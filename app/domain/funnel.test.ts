import { describe, expect, it } from "vitest";
import { addMonths, conversion, funnelTable, monthsBetween, parseFunnelQuery, zeroCounts, type CountRow } from "#app/domain/funnel.ts";

describe("months", () => {
  it.each([
    ["2026-11", 1, "2026-12"],
    ["2026-12", 1, "2027-01"],
    ["2026-01", -1, "2025-12"],
    ["2026-11", -11, "2025-12"],
    ["2026-11", 0, "2026-11"],
  ])("%s plus %i is %s", (m, n, want) => expect(addMonths(m, n)).toBe(want));

  it("lists a period newest first, ends included", () => {
    expect(monthsBetween("2025-11", "2026-02")).toEqual(["2026-02", "2026-01", "2025-12", "2025-11"]);
    expect(monthsBetween("2026-02", "2026-02")).toEqual(["2026-02"]);
  });
});

describe("parseFunnelQuery", () => {
  const programmes = new Set(["p1"]);
  const parse = (q: string) => parseFunnelQuery(new URLSearchParams(q), "2026-12", programmes);

  it.each([
    ["", { from: "2026-01", to: "2026-12", programme: null }],
    ["to=2026-06", { from: "2025-07", to: "2026-06", programme: null }],
    ["from=2026-03&to=2026-04&programme=p1", { from: "2026-03", to: "2026-04", programme: "p1" }],
    ["programme=none", { from: "2026-01", to: "2026-12", programme: "none" }],
    ["from=+2026-03+&programme=", { from: "2026-03", to: "2026-12", programme: null }],
  ])("%j reads as a period and programme", (q, want) => expect(parse(q)).toEqual({ ok: true, query: want }));

  it.each([
    ["from=2026-13", [{ field: "from", message: "month" }]],
    ["to=26-1", [{ field: "to", message: "month" }]],
    ["from=1999-12", [{ field: "from", message: "month" }]],
    ["from='; DROP TABLE x;--", [{ field: "from", message: "month" }]],
    ["programme=p2", [{ field: "programme", message: "programme" }]],
    ["programme=<script>", [{ field: "programme", message: "programme" }]],
    ["from=2026-05&to=2026-04", [{ field: "from", message: "order" }]],
    ["from=2000-01&to=2026-04", [{ field: "from", message: "span" }]],
    [
      "from=x&to=y&programme=z",
      [
        { field: "to", message: "month" },
        { field: "from", message: "month" },
        { field: "programme", message: "programme" },
      ],
    ],
  ])("%j is refused, saying where", (q, errors) => expect(parse(q)).toEqual({ ok: false, errors }));
});

describe("funnelTable", () => {
  const row = (month: string, programmeId: string | null, stage: CountRow["stage"], n: number): CountRow => ({
    month,
    programmeId,
    stage,
    n,
  });

  it("has one row per month and programme, newest month first, programmes in the order given, no programme last", () => {
    const { rows, totals } = funnelTable(
      [
        row("2026-10", "b", "invitation", 2),
        row("2026-11", null, "suggestion_shown", 40),
        row("2026-11", "a", "eligible", 1),
        row("2026-11", "b", "invitation", 3),
        row("2026-11", "b", "accepted", 2),
      ],
      ["b", "a"],
    );
    expect(rows.map((r) => [r.month, r.programmeId])).toEqual([
      ["2026-11", "b"],
      ["2026-11", "a"],
      ["2026-11", null],
      ["2026-10", "b"],
    ]);
    expect(rows[0]!.counts).toEqual({ ...zeroCounts(), invitation: 3, accepted: 2 });
    expect(totals).toEqual({ ...zeroCounts(), suggestion_shown: 40, invitation: 5, accepted: 2, eligible: 1 });
  });

  it("takes the consortium stages' totals from the whole period: a consortium eligible in two months is one", () => {
    const rows = [row("2026-11", "a", "eligible", 1), row("2026-10", "a", "eligible", 1), row("2026-10", "a", "invitation", 2)];
    expect(funnelTable(rows, ["a"]).totals.eligible).toBe(2);
    const { rows: table, totals } = funnelTable(rows, ["a"], { eligible: 1, invitation: 99 });
    expect(table.map((r) => r.counts.eligible)).toEqual([1, 1]);
    expect(totals).toEqual({ ...zeroCounts(), eligible: 1, invitation: 2 }); // events are summed, never taken from outside
  });

  it("is empty with no steps", () => {
    expect(funnelTable([], ["a"])).toEqual({ rows: [], totals: zeroCounts() });
  });
});

describe("conversion", () => {
  it("gives each stage's share of the one before, none after a zero", () => {
    const c = conversion({ ...zeroCounts(), suggestion_shown: 200, contact: 10, invitation: 5, accepted: 4, eligible: 1 });
    expect(c).toEqual({
      suggestion_shown: null,
      contact: 5,
      invitation: 50,
      accepted: 80,
      eligible: 25,
      ready: 0,
      submitted: null,
      granted: null,
    });
  });
});
