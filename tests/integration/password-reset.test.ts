// Password reset: the emailed link travels through the outbox and the worker into the
// mail folder, works once, and signs the user out everywhere else. Only the latest link
// works, mails are limited, and the form answers and works alike for every address.
import { PrismaPg } from "@prisma/adapter-pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PrismaClient } from "#app/generated/prisma/client.ts";
import { getPrisma } from "#app/lib/db.server.ts";
import { sha256 } from "#app/lib/security.server.ts";
import { LIMITS } from "#app/lib/throttle.server.ts";
import { requestPasswordReset, resetTokenValid } from "#app/models/user.server.ts";
import { waitFor } from "#scripts/lib/proc.ts";
import { Client } from "#tests/helpers/http.ts";
import { mailsTo } from "#tests/helpers/mail.ts";

/** Reset emails only: registering also mails a link to confirm the address. */
const resetMailsTo = async (address: string) => (await mailsTo(address)).filter((m) => m.subject === "Reset your Samband password");
import { startWeb, startWorker, testEnv, type Proc } from "#tests/helpers/processes.ts";

let web: Proc & { url: string };
let worker: Proc;
// Links in emails come from configuration, never from the request.
const APP_URL = "https://samband.example";
beforeAll(async () => {
  // Behind one (pretend) proxy, so a test can ask from an address of its own.
  [web, worker] = await Promise.all([startWeb(testEnv({ APP_URL, TRUST_PROXY: "1" })), startWorker(testEnv({ APP_URL }))]);
});
afterAll(async () => {
  await Promise.all([web?.stop(), worker?.stop()]);
});

describe("password reset", () => {
  it("emails a one-time link that sets a new password and ends the other sessions", async () => {
    const elsewhere = new Client(web.url);
    await elsewhere.register("Dana", "dana@example.se");
    expect((await elsewhere.get("/postings/mine")).status).toBe(200);

    const c = new Client(web.url);
    const res = await c.post("/forgot-password", { email: "Dana@Example.se" });
    expect(res.status).toBe(200);
    expect(await res.text()).toContain("If an account exists for dana@example.se, a link is on its way.");
    const mail = await waitFor("the reset email", async () => (await resetMailsTo("dana@example.se"))[0]);
    expect(mail.subject).toBe("Reset your Samband password");
    const link = /(https?:\/\/\S+\/reset-password\?token=[\w%-]+)/.exec(mail.text)![1]!;
    expect(link.startsWith(`${APP_URL}/reset-password?token=`)).toBe(true);
    const token = decodeURIComponent(new URL(link).searchParams.get("token")!);

    const bad = await c.post("/reset-password", { token, password: "short" });
    expect(bad.status).toBe(400);
    const ok = await c.post("/reset-password", { token, password: "a brand new password" });
    expect(ok.status).toBe(302);
    expect((await elsewhere.get("/postings/mine")).status).toBe(302); // signed out there
    const again = await new Client(web.url).post("/reset-password", { token, password: "another new password" });
    expect(await again.text()).toContain("This link is invalid or has expired.");

    const login = await new Client(web.url).post("/login", { email: "dana@example.se", password: "a brand new password" });
    expect(login.status).toBe(302);
  });

  it("links to the configured address whatever Host the request claims", async () => {
    await new Client(web.url).register("Erik", "erik@example.se");
    const c = new Client(web.url);
    const res = await c.post(
      "/forgot-password",
      { email: "erik@example.se" },
      { headers: { Host: "evil.example", "X-Forwarded-Host": "evil.example" } },
    );
    expect(res.status).toBe(200);
    const mail = await waitFor("the reset email", async () => (await resetMailsTo("erik@example.se"))[0]);
    expect(mail.text).toContain(`${APP_URL}/reset-password?token=`);
    expect(mail.text).not.toContain("evil.example");
  });

  it("answers the same for an unknown email and sends nothing", async () => {
    const res = await new Client(web.url).post("/forgot-password", { email: "ghost@example.se" });
    expect(await res.text()).toContain("If an account exists for ghost@example.se");
    await allHandled(); // once the worker has handled the request, there is still nothing to send
    expect(await getPrisma().outboxEvent.count({ where: { payload: { path: ["to"], equals: "ghost@example.se" } } })).toBe(0);
  });

  it("refuses made-up, empty and huge tokens", async () => {
    const c = new Client(web.url);
    for (const token of ["made-up", "", "x".repeat(5000)]) {
      const page = await c.get(`/reset-password?token=${encodeURIComponent(token)}`);
      expect(await page.text()).toContain("This link is invalid or has expired.");
    }
    expect((await c.post("/reset-password", { token: "made-up", password: "a brand new password" })).status).toBe(400);
  });

  it("keeps a link valid for an hour and refuses it after that", async () => {
    await new Client(web.url).register("Hilda", "hilda@example.se");
    const c = new Client(web.url);
    await c.post("/forgot-password", { email: "hilda@example.se" });
    const mail = await waitFor("the reset email", async () => (await resetMailsTo("hilda@example.se"))[0]);
    const token = decodeURIComponent(/reset-password\?token=([\w%-]+)/.exec(mail.text)![1]!);
    const prisma = getPrisma();
    const where = { id: sha256(token) };
    const before = (await prisma.user.findUniqueOrThrow({ where: { email: "hilda@example.se" } })).passwordHash;
    // Time passes for the link: its expiry moves back as much as the clock would move on.
    const age = async (minutes: number) => {
      const { expiresAt } = await prisma.passwordResetToken.findUniqueOrThrow({ where });
      await prisma.passwordResetToken.update({ where, data: { expiresAt: new Date(expiresAt.getTime() - minutes * 60_000) } });
    };
    await age(59);
    expect(await (await c.get(`/reset-password?token=${encodeURIComponent(token)}`)).text()).not.toContain(
      "This link is invalid or has expired.",
    );
    await age(2); // 61 minutes old
    expect(await (await c.get(`/reset-password?token=${encodeURIComponent(token)}`)).text()).toContain(
      "This link is invalid or has expired.",
    );
    expect((await c.post("/reset-password", { token, password: "a password too late" })).status).toBe(400);
    expect((await prisma.user.findUniqueOrThrow({ where: { email: "hilda@example.se" } })).passwordHash).toBe(before);
  });

  it("makes a new link replace the older ones, and ends them all when one is used", async () => {
    await new Client(web.url).register("Frida", "frida@example.se");
    const c = new Client(web.url);
    await c.post("/forgot-password", { email: "frida@example.se" });
    await c.post("/forgot-password", { email: "frida@example.se" });
    const mails = await waitFor("both reset emails", async () => {
      const m = await resetMailsTo("frida@example.se");
      return m.length === 2 ? m : undefined;
    });
    const tokens = mails.map((m) => decodeURIComponent(/reset-password\?token=([\w%-]+)/.exec(m.text)![1]!));
    // The worker may have issued them in either order: whichever came last is the one.
    const valid = await Promise.all(tokens.map((t) => resetTokenValid(t)));
    expect(valid.filter(Boolean)).toHaveLength(1);
    const latest = tokens[valid.indexOf(true)]!;
    const older = tokens[valid.indexOf(false)]!;

    expect(await (await c.get(`/reset-password?token=${encodeURIComponent(older)}`)).text()).toContain(
      "This link is invalid or has expired.",
    );
    expect((await c.post("/reset-password", { token: older, password: "an older link's password" })).status).toBe(400);
    expect((await c.post("/reset-password", { token: latest, password: "the latest link's password" })).status).toBe(302);
    for (const token of tokens)
      expect((await new Client(web.url).post("/reset-password", { token, password: "yet another password" })).status).toBe(400);
    expect(await getPrisma().passwordResetToken.count({ where: { user: { email: "frida@example.se" } } })).toBe(0);
    expect((await new Client(web.url).post("/login", { email: "frida@example.se", password: "the latest link's password" })).status).toBe(
      302,
    );
  });

  it(`sends at most ${LIMITS.resetAccount} emails an hour for one address, answering every request alike`, async () => {
    await new Client(web.url).register("Gun", "gun@example.se");
    const answers: string[] = [];
    for (let i = 0; i < LIMITS.resetAccount + 2; i++) {
      const res = await new Client(web.url).post(
        "/forgot-password",
        { email: "gun@example.se" },
        { headers: { "X-Forwarded-For": `198.51.100.${30 + i}` } },
      );
      expect(res.status).toBe(200);
      answers.push(withoutCsrf(await res.text()));
    }
    expect(new Set(answers).size).toBe(1);
    await allHandled();
    expect(await resetMailsTo("gun@example.se")).toHaveLength(LIMITS.resetAccount);
  });

  it(`takes at most ${LIMITS.resetIp} requests an hour from one client address, whichever addresses they name`, async () => {
    await new Client(web.url).register("Hedda", "hedda@example.se");
    const from = (address: string) => ({ headers: { "X-Forwarded-For": address } });
    const c = new Client(web.url);
    for (let i = 0; i < LIMITS.resetIp; i++)
      expect((await c.post("/forgot-password", { email: `many${i}@example.se` }, from("198.51.100.60"))).status).toBe(200);
    const over = await c.post("/forgot-password", { email: "hedda@example.se" }, from("198.51.100.60"));
    expect(await over.text()).toContain("If an account exists for hedda@example.se, a link is on its way.");
    await allHandled();
    expect(await resetMailsTo("hedda@example.se")).toHaveLength(0);
    // From another address the same request goes through.
    await c.post("/forgot-password", { email: "hedda@example.se" }, from("198.51.100.61"));
    await allHandled();
    expect(await resetMailsTo("hedda@example.se")).toHaveLength(1);
  });

  it("answers a known and an unknown address with the same page", async () => {
    await new Client(web.url).register("Hugo", "hugo@example.se");
    const known = await new Client(web.url).post(
      "/forgot-password",
      { email: "hugo@example.se" },
      { headers: { "X-Forwarded-For": "198.51.100.70" } },
    );
    const unknown = await new Client(web.url).post(
      "/forgot-password",
      { email: "hxgo@example.se" },
      { headers: { "X-Forwarded-For": "198.51.100.71" } },
    );
    expect(unknown.status).toBe(known.status);
    const headers = (r: Response) =>
      [...r.headers]
        .filter(([k]) => !["date", "set-cookie", "content-length"].includes(k))
        .map(([k, v]) => [k, v.replace(/'nonce-[^']+'/, "'nonce-N'")]);
    expect(headers(unknown)).toEqual(headers(known));
    // Byte for byte, once the CSRF token and the address typed (same length) are set aside.
    expect(withoutCsrf(await unknown.text()).replaceAll("hxgo@", "hugo@")).toBe(withoutCsrf(await known.text()));
  });

  it("does the same database work for a known and an unknown address", async () => {
    await new Client(web.url).register("Ida", "ida@example.se");
    // A client of our own that reports every statement, standing in for the web process's.
    const logged = new PrismaClient({
      adapter: new PrismaPg({ connectionString: process.env.DATABASE_URL!, max: 1 }),
      log: [{ emit: "event", level: "query" }],
    });
    const statements: string[] = [];
    logged.$on("query", (e) => statements.push(e.query));
    const saved = globalThis.__sambandPrisma;
    globalThis.__sambandPrisma = logged;
    try {
      const run = async (address: string) => {
        statements.length = 0;
        await requestPasswordReset(address, "en");
        return [...statements];
      };
      const forKnown = await run("ida@example.se");
      const forUnknown = await run("nobody-at-all@example.se");
      expect(forKnown.length).toBeGreaterThan(0);
      expect(forUnknown).toEqual(forKnown);
      // The account itself is looked at later, by the worker, not while the person waits.
      expect(forKnown.join("\n")).not.toContain('"User"');
    } finally {
      globalThis.__sambandPrisma = saved;
      await logged.$disconnect();
    }
  });
});

/** Waits until the worker has handled every request and sent every email they caused. */
async function allHandled(): Promise<void> {
  await waitFor(
    "the outbox to be processed",
    async () =>
      (await getPrisma().outboxEvent.count({ where: { topic: { in: ["account.password-reset", "email.send"] }, processedAt: null } })) ===
      0,
  );
}

/** A page without its CSRF token (in its forms and in the page's data), which differs per browser. */
/** A page without what differs on every response: the CSRF token and the scripts' CSP nonce. */
function withoutCsrf(html: string): string {
  const token = /name="csrf" value="([^"]+)"/.exec(html)?.[1];
  return (token ? html.replaceAll(token, "CSRF") : html).replace(/nonce="[^"]+"/g, 'nonce="N"');
}
