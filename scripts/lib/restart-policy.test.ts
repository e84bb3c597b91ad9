import { describe, expect, it } from "vitest";
import { decideRestart, recentCrashes, RESTART_POLICY, type RestartPolicy } from "#scripts/lib/restart-policy.ts";

const policy: RestartPolicy = { baseDelayMs: 500, maxDelayMs: 4_000, maxCrashes: 5, windowMs: 60_000 };
const T = 1_000_000; // "now" in every row

describe("decideRestart", () => {
  it.each([
    ["the first crash", [T], { action: "restart", delayMs: 500, crashesInWindow: 1 }],
    ["a second crash within the minute doubles the wait", [T - 10_000, T], { action: "restart", delayMs: 1_000, crashesInWindow: 2 }],
    ["a third", [T - 20_000, T - 10_000, T], { action: "restart", delayMs: 2_000, crashesInWindow: 3 }],
    [
      "a fourth: doubled again, reaching the cap",
      [T - 30_000, T - 20_000, T - 10_000, T],
      { action: "restart", delayMs: 4_000, crashesInWindow: 4 },
    ],
    [
      "the fifth within the minute: give up",
      [T - 40_000, T - 30_000, T - 20_000, T - 10_000, T],
      { action: "give-up", crashesInWindow: 5 },
    ],
    ["five crashes in the same millisecond: give up", [T, T, T, T, T], { action: "give-up", crashesInWindow: 5 }],
    ["crashes a minute or more ago do not count", [T - 60_000, T - 59_999, T], { action: "restart", delayMs: 1_000, crashesInWindow: 2 }],
    [
      "after a quiet hour, back to the shortest wait",
      [T - 3_600_000, T - 3_590_000, T - 3_580_000, T - 3_570_000, T],
      { action: "restart", delayMs: 500, crashesInWindow: 1 },
    ],
    ["no crash recorded (a clean exit asked about): the shortest wait", [], { action: "restart", delayMs: 500, crashesInWindow: 0 }],
    ["times in the future (a clock step back) do not count", [T + 5_000, T], { action: "restart", delayMs: 500, crashesInWindow: 1 }],
  ] as const)("%s", (_name, crashes, expected) => {
    expect(decideRestart(crashes, T, policy)).toEqual(expected);
  });

  it("caps the wait however many crashes a large allowance lets through", () => {
    const many = Array.from({ length: 30 }, (_, i) => T - i);
    expect(decideRestart(many, T, { ...policy, maxCrashes: 100 })).toEqual({ action: "restart", delayMs: 4_000, crashesInWindow: 30 });
  });

  it("the product's policy: 0.5 s doubling, at most 8 s, gives up at the fifth crash within a minute", () => {
    const waits = [1, 2, 3, 4].map((n) =>
      decideRestart(
        Array.from({ length: n }, () => T),
        T,
      ),
    );
    expect(waits.map((d) => (d.action === "restart" ? d.delayMs : d.action))).toEqual([500, 1_000, 2_000, 4_000]);
    expect(decideRestart([T, T, T, T, T], T).action).toBe("give-up");
    expect(RESTART_POLICY).toEqual({ baseDelayMs: 500, maxDelayMs: 8_000, maxCrashes: 5, windowMs: 60_000 });
  });
});

describe("recentCrashes", () => {
  it("forgets crashes that can no longer count", () => {
    expect(recentCrashes([T - 70_000, T - 60_000, T - 1, T], T, policy)).toEqual([T - 1, T]);
  });
});
