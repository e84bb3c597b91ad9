// From a suggestion to a conversation, in two browsers: a company representative finds a
// researcher among the partners suggested for their need and expresses interest; the
// researcher gets the email (from the SMTP catcher) and sees the count rise without a
// reload, answers, and the company sees the answer arrive on the open thread; then "not
// interested" shows its reason, politely worded, to the company.
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getPrisma } from "#app/lib/db.server.ts";
import { writeEvent } from "#app/lib/outbox.server.ts";
import { hashPassword } from "#app/lib/security.server.ts";
import { waitFor } from "#scripts/lib/proc.ts";
import { applySearchSettings } from "#search/setup.server.ts";
import { launchBrowser } from "#tests/helpers/browser.ts";
import { mailsTo } from "#tests/helpers/mail.ts";
import { searchSettled, startWeb, startWorker, testEnv, type Proc } from "#tests/helpers/processes.ts";

const PASSWORD = "conversation e2e password";
const RESEARCHER = { email: "rakel.ring@conversation-e2e.example", name: "Rakel Ring" };
const REP = { email: "hugo.hall@conversation-e2e.example", name: "Hugo Hall" };

let web: Proc & { url: string };
let worker: Proc;
let browser: Browser;
let needId: string;
beforeAll(async () => {
  await applySearchSettings();
  const prisma = getPrisma();
  const passwordHash = await hashPassword(PASSWORD);
  const confirmed = new Date();
  const company = await prisma.organization.create({ data: { name: "Hallbergs Drivlinor AB", kind: "company" } });
  const researcher = await prisma.user.create({
    data: { ...RESEARCHER, role: "researcher", passwordHash, emailConfirmedAt: confirmed, title: "Professor of signal processing" },
  });
  const rep = await prisma.user.create({ data: { ...REP, role: "company_rep", passwordHash, emailConfirmedAt: confirmed } });
  await prisma.membership.create({ data: { userId: rep.id, organizationId: company.id, role: "admin" } });
  const inAYear = new Date(Date.now() + 365 * 86_400_000);
  await prisma.$transaction(async (tx) => {
    const need = await tx.posting.create({
      data: {
        kind: "need",
        title: "Early warning of bearing faults in drive lines",
        description: "We need machine learning that finds bearing faults in vibration data from our drive lines before they fail.",
        keywords: ["bearing faults", "vibration analysis", "machine learning"],
        subjects: ["20205"],
        language: "en",
        ownerId: rep.id,
        organizationId: company.id,
        expiresAt: inAYear,
      },
    });
    // The researcher's own, without an organization: the suggestion is the person.
    const competence = await tx.posting.create({
      data: {
        kind: "competence",
        title: "Vibration analysis and machine learning for bearing faults",
        description: "I find bearing faults in vibration data with machine learning, weeks before the machine fails.",
        keywords: ["vibration analysis", "bearing faults", "machine learning"],
        subjects: ["20205"],
        language: "en",
        ownerId: researcher.id,
        expiresAt: inAYear,
      },
    });
    needId = need.id;
    await writeEvent(tx, "search.postings", { postingIds: [need.id, competence.id] });
  });
  [web, worker] = await Promise.all([startWeb(testEnv()), startWorker(testEnv())]);
  await searchSettled();
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await Promise.all([web?.stop(), worker?.stop()]);
});

const isStream = (r: { url: () => string; status: () => number }) =>
  new URL(r.url()).pathname === "/notifications/stream" && r.status() === 200;

async function signedIn(email: string): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ locale: "en-GB" });
  const page = await context.newPage();
  await page.goto(`${web.url}/login`);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(PASSWORD);
  await Promise.all([page.waitForURL((u) => !u.pathname.startsWith("/login")), page.getByRole("button", { name: "Sign in" }).click()]);
  return { context, page };
}

/** Loads a page and waits until its live stream is open, so what follows arrives over it. */
async function openLive(page: Page, path: string): Promise<void> {
  const stream = page.waitForResponse(isStream);
  await page.goto(`${web.url}${path}`);
  await stream;
}

describe("a conversation from a suggestion", () => {
  it("reaches the researcher by email and live count, and the answer and the reason reach the company live", async () => {
    const researcher = await signedIn(RESEARCHER.email);
    const rep = await signedIn(REP.email);
    await openLive(researcher.page, "/");
    await researcher.page.getByRole("link", { name: "Messages", exact: true }).waitFor();

    // The company finds the researcher among the partners suggested for its need.
    await rep.page.goto(`${web.url}/postings/${needId}`);
    const suggestion = rep.page.locator(".suggestion").filter({ hasText: RESEARCHER.name });
    await suggestion
      .first()
      .waitFor({ timeout: 60_000 })
      .catch(async (e: unknown) => {
        throw new Error(`no suggestion of ${RESEARCHER.name}; the page says: ${await rep.page.locator("main").innerText()}`, { cause: e });
      });
    await suggestion
      .first()
      .getByRole("link", { name: /^Express interest/ })
      .click();
    await rep.page.getByRole("heading", { level: 1, name: "Express interest" }).waitFor();
    expect(await rep.page.locator("main").textContent()).not.toContain(RESEARCHER.email);
    await rep.page.getByRole("button", { name: "Send" }).click();
    // Nothing typed: the form says so, and sends nothing.
    await rep.page.getByRole("alert").filter({ hasText: "Write a message." }).waitFor();
    await rep.page.getByLabel("What you can bring").fill("We have <b>ten years</b> of vibration data from our test rigs.");
    await rep.page
      .getByLabel("Link one of your postings (optional)")
      .selectOption({ label: "Need: Early warning of bearing faults in drive lines" });
    await rep.page.getByRole("button", { name: "Send" }).click();
    await rep.page.getByRole("status").filter({ hasText: "Your message is sent." }).waitFor();
    const threadPath = new URL(rep.page.url()).pathname;
    expect(threadPath).toMatch(/^\/messages\/[0-9a-f-]{36}$/);
    await openLive(rep.page, threadPath);
    await rep.page.evaluate(() => ((window as unknown as { stayed: boolean }).stayed = true));

    // The researcher's open page counts the new conversation without a reload.
    await researcher.page.getByRole("link", { name: "Messages (1 unread)" }).waitFor();
    const [mail] = await waitFor("the email to the researcher", async () => {
      const mails = await mailsTo(RESEARCHER.email);
      return mails.length ? mails : undefined;
    });
    expect(mail!.subject).toBe(`Samband: ${REP.name} is interested in working with ${RESEARCHER.name}`);
    expect(mail!.text).toContain("We have <b>ten years</b> of vibration data");
    expect(mail!.text).not.toContain(REP.email);
    const link = new URL(/https?:\/\/\S+\/messages\/\S+/.exec(mail!.text)![0]);
    expect(link.pathname).toBe(threadPath);

    // The link opens the thread; the message shows as typed, tags and all.
    await researcher.page.goto(`${web.url}${link.pathname}`);
    await researcher.page.getByText("We have <b>ten years</b> of vibration data from our test rigs.").waitFor();
    expect(await researcher.page.locator(".message-list b").count()).toBe(0);
    await researcher.page.getByRole("link", { name: "Messages", exact: true }).waitFor(); // read now
    await researcher.page.getByLabel("Your reply").fill("Gladly. Could we meet on Tuesday?");
    await researcher.page.getByRole("button", { name: "Send reply" }).click();
    await researcher.page.getByRole("status").filter({ hasText: "Your reply is sent." }).waitFor();

    // The company's open thread shows the answer as it arrives, without loading again.
    await rep.page.locator(".message-list").getByText("Gladly. Could we meet on Tuesday?").waitFor();
    expect(await rep.page.evaluate(() => (window as unknown as { stayed?: boolean }).stayed)).toBe(true);

    // Not interested after all: the company reads why, politely worded, on the open page.
    await researcher.page.locator("details.decline summary").click(); // the disclosure
    await researcher.page.getByLabel("Reason").selectOption({ label: "We already have a partner" });
    await researcher.page.getByLabel("In your own words (optional; needed for “other”)").fill("We started with Chalmers last month.");
    await researcher.page.locator("details.decline").getByRole("button", { name: "Not interested" }).click();
    await researcher.page.getByRole("status").filter({ hasText: "They are told, politely, with your reason." }).waitFor();
    await rep.page.getByRole("heading", { name: `${RESEARCHER.name} is not taking this further.` }).waitFor();
    await rep.page.getByText("Thank you for your interest. They have already found a partner for this.").waitFor();
    await rep.page.getByText("We started with Chalmers last month.").waitFor();
    expect(await rep.page.evaluate(() => (window as unknown as { stayed?: boolean }).stayed)).toBe(true);
    expect(await rep.page.getByLabel("Your reply").count()).toBe(0);

    await researcher.context.close();
    await rep.context.close();
  }, 300_000);
});
