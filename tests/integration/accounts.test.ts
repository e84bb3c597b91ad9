// Accounts, sessions, CSRF, throttling and who may see and change what, over HTTP
// against the real web process.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getPrisma } from "#app/lib/db.server.ts";
import { redisConnection, redisKey } from "#app/lib/redis.server.ts";
import { sha256 } from "#app/lib/security.server.ts";
import { LIMITS } from "#app/lib/throttle.server.ts";
import { Client, confirmationLink, html } from "#tests/helpers/http.ts";
import { killOwnRedis, ownRedis } from "#tests/helpers/redis.ts";
import { applySearchSettings } from "#search/setup.server.ts";
import { searchSettled, startWeb, startWorker, testEnv, waitForOutput, type Proc } from "#tests/helpers/processes.ts";

let web: Proc & { url: string };
let worker: Proc;
beforeAll(async () => {
  await applySearchSettings();
  // Behind one (pretend) proxy, so each test can sign in from addresses of its own.
  [web, worker] = await Promise.all([startWeb(testEnv({ TRUST_PROXY: "1" })), startWorker(testEnv())]);
});
afterAll(async () => {
  killOwnRedis();
  await Promise.all([web?.stop(), worker?.stop()]);
});

/** Signs in from `address` (as the proxy reports it); the response. */
const signIn = (c: Client, email: string, password: string, address: string, csrf?: string) =>
  c.post("/login", { email, password, ...(csrf ? { csrf } : {}) }, { headers: { "X-Forwarded-For": address } });

const posting = {
  kind: "competence",
  title: "Private work",
  description: "Only for signed-in users",
  keywords: "a, b",
  subjects: "10201",
  language: "en",
  visibility: "members",
};

async function publish(c: Client, fields: Record<string, string> = posting): Promise<string> {
  const res = await c.post("/postings/new", fields);
  expect(res.status).toBe(302);
  return new URL(res.headers.get("Location")!, "http://x").pathname.split("/").pop()!;
}

describe("accounts", () => {
  it("registers with an argon2id hash and a database session in an httpOnly SameSite cookie", async () => {
    const c = new Client(web.url);
    await c.register("Anna Berg", "anna.berg@example.se");
    const user = await getPrisma().user.findUniqueOrThrow({ where: { email: "anna.berg@example.se" } });
    expect(user.passwordHash).toMatch(/^\$argon2id\$/);
    expect(await getPrisma().session.count({ where: { userId: user.id } })).toBe(1);
    const page = await (await c.get("/postings/mine")).text();
    expect(page).toContain("Signed in as Anna Berg");
  });

  it("signs in only through the emailed link: the form alone gives no session, and the account cannot sign in before", async () => {
    const c = new Client(web.url);
    const res = await c.post("/register", { name: "Cookie", email: "cookie@example.se", password: "long enough pw", role: "researcher" });
    expect(res.status).toBe(200);
    expect(res.headers.getSetCookie().some((s) => s.startsWith("samband_session="))).toBe(false);
    const early = await new Client(web.url).post("/login", { email: "cookie@example.se", password: "long enough pw" });
    expect(early.status).toBe(403);
    expect(await html(early)).toContain("Confirm your email address first");
    // The button on the link's page confirms and sets the session cookie, httpOnly and SameSite=Lax.
    const link = new URL(await confirmationLink("cookie@example.se"));
    await c.get(link.pathname + link.search);
    const confirmed = await c.post("/confirm-email", { token: link.searchParams.get("token")! });
    expect(confirmed.status).toBe(302);
    const cookie = confirmed.headers.getSetCookie().find((s) => s.startsWith("samband_session="))!;
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    expect((await new Client(web.url).post("/login", { email: "cookie@example.se", password: "long enough pw" })).status).toBe(302);
  });

  it("refuses a form without this browser's CSRF token and changes nothing", async () => {
    const c = new Client(web.url);
    await c.get("/register");
    const res = await c.post("/register", {
      csrf: "forged",
      name: "X",
      email: "forged@example.se",
      password: "long enough pw",
      role: "researcher",
    });
    expect(res.status).toBe(403);
    const none = await c.post(
      "/register",
      { name: "X", email: "forged@example.se", password: "long enough pw", role: "researcher" },
      { csrf: false },
    );
    expect(none.status).toBe(403);
    expect(await getPrisma().user.count({ where: { email: "forged@example.se" } })).toBe(0);
  });

  it("names each bad field, keeps what was typed (never the password) and stores nothing", async () => {
    const c = new Client(web.url);
    const res = await c.post("/register", {
      name: "",
      email: "not-an-email",
      password: "short",
      role: "wizard",
      organization: "<script>alert(1)</script>",
    });
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain("Fill this in.");
    expect(html).toContain("Enter an email address");
    expect(html).toContain("Use at least 10 characters.");
    expect(html).toContain("Choose one of the options.");
    expect(html).toContain('value="not-an-email"');
    expect(html).not.toContain("<script>alert(1)</script>");
    expect(html).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    expect(html).not.toContain('value="short"');
    expect(await getPrisma().user.count({ where: { email: "not-an-email" } })).toBe(0);
  });

  it("answers a taken address exactly as a new one, and tells the address's owner instead", async () => {
    const c = new Client(web.url);
    await c.register("First", "same@example.se");
    const taken = await new Client(web.url).post("/register", {
      name: "Second",
      email: "SAME@example.se",
      password: "long enough pw",
      role: "researcher",
    });
    const fresh = await new Client(web.url).post("/register", {
      name: "Second",
      email: "sane@example.se",
      password: "long enough pw",
      role: "researcher",
    });
    expect(taken.status).toBe(fresh.status);
    // Set aside what differs on every response (the CSRF token, wherever it appears, and
    // the CSP nonce) and the address typed.
    const page = async (r: Response) => {
      const t = await r.text();
      const token = /name="csrf" value="([^"]+)"/.exec(t)![1]!;
      return t
        .replaceAll(token, "CSRF")
        .replace(/nonce="[^"]+"/g, "")
        .replaceAll("sane@", "same@");
    };
    expect(await page(taken)).toBe(await page(fresh));
    expect(await getPrisma().user.count({ where: { email: "same@example.se" } })).toBe(1);
    const told = await getPrisma().outboxEvent.findMany({
      where: { topic: "email.send", payload: { path: ["to"], equals: "same@example.se" } },
    });
    expect(told.map((m) => (m.payload as { subject: string }).subject)).toContain(
      "Someone tried to create a Samband account with your address",
    );
    expect((await new Client(web.url).post("/login", { email: "same@example.se", password: "long enough pw" })).status).toBe(400); // the first password stands
    // Repeating it does not flood the owner's mailbox.
    for (let i = 0; i < 5; i++)
      await new Client(web.url).post("/register", {
        name: "Again",
        email: "same@example.se",
        password: "long enough pw",
        role: "researcher",
      });
    const mails = await getPrisma().outboxEvent.count({
      where: {
        topic: "email.send",
        AND: [
          { payload: { path: ["to"], equals: "same@example.se" } },
          { payload: { path: ["subject"], string_contains: "Someone tried" } },
        ],
      },
    });
    expect(mails).toBeLessThanOrEqual(3);
    expect(mails).toBeGreaterThanOrEqual(1);
  });

  it("signs in and out; a wrong password and an unknown email get the same answer", async () => {
    await new Client(web.url).register("Bo", "bo@example.se");
    const c = new Client(web.url);
    const wrong = await c.post("/login", { email: "bo@example.se", password: "wrong password" });
    const unknown = await c.post("/login", { email: "nobody@example.se", password: "wrong password" });
    expect(wrong.status).toBe(400);
    expect(unknown.status).toBe(400);
    expect(await wrong.text()).toContain("Email or password is wrong.");
    const ok = await c.post("/login", { email: "BO@example.se", password: "correct horse battery", redirectTo: "//evil.example/x" });
    expect(ok.status).toBe(302);
    expect(ok.headers.get("Location")).toBe("/postings/mine"); // no open redirect
    expect((await c.get("/postings/mine")).status).toBe(200);
    expect((await c.post("/logout", {})).status).toBe(302);
    expect((await c.get("/postings/mine")).headers.get("Location")).toBe("/login?redirectTo=%2Fpostings%2Fmine");
  });
});

describe("sign-in throttling", () => {
  it(`makes an address wait after ${LIMITS.pairFree} failures for an account, even with the right password, while the owner elsewhere signs in`, async () => {
    await new Client(web.url).register("Cia", "cia@example.se");
    const attacker = new Client(web.url);
    for (let i = 0; i < LIMITS.pairFree; i++)
      expect((await signIn(attacker, "cia@example.se", `guess ${i}`, "198.51.100.10")).status).toBe(400);
    const blocked = await signIn(attacker, "cia@example.se", "correct horse battery", "198.51.100.10");
    expect(blocked.status).toBe(429);
    const wait = Number(blocked.headers.get("Retry-After"));
    expect(wait).toBeGreaterThan(0);
    expect(wait).toBeLessThanOrEqual(LIMITS.pairFirstWaitSeconds);
    expect(await blocked.text()).toMatch(/Too many attempts. Try again in \d+ min\./);

    // The owner, from another address, is not locked out by someone else's guesses.
    const owner = new Client(web.url);
    expect((await signIn(owner, "cia@example.se", "correct horse battery", "203.0.113.20")).status).toBe(302);
    expect((await owner.get("/postings/mine")).status).toBe(200);
  });

  it("refuses an unknown account the same way, so the limit does not tell who has one", async () => {
    const c = new Client(web.url);
    for (let i = 0; i < LIMITS.pairFree; i++)
      expect((await signIn(c, "nobody-here@example.se", `guess ${i}`, "198.51.100.11")).status).toBe(400);
    const blocked = await signIn(c, "nobody-here@example.se", "guess", "198.51.100.11");
    expect(blocked.status).toBe(429);
    expect(await blocked.text()).toMatch(/Too many attempts. Try again in \d+ min\./);
  });

  it(`checks at most ${LIMITS.pairFree} of 100 concurrent wrong passwords for one account`, async () => {
    await new Client(web.url).register("Concurrent", "concurrent@example.se");
    const c = new Client(web.url);
    const csrf = await c.csrf("/login");
    const statuses = await Promise.all(
      Array.from({ length: 100 }, (_, i) => signIn(c, "concurrent@example.se", `wrong ${i}`, "198.51.100.12", csrf).then((r) => r.status)),
    );
    // 400 is a checked (and wrong) password; 429 was refused before any check.
    expect(statuses.filter((s) => s === 400)).toHaveLength(LIMITS.pairFree);
    expect(statuses.filter((s) => s === 429)).toHaveLength(100 - LIMITS.pairFree);
  });

  it("after each wait allows one try, and each further failure doubles the wait; a success clears it", async () => {
    await new Client(web.url).register("Doubling", "doubling@example.se");
    const c = new Client(web.url);
    const address = "198.51.100.13";
    const redis = redisConnection("worker");
    // What the passing of the wait does, without waiting: the pair's blocking key expires.
    const waitPasses = () => redis.del(redisKey("throttle", "login:pair", `${sha256("doubling@example.se")}:${address}`));
    try {
      for (let i = 0; i < LIMITS.pairFree; i++) expect((await signIn(c, "doubling@example.se", `guess ${i}`, address)).status).toBe(400);
      expect(Number((await signIn(c, "doubling@example.se", "guess", address)).headers.get("Retry-After"))).toBeLessThanOrEqual(
        LIMITS.pairFirstWaitSeconds,
      );

      await waitPasses();
      expect((await signIn(c, "doubling@example.se", "one try", address)).status).toBe(400);
      const second = await signIn(c, "doubling@example.se", "too soon", address);
      expect(second.status).toBe(429);
      expect(Number(second.headers.get("Retry-After"))).toBeGreaterThan(LIMITS.pairFirstWaitSeconds);
      expect(Number(second.headers.get("Retry-After"))).toBeLessThanOrEqual(2 * LIMITS.pairFirstWaitSeconds);

      await waitPasses();
      expect((await signIn(c, "doubling@example.se", "correct horse battery", address)).status).toBe(302);
      // Cleared: the free failures are there again.
      const fresh = new Client(web.url);
      for (let i = 0; i < LIMITS.pairFree; i++)
        expect((await signIn(fresh, "doubling@example.se", `again ${i}`, address)).status).toBe(400);
      expect((await signIn(fresh, "doubling@example.se", "again", address)).status).toBe(429);
    } finally {
      redis.disconnect();
    }
  });

  it(`keeps the owner signing in where they did before when guesses from many addresses use up the account's ${LIMITS.account} an hour`, async () => {
    await new Client(web.url).register("Fia", "fia@example.se");
    expect((await signIn(new Client(web.url), "fia@example.se", "correct horse battery", "203.0.113.40")).status).toBe(302);
    const c = new Client(web.url);
    const csrf = await c.csrf("/login");
    // Each address guesses its free failures, all at once, until the account's hour is used up.
    const addresses = Array.from({ length: LIMITS.account / LIMITS.pairFree }, (_, a) => `198.18.${a}.1`);
    const statuses = await Promise.all(
      addresses.map(async (address) => {
        const seen: number[] = [];
        for (let i = 0; i < LIMITS.pairFree; i++) seen.push((await signIn(c, "fia@example.se", `guess ${i}`, address, csrf)).status);
        return seen;
      }),
    );
    expect(statuses.flat().filter((s) => s === 400)).toHaveLength(LIMITS.account);
    expect((await signIn(c, "fia@example.se", "correct horse battery", "192.0.2.200", csrf)).status).toBe(429); // a new address: the account's limit
    expect((await signIn(new Client(web.url), "fia@example.se", "correct horse battery", "203.0.113.40")).status).toBe(302); // the owner's own
  });

  it(`refuses every account from an address after ${LIMITS.ip} failures there, whichever accounts they tried`, async () => {
    const c = new Client(web.url);
    const csrf = await c.csrf("/login");
    for (let i = 0; i < LIMITS.ip; i++) expect((await signIn(c, `spray${i}@example.se`, "guess", "198.51.100.14", csrf)).status).toBe(400);
    expect((await signIn(c, "never-tried@example.se", "guess", "198.51.100.14", csrf)).status).toBe(429);
    expect((await signIn(c, "never-tried@example.se", "guess", "198.51.100.15", csrf)).status).toBe(400); // another address is not
  });
});

describe("sign-in throttling without a trusted proxy, from the first request", () => {
  it("ignores X-Forwarded-For, so changing it does not escape the limit", async () => {
    // A fresh web process: its first sign-in is also its first use of Redis.
    const plain = await startWeb(testEnv());
    try {
      await new Client(plain.url).register("Dag", "dag@example.se");
      const c = new Client(plain.url);
      const csrf = await c.csrf("/login");
      for (let i = 0; i < LIMITS.pairFree; i++)
        expect((await signIn(c, "dag@example.se", `guess ${i}`, `192.0.2.${i + 1}`, csrf)).status).toBe(400);
      expect((await signIn(c, "dag@example.se", "correct horse battery", "192.0.2.99", csrf)).status).toBe(429);
    } finally {
      await plain.stop();
    }
  });
});

describe("sign-in throttling while Redis is down", () => {
  it("still signs people in, and still limits guessing, in the web process's memory", async () => {
    const redis = await ownRedis();
    const own = await startWeb(testEnv({ REDIS_URL: redis.url }));
    try {
      await new Client(own.url).register("Eva", "eva@example.se");
      expect((await new Client(own.url).post("/login", { email: "eva@example.se", password: "correct horse battery" })).status).toBe(302);
      await redis.kill();

      const c = new Client(own.url);
      expect((await c.post("/login", { email: "eva@example.se", password: "correct horse battery" })).status).toBe(302);
      const guesser = new Client(own.url);
      const csrf = await guesser.csrf("/login");
      for (let i = 0; i < LIMITS.pairFree; i++)
        expect((await guesser.post("/login", { csrf, email: "eva@example.se", password: `guess ${i}` })).status).toBe(400);
      expect((await guesser.post("/login", { csrf, email: "eva@example.se", password: "correct horse battery" })).status).toBe(429);
      await waitForOutput(own, /\[throttle\] Redis unavailable/);
    } finally {
      await own.stop();
    }
  });
});

describe("authorization", () => {
  let owner: Client;
  let other: Client;
  let id: string;
  beforeAll(async () => {
    owner = new Client(web.url);
    await owner.register("Owner", "owner@example.se");
    other = new Client(web.url);
    await other.register("Other", "other@example.se");
    id = await publish(owner);
  });

  it("hides a signed-in-only posting from visitors, by URL and in lists", async () => {
    await searchSettled();
    const visitor = new Client(web.url);
    expect((await visitor.get(`/postings/${id}`)).status).toBe(404);
    expect(await (await visitor.get("/postings")).text()).not.toContain("Private work");
    expect(await (await visitor.get("/")).text()).not.toContain("Private work");
    expect((await other.get(`/postings/${id}`)).status).toBe(200);
    expect(await (await other.get("/postings?q=Private")).text()).toContain("Private work"); // indexed, and shown to members
  });

  it("does not let another user edit, pause or archive it by guessing the URL", async () => {
    expect((await other.get(`/postings/${id}/edit`)).status).toBe(404);
    expect((await other.post(`/postings/${id}/edit`, { ...posting, title: "Hijacked" })).status).toBe(404);
    for (const change of ["pause", "archive", "renew"]) expect((await other.post(`/postings/${id}`, { change })).status).toBe(404);
    const row = await getPrisma().posting.findUniqueOrThrow({ where: { id } });
    expect([row.title, row.status]).toEqual(["Private work", "active"]);
  });

  it("does not show another user's paused or archived posting", async () => {
    expect((await owner.post(`/postings/${id}`, { change: "pause" })).status).toBe(302);
    expect((await other.get(`/postings/${id}`)).status).toBe(404);
    expect((await owner.get(`/postings/${id}`)).status).toBe(200);
    expect(await (await other.get("/postings/mine")).text()).not.toContain("Private work");
    await owner.post(`/postings/${id}`, { change: "resume" });
  });

  it("answers malformed and unknown ids with 404, not an error", async () => {
    for (const bad of ["not-a-uuid", "00000000-0000-0000-0000-000000000000", "' OR 1=1 --", "%00"]) {
      expect((await other.get(`/postings/${encodeURIComponent(bad)}`)).status).toBe(404);
      expect((await other.post(`/postings/${encodeURIComponent(bad)}`, { change: "archive" })).status).toBe(404);
    }
  });

  it("does not let a user publish for an organization they do not belong to", async () => {
    const org = await getPrisma().organization.create({ data: { name: "Not yours AB", kind: "company" } });
    expect((await other.post("/postings/new", { ...posting, organizationId: org.id })).status).toBe(403);
    expect(await getPrisma().posting.count({ where: { organizationId: org.id } })).toBe(0);
  });

  it("lets an organization admin edit what a colleague published for the organization", async () => {
    const admin = new Client(web.url);
    await admin.register("Org Admin", "admin@acme.example", { organization: "Acme Sensors AB", role: "company_rep" }); // creates it: admin
    const colleague = new Client(web.url);
    await colleague.register("Colleague", "colleague@acme.example", { organization: "Acme Sensors AB", role: "company_rep" }); // asks to join
    const org = await getPrisma().organization.findFirstOrThrow({ where: { name: "Acme Sensors AB" } });
    const colleagueId = (await getPrisma().user.findUniqueOrThrow({ where: { email: "colleague@acme.example" } })).id;
    expect((await admin.post(`/organizations/${org.id}/members`, { intent: "approve", userId: colleagueId })).status).toBe(200); // granted
    const pid = await publish(colleague, { ...posting, visibility: "public", title: "Acme needs", organizationId: org.id });
    expect((await admin.post(`/postings/${pid}`, { change: "pause" })).status).toBe(302);
    expect((await getPrisma().posting.findUniqueOrThrow({ where: { id: pid } })).status).toBe("paused");
    expect((await other.post(`/postings/${pid}`, { change: "resume" })).status).toBe(404);
  });

  it("keeps a posting unchanged when an edit is invalid, and says where", async () => {
    const res = await owner.post(`/postings/${id}/edit`, {
      ...posting,
      title: "",
      description: "x".repeat(10_001),
      subjects: "99999",
      language: "de",
    });
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain('id="field-title-error"');
    expect(html).toContain('id="field-description-error"');
    expect(html).toContain('id="field-subjects-error"');
    expect((await getPrisma().posting.findUniqueOrThrow({ where: { id } })).title).toBe("Private work");
  });
});
