// From eligible to ready to submit in a browser: three companies have accepted and pledged
// (eligible); two confirm their letters of intent in the app, the third uploads a signed
// PDF; the coordinator's page then says "Ready to submit" and the coordinator is told once.
// The coordinator downloads the application package (a ZIP: the PDF read back as text, the
// CSV parsed), records the application submitted and granted, and the project shows on a
// partner's organization page.
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { unzipSync } from "fflate";
import type { Browser, Page } from "playwright-core";
import { extractText, getDocumentProxy } from "unpdf";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { stockholmDay } from "#app/domain/outcome.ts";
import { parseCsv } from "#app/lib/csv.ts";
import { getPrisma } from "#app/lib/db.server.ts";
import { hashPassword } from "#app/lib/security.server.ts";
import { invite, respond, setPledge } from "#app/models/consortium.server.ts";
import { waitFor } from "#scripts/lib/proc.ts";
import { launchBrowser } from "#tests/helpers/browser.ts";
import { startWeb, startWorker, testEnv, type Proc } from "#tests/helpers/processes.ts";

const PASSWORD = "letters browser password";
let docs: string;
let web: Proc & { url: string };
let worker: Proc;
let browser: Browser;
beforeAll(async () => {
  docs = await mkdtemp(path.join(os.tmpdir(), "samband-letters-e2e-"));
  const env = testEnv({ SAMBAND_DOCUMENTS_DIR: docs });
  [web, worker] = await Promise.all([startWeb(env), startWorker(env)]);
  browser = await launchBrowser();
}, 300_000);
afterAll(async () => {
  await browser?.close();
  await Promise.all([web?.stop(), worker?.stop()]);
  if (docs) await rm(docs, { recursive: true, force: true });
});

async function signIn(email: string): Promise<Page> {
  const page = await browser.newPage();
  await page.goto(`${web.url}/login`);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(PASSWORD);
  await Promise.all([page.waitForURL((u) => !u.pathname.startsWith("/login")), page.getByRole("button", { name: "Sign in" }).click()]);
  return page;
}

/** The company's person opens its letter from the consortium page. */
async function openLetter(page: Page, consortiumId: string, company: string) {
  await page.goto(`${web.url}/consortia/${consortiumId}`);
  await page.getByRole("link", { name: `Letter of intent of ${company}` }).click();
  await page.getByRole("heading", { level: 1, name: `Letter of intent: ${company}` }).waitFor();
}

describe("letters of intent in a browser", () => {
  it("take an eligible consortium to ready to submit: two confirmed in the app, one by an uploaded signed PDF", async () => {
    const prisma = getPrisma();
    const passwordHash = await hashPassword(PASSWORD);
    const person = (name: string, email: string, role: "coordinator" | "company_rep") =>
      prisma.user.create({ data: { name, email, role, passwordHash, emailConfirmedAt: new Date() } });
    const coordinator = await person("Carin Coordinator", "carin@letters-e2e.example", "coordinator");
    const programme = await prisma.programme.create({ data: { name: "HÖG letters browser", projectType: "research" } });
    const uni = await prisma.organization.create({
      data: { name: "Letters Browser University", kind: "university", eligibleApplicant: true },
    });
    const c = await prisma.consortium.create({
      data: {
        programmeId: programme.id,
        title: "Drones over the forest",
        summary: "s",
        requestedFunding: 900_000n,
        leadOrganizationId: uni.id,
        coordinatorId: coordinator.id,
      },
    });
    const companies = ["Alfa Drones AB", "Beta Skog AB", "Gamma Data AB"];
    const reps: string[] = [];
    const orgIds: string[] = [];
    // Alfa belongs to a group whose top is not in the consortium: the package names it.
    const holding = await prisma.organization.create({ data: { name: "Alfa Holding AB", kind: "company" } });
    for (const [i, name] of companies.entries()) {
      const org = await prisma.organization.create({
        data: { name, kind: "company", orgNumber: `556100-000${i}`, parentId: i === 0 ? holding.id : null },
      });
      orgIds.push(org.id);
      const rep = await person(`Rep ${i}`, `rep${i}@letters-e2e.example`, "company_rep");
      await prisma.membership.create({ data: { userId: rep.id, organizationId: org.id, role: "admin" } });
      expect(await invite(c.id, coordinator.id, org.id)).toEqual({ ok: true });
      expect(await respond(c.id, org.id, rep.id, true)).toEqual({ ok: true });
      expect(await setPledge(c.id, org.id, rep.id, { pledgeCash: 200_000, pledgeInKind: 100_000 })).toEqual({ ok: true });
      reps.push(rep.email);
    }

    // Eligible, not yet ready: the checklist waits for three letters.
    const carin = await signIn(coordinator.email);
    await carin.goto(`${web.url}/consortia/${c.id}`);
    await carin.getByRole("heading", { level: 2, name: "Eligible: every rule passes" }).waitFor();
    await carin.locator(".checklist li", { hasText: "Letters of intent confirmed: 0 of 3." }).waitFor();

    // Two companies confirm in the app.
    for (const [i, company] of companies.slice(0, 2).entries()) {
      const page = await signIn(reps[i]!);
      await openLetter(page, c.id, company);
      await page.getByLabel("Role in the project").fill(`Flies the drones (${company})`);
      await page.getByLabel("Motive for taking part").fill("Earlier detection of bark beetles.");
      await page.getByRole("button", { name: "Confirm the letter in the organization's name" }).click();
      await page.getByText("The letter of intent is confirmed.").waitFor();
      await page.getByText("Status: confirmed").waitFor();
      await page.close();
    }

    // The third uploads a signed PDF.
    const signed = path.join(docs, "signed-upload.pdf");
    await writeFile(signed, "%PDF-1.4\n% signed by Gamma Data AB\n%%EOF\n");
    const gamma = await signIn(reps[2]!);
    await openLetter(gamma, c.id, companies[2]!);
    await gamma.getByLabel("Signed letter (PDF)").setInputFiles(signed);
    await gamma.getByRole("button", { name: "Upload" }).click();
    await gamma.getByText("The signed letter of intent is uploaded and confirms the letter.").waitFor();
    await gamma.getByRole("link", { name: "Download the signed letter" }).waitFor();

    // Ready to submit, on the page and announced once to the coordinator.
    await waitFor(
      "ready announced",
      async () => (await prisma.notification.count({ where: { userId: coordinator.id, kind: "consortium.ready-reached" } })) === 1,
      { timeoutMs: 60_000 },
    );
    await carin.goto(`${web.url}/consortia/${c.id}`);
    await carin.getByRole("heading", { level: 2, name: "Ready to submit: eligible, and every letter of intent confirmed" }).waitFor();
    await carin.locator(".checklist li", { hasText: "Letters of intent confirmed: 3 of 3." }).waitFor();
    await carin.goto(`${web.url}/notifications`);
    await carin.getByText("“Drones over the forest” is ready to submit").waitFor();
    expect(await prisma.notification.count({ where: { userId: coordinator.id, kind: "consortium.ready-reached" } })).toBe(1);

    // The application package, downloaded as a person would: the PDF opens with the checklist.
    await carin.goto(`${web.url}/consortia/${c.id}`);
    const [download] = await Promise.all([
      carin.waitForEvent("download"),
      carin.getByRole("link", { name: "Download the application package (ZIP: PDF and CSV)" }).click(),
    ]);
    expect(download.suggestedFilename()).toBe("drones-over-the-forest-application.zip");
    const files = unzipSync(new Uint8Array(await readFile((await download.path())!)));
    const pdf = await extractText(await getDocumentProxy(files["drones-over-the-forest-summary.pdf"]!), { mergePages: true });
    const text = pdf.text.replace(/\s+/g, " ");
    expect(text).toMatch(/^Eligibility checklist Passes: /);
    expect(text.indexOf("Passes: Letters of intent confirmed: 3 of 3.")).toBeLessThan(text.indexOf("Drones over the forest"));
    expect(text).toContain("Ready to submit: eligible, and every letter of intent confirmed");
    for (const company of companies) expect(text).toContain(company);
    const csv = files["drones-over-the-forest-partners.csv"]!;
    expect([...csv.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows = parseCsv(new TextDecoder().decode(csv));
    expect(
      rows.map((r) => [
        r["Organisation"],
        r["Organisation number"],
        r["Corporate group"],
        r["Cash (SEK)"],
        r["In kind (SEK)"],
        r["Letter of intent"],
      ]),
    ).toEqual([
      ["Alfa Drones AB", "556100-0000", "Alfa Holding AB", "200000", "100000", "confirmed"],
      ["Beta Skog AB", "556100-0001", "", "200000", "100000", "confirmed"],
      ["Gamma Data AB", "556100-0002", "", "200000", "100000", "confirmed"],
    ]);

    // Submitted and granted today: the project joins each partner's track record.
    const today = stockholmDay(new Date());
    const outcome = carin.getByRole("region", { name: "The application" });
    for (const step of ["Submitted to the funder", "Granted"]) {
      await outcome.getByLabel("What happened").selectOption({ label: step });
      await outcome.getByLabel("Date").fill(today);
      await outcome.getByRole("button", { name: "Record" }).click();
      await outcome.getByText(step === "Granted" ? /granted on/ : /^Submitted on/).waitFor();
    }
    const visitor = await browser.newPage();
    await visitor.goto(`${web.url}/organizations/${orgIds[1]}`);
    await visitor
      .getByRole("region", { name: "Track record" })
      .getByRole("heading", { level: 3, name: "Drones over the forest" })
      .waitFor();
    await Promise.all([visitor.close(), carin.close(), gamma.close()]);
  }, 240_000); // a browser and four people on a loaded machine: minutes, not the default minute
});
