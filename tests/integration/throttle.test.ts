// Sign-in throttling against the real Redis of the tests, and without any Redis at all.
import net from "node:net";
import { describe, expect, it } from "vitest";
import { getPrisma } from "#app/lib/db.server.ts";
import { redisConnection, redisKey } from "#app/lib/redis.server.ts";
import { hashPassword, sha256 } from "#app/lib/security.server.ts";
import { signInGate } from "#app/lib/throttle.server.ts";
import { Client } from "#tests/helpers/http.ts";
import { startWeb, testEnv, waitForOutput } from "#tests/helpers/processes.ts";

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

describe("sign-in in a web process that has never reached Redis", () => {
  it("signs in with the right password and refuses a wrong one, counting in memory", async () => {
    // A port nothing listens on: the process starts, and stays, without Redis.
    const server = net.createServer();
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const port = (server.address() as net.AddressInfo).port;
    await new Promise((resolve) => server.close(resolve));
    const web = await startWeb(testEnv({ REDIS_URL: `redis://127.0.0.1:${port}` }));
    try {
      await getPrisma().user.create({
        data: {
          name: "Nora",
          email: "nora@example.se",
          role: "researcher",
          passwordHash: await hashPassword("correct horse battery"),
          emailConfirmedAt: new Date(),
        },
      });
      const wrong = await new Client(web.url).post("/login", { email: "nora@example.se", password: "wrong password" });
      expect(wrong.status).toBe(400);
      expect(await wrong.text()).toContain("Email or password is wrong.");
      const c = new Client(web.url);
      expect((await c.post("/login", { email: "nora@example.se", password: "correct horse battery" })).status).toBe(302);
      expect((await c.get("/postings/mine")).status).toBe(200);
      await waitForOutput(web, /\[throttle\] Redis unavailable/);
    } finally {
      await web.stop();
    }
  });
});
