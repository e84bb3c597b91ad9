import { describe, expect, it } from "vitest";
import { backoffSeconds, LIMITS } from "#app/lib/throttle.server.ts";

describe("backoffSeconds", () => {
  it.each([
    [1, 60],
    [2, 120],
    [3, 240],
    [4, 480],
    [5, 900], // 960 capped at 15 minutes
    [6, 900],
    [40, 900],
  ])("after failure %i beyond the free ones, waits %i s", (strike, want) => {
    expect(LIMITS.pairFirstWaitSeconds).toBe(60);
    expect(backoffSeconds(strike)).toBe(want);
  });
});
