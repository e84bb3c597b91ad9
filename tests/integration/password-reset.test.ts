// Password reset: the emailed link travels through the outbox and the worker into the
// mail folder, works once, and signs the user out everywhere else.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getPrisma } from "../../app/lib/db.server.ts";
import { waitFor } from "../../scripts/lib/proc.ts";
import { Client } from "../helpers/http.ts";
import { mailsTo } from "../helpers/mail.ts";
import { startWeb, startWorker, testEnv, type Proc } from "../helpers/processes.ts";

let web: Proc & { url: string };
let worker: Proc;
// Links in emails come from configuration, never from the request.
const APP_URL = "https://samband.example";
beforeAll(async () => {
  [web, worker] = await Promise.all([startWeb(testEnv({ APP_URL })), startWorker(testEnv({ APP_URL }))]);
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
    const mail = await waitFor("the reset email", async () => (await mailsTo("dana@example.se"))[0]);
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
    const res = await c.post("/forgot-password", { email: "erik@example.se" }, { headers: { Host: "evil.example", "X-Forwarded-Host": "evil.example" } });
    expect(res.status).toBe(200);
    const mail = await waitFor("the reset email", async () => (await mailsTo("erik@example.se"))[0]);
    expect(mail.text).toContain(`${APP_URL}/reset-password?token=`);
    expect(mail.text).not.toContain("evil.example");
  });

  it("answers the same for an unknown email and sends nothing", async () => {
    const res = await new Client(web.url).post("/forgot-password", { email: "ghost@example.se" });
    expect(await res.text()).toContain("If an account exists for ghost@example.se");
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
});
