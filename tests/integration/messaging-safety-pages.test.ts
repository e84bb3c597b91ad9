// The safety pages over HTTP: reporting a message (HTML in it and in the reason shown as
// text), /admin/reports for administrators only, suspending (the author is signed out at
// once and cannot sign in again), blocking and unblocking, and deleting one's account (the
// other side then reads "Former user").
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getPrisma } from "#app/lib/db.server.ts";
import { hashPassword } from "#app/lib/security.server.ts";
import { openConversation } from "#app/models/conversation.server.ts";
import { liftSuspension, reportMessage, suspendAuthor } from "#app/models/report.server.ts";
import { Client, html } from "#tests/helpers/http.ts";
import { startWeb, testEnv, type Proc } from "#tests/helpers/processes.ts";

const PASSWORD = "correct horse battery";
let web: Proc & { url: string };
beforeAll(async () => {
  web = await startWeb(testEnv());
});
afterAll(async () => {
  await web?.stop();
});

let n = 0;
async function person(name: string, role: "researcher" | "admin" = "researcher") {
  const tag = `${++n}-${Date.now()}`;
  return getPrisma().user.create({
    data: {
      name: `${name} ${tag}`,
      email: `${name.toLowerCase()}-${tag}@safety-pages.example`,
      role,
      emailConfirmedAt: new Date(),
      passwordHash: await hashPassword(PASSWORD),
    },
    select: { id: true, name: true, email: true },
  });
}

async function signIn(email: string): Promise<Client> {
  const client = new Client(web.url);
  const res = await client.post("/login", { email, password: PASSWORD });
  if (res.status !== 302) throw new Error(`sign-in failed: ${res.status}`);
  return client;
}

describe("reports, suspension and blocks through the pages", () => {
  it("a report with HTML shown as text; only admins see the reports; a suspended author is signed out and stays out", async () => {
    const [pest, researcher, admin] = await Promise.all([person("Pest"), person("Researcher"), person("Admin", "admin")]);
    const opened = await openConversation(pest, { target: { person: researcher.id }, body: '<img src=x onerror="alert(1)">buy' });
    if (!opened.ok) throw new Error(opened.error);
    const pestClient = await signIn(pest.email);
    const researcherClient = await signIn(researcher.email);

    const form = await researcherClient.get(`/messages/${opened.id}/report`);
    expect(form.status).toBe(200);
    const formPage = await html(form);
    expect(formPage).toContain("&lt;img src=x onerror=");
    expect(formPage).not.toContain("<img src=x");
    // A stranger, and the author of the only message, find nothing to report.
    expect((await (await signIn(admin.email)).get(`/messages/${opened.id}/report`)).status).toBe(404);
    expect((await pestClient.get(`/messages/${opened.id}/report`)).status).toBe(404);

    const message = await getPrisma().message.findFirstOrThrow({ where: { conversationId: opened.id }, select: { id: true } });
    const blank = await researcherClient.post(`/messages/${opened.id}/report`, { message: message.id, reason: "   " });
    expect(blank.status).toBe(400);
    expect(await html(blank)).toContain("Say why you are reporting the message.");
    expect(await getPrisma().report.count({ where: { messageId: message.id } })).toBe(0);
    const reason = `<script>alert("reason")</script> and "quotes"`;
    const sent = await researcherClient.post(`/messages/${opened.id}/report`, { message: message.id, reason });
    expect(sent.status).toBe(302);
    expect(sent.headers.get("location")).toBe(`/messages/${opened.id}?done=reported`);

    // Not an admin: not found; signed out: sign in first.
    expect((await researcherClient.get("/admin/reports")).status).toBe(404);
    expect((await new Client(web.url).get("/admin/reports")).headers.get("location")).toMatch(/^\/login\?redirectTo=/);
    expect((await researcherClient.post("/admin/reports", { intent: "suspend", report: message.id })).status).toBe(404);

    const adminClient = await signIn(admin.email);
    const page = await html(await adminClient.get("/admin/reports"));
    expect(page).toContain("&lt;script&gt;alert(&quot;reason&quot;)&lt;/script&gt;");
    expect(page).not.toContain('<script>alert("reason")');
    expect(page).toContain(`Suspend ${pest.name}`);
    const report = await getPrisma().report.findFirstOrThrow({ where: { messageId: message.id }, select: { id: true } });

    // The author can act until the moment of suspension.
    expect((await pestClient.get("/profile")).status).toBe(200);
    const suspended = await adminClient.post("/admin/reports", { intent: "suspend", report: report.id });
    expect(suspended.status).toBe(302);
    expect(suspended.headers.get("location")).toBe("/admin/reports?done=suspended");
    expect((await pestClient.get("/profile")).status).toBe(302);
    const again = await new Client(web.url).post("/login", { email: pest.email, password: PASSWORD });
    expect(again.status).toBe(403);
    expect(await html(again)).toContain("This account is suspended");
    // A wrong password says nothing about suspension.
    const wrong = await new Client(web.url).post("/login", { email: pest.email, password: "wrong password 123" });
    expect(await html(wrong)).not.toContain("suspended");
    // Decided already: the page says so.
    expect((await adminClient.post("/admin/reports", { intent: "dismiss", report: report.id })).status).toBe(409);
  });

  it("an administrator lifts a suspension, recorded with who and when: the account signs in and writes again; nobody else can lift", async () => {
    const [pest, reader, admin, otherAdmin] = await Promise.all([
      person("Lifted"),
      person("Reader"),
      person("Admin", "admin"),
      person("Suspender", "admin"),
    ]);
    const opened = await openConversation(pest, { target: { person: reader.id }, body: "first" });
    if (!opened.ok) throw new Error(opened.error);
    const prisma = getPrisma();
    const message = await prisma.message.findFirstOrThrow({ where: { conversationId: opened.id }, select: { id: true } });
    expect(await reportMessage(message.id, reader, "spam")).toEqual({ ok: true });
    const report = await prisma.report.findFirstOrThrow({ where: { messageId: message.id }, select: { id: true } });
    expect(await suspendAuthor(report.id, otherAdmin.id)).toEqual({ ok: true });
    const { suspendedAt } = await prisma.user.findUniqueOrThrow({ where: { id: pest.id }, select: { suspendedAt: true } });

    // The page lists the account, who suspended it, and offers to lift it.
    const adminClient = await signIn(admin.email);
    const page = await html(await adminClient.get("/admin/reports"));
    expect(page).toContain(`${pest.name}: suspended by ${otherAdmin.name}`);
    expect(page).toContain(`Lift the suspension of ${pest.name}`);

    // Not an administrator: not found, and the account stays suspended.
    const readerClient = await signIn(reader.email);
    expect((await readerClient.post("/admin/reports", { intent: "lift", user: pest.id })).status).toBe(404);
    expect((await new Client(web.url).post("/admin/reports", { intent: "lift", user: pest.id })).status).toBe(302); // to sign in
    expect((await prisma.user.findUniqueOrThrow({ where: { id: pest.id } })).suspendedAt).toEqual(suspendedAt);
    expect(await liftSuspension(pest.id, reader.id)).toEqual({ ok: false, error: "forbidden" });
    expect(await prisma.suspensionLift.count({ where: { userId: pest.id } })).toBe(0);
    expect((await new Client(web.url).post("/login", { email: pest.email, password: PASSWORD })).status).toBe(403);

    const lifted = await adminClient.post("/admin/reports", { intent: "lift", user: pest.id });
    expect(lifted.status).toBe(302);
    expect(lifted.headers.get("location")).toBe("/admin/reports?done=suspensionLifted");
    expect((await prisma.user.findUniqueOrThrow({ where: { id: pest.id } })).suspendedAt).toBeNull();
    expect(await prisma.suspensionLift.findMany({ where: { userId: pest.id }, select: { liftedById: true, suspendedAt: true } })).toEqual([
      { liftedById: admin.id, suspendedAt },
    ]);
    const after = await html(await adminClient.get("/admin/reports"));
    expect(after).not.toContain(`Lift the suspension of ${pest.name}`);
    // Lifted already (a second click, or another administrator at once): said, nothing written.
    const twice = await adminClient.post("/admin/reports", { intent: "lift", user: pest.id });
    expect(twice.status).toBe(409);
    expect(await html(twice)).toContain("This account is not suspended (any more).");
    expect(await prisma.suspensionLift.count({ where: { userId: pest.id } })).toBe(1);

    // The account signs in and writes again.
    const pestClient = await signIn(pest.email);
    const reply = await pestClient.post(`/messages/${opened.id}`, { intent: "reply", body: "second" });
    expect(reply.status).toBe(302);
    expect(await prisma.message.count({ where: { conversationId: opened.id, authorId: pest.id } })).toBe(2);
  });

  it("the person written to blocks the sender from the conversation and unblocks from the list", async () => {
    const [sender, researcher] = await Promise.all([person("Sender"), person("Reader")]);
    const opened = await openConversation(sender, { target: { person: researcher.id }, body: "hello" });
    if (!opened.ok) throw new Error(opened.error);
    const client = await signIn(researcher.email);
    const senderClient = await signIn(sender.email);
    // The thread offers Block to the side written to, with Report beside the sender's message; the sender sees neither.
    const thread = await html(await client.get(`/messages/${opened.id}`));
    expect(thread).toContain(`Block ${sender.name}`);
    expect(thread).toMatch(new RegExp(`href="/messages/${opened.id}/report\\?message=[0-9a-f-]+"`));
    const own = await html(await senderClient.get(`/messages/${opened.id}`));
    expect(own).not.toContain("Block ");
    expect(own).not.toContain("/report?message=");
    // Only the side written to may block.
    expect((await senderClient.post("/profile/blocked", { intent: "block", conversation: opened.id })).status).toBe(404);
    const blocked = await client.post("/profile/blocked", { intent: "block", conversation: opened.id });
    expect(blocked.status).toBe(302);
    expect(blocked.headers.get("location")).toBe(`/messages/${opened.id}?done=blocked`);
    // The blocked sender's reply is refused on the thread, saying why, and nothing is stored.
    const refused = await senderClient.post(`/messages/${opened.id}`, { intent: "reply", body: "hello again" });
    expect(refused.status).toBe(403);
    expect(await html(refused)).toContain("You can no longer write in this conversation.");
    expect(await getPrisma().message.count({ where: { conversationId: opened.id } })).toBe(1);
    const list = await html(await client.get("/profile/blocked"));
    expect(list).toContain(`Unblock ${sender.name}`);
    expect(await html(await senderClient.get("/profile/blocked"))).toContain("You have blocked nobody.");
    const block = await getPrisma().block.findFirstOrThrow({ where: { blockedId: sender.id }, select: { id: true } });
    expect((await senderClient.post("/profile/blocked", { intent: "unblock", block: block.id })).status).toBe(404);
    expect((await client.post("/profile/blocked", { intent: "unblock", block: block.id })).status).toBe(302);
    expect(await getPrisma().block.count({ where: { blockedId: sender.id } })).toBe(0);
  });
});

describe("deleting one's account through the page", () => {
  it("asks for the box and the password, then signs out; the other side reads a former user", async () => {
    const [leaver, reader] = await Promise.all([person("Leaver"), person("Stayer")]);
    const opened = await openConversation(leaver, { target: { person: reader.id }, body: "before I go" });
    if (!opened.ok) throw new Error(opened.error);
    const client = await signIn(leaver.email);
    expect((await client.get("/profile/delete")).status).toBe(200);
    const unticked = await client.post("/profile/delete", { password: PASSWORD });
    expect(unticked.status).toBe(400);
    expect(await html(unticked)).toContain("Tick the box to confirm.");
    const wrong = await client.post("/profile/delete", { password: "not my password", confirm: "on" });
    expect(wrong.status).toBe(400);
    expect(await html(wrong)).toContain("The password is wrong.");
    expect(await getPrisma().user.count({ where: { id: leaver.id } })).toBe(1);

    const done = await client.post("/profile/delete", { password: PASSWORD, confirm: "on" });
    expect(done.status).toBe(302);
    expect(done.headers.get("location")).toBe("/?done=accountDeleted");
    expect(await getPrisma().user.count({ where: { id: leaver.id } })).toBe(0);
    expect((await client.get("/profile")).status).toBe(302);

    const page = await html(await (await signIn(reader.email)).get(`/messages/${opened.id}/report`));
    expect(page).toContain("before I go");
    expect(page).toContain("Former user");
    expect(page).not.toContain(leaver.name);
  });
});
