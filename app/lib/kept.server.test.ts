import { describe, expect, it } from "vitest";
import { keptUntilChange } from "#app/lib/kept.server.ts";

/** A kept computation over a fake epoch and clock; `computed` counts the real computations. */
function setup(maxAgeMs = 60_000, maxKeys?: number) {
  const state = { epoch: 1n, now: 0, computed: 0, fail: false };
  const get = keptUntilChange(
    async (key) => {
      state.computed++;
      if (state.fail) throw new Error("database down");
      return `${key}@${state.epoch}#${state.computed}`;
    },
    { maxAgeMs, maxKeys, epoch: async () => state.epoch, now: () => state.now },
  );
  return { state, get };
}

describe("keptUntilChange", () => {
  it.each([
    ["the same epoch, young", { epoch: 1n, now: 59_999 }, 1],
    ["the epoch moved (a change committed)", { epoch: 2n, now: 1 }, 2],
    ["too old although nothing changed (an expiry passed)", { epoch: 1n, now: 60_000 }, 2],
  ])("%s: computed %s time(s) for two reads", async (_, later, computations) => {
    const { state, get } = setup();
    await get();
    Object.assign(state, later);
    await get();
    expect(state.computed).toBe(computations);
  });

  it("gives the value of the current epoch after a change", async () => {
    const { state, get } = setup();
    expect(await get()).toBe("@1#1");
    state.epoch = 5n;
    expect(await get()).toBe("@5#2");
    expect(await get()).toBe("@5#2");
  });

  it("computes once for a burst of readers", async () => {
    const { state, get } = setup();
    const values = await Promise.all(Array.from({ length: 50 }, () => get()));
    expect(new Set(values)).toEqual(new Set(["@1#1"]));
    expect(state.computed).toBe(1);
  });

  it("keeps each key apart, and at most maxKeys of them", async () => {
    const { state, get } = setup(60_000, 2);
    await Promise.all([get("public"), get("members")]);
    await Promise.all([get("public"), get("members")]);
    expect(state.computed).toBe(2);
    await get("third"); // pushes out the oldest, "public"
    await get("members");
    expect(state.computed).toBe(3);
    await get("public");
    expect(state.computed).toBe(4);
  });

  it("does not keep a value it is told not to (shared by those who asked meanwhile)", async () => {
    const state = { computed: 0 };
    const get = keptUntilChange(async () => (++state.computed === 1 ? "fallback" : "full"), {
      maxAgeMs: 60_000,
      keep: (v) => v !== "fallback",
      epoch: async () => 1n,
      now: () => 0,
    });
    expect(await Promise.all([get(), get()])).toEqual(["fallback", "fallback"]);
    expect(await get()).toBe("full");
    expect(await get()).toBe("full");
    expect(state.computed).toBe(2);
  });

  it("does not keep a failure", async () => {
    const { state, get } = setup();
    state.fail = true;
    await expect(get()).rejects.toThrow("database down");
    state.fail = false;
    expect(await get()).toBe("@1#2");
  });
});
