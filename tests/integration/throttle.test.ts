// Sign-in throttling against the real Redis of the tests.
import { describe, expect, it } from "vitest";
import { redisConnection, redisKey } from "#app/lib/redis.server.ts";
import { sha256 } from "#app/lib/security.server.ts";
import { signInGate } from "#app/lib/throttle.server.ts";

describe("signInGate in a process that has not used Redis yet", () => {
  it("counts the very first attempt in Redis, not in this process's memory", async () => {
    // The connection does not queue commands while connecting: without waiting for it,
    // the first attempt after start would be counted where no other process sees it.
    const gate = await signInGate("first@example.se", "192.0.2.1");
    expect(gate.allowed).toBe(true);
    if (gate.allowed) await gate.failed();
    const redis = redisConnection("worker");
    try {
      expect(await redis.get(redisKey("throttle", "login:pair", `${sha256("first@example.se")}:192.0.2.1`))).toBe("1");
    } finally {
      redis.disconnect();
    }
  });
});
