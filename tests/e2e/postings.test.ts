// A researcher and a company representative each register, publish a competence and a
// need, find them on the browse page, edit, pause and archive them: in real Chromium,
// with JavaScript and without.
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getPrisma } from "#app/lib/db.server.ts";
import { seedDemo } from "#prisma/seed.ts";
import { launchBrowser, pickInCombobox, registerInBrowser } from "#tests/helpers/browser.ts";
import { searchSettled, startWeb, startWorker, testEnv, type Proc } from "#tests/helpers/processes.ts";
import { applySearchSettings } from "#search/setup.server.ts";

let web: Proc & { url: string };
let worker: Proc;
let browser: Browser;
beforeAll(async () => {
  await applySearchSettings();
  await seedDemo(getPrisma());
  [web, worker] = await Promise.all([startWeb(testEnv()), startWorker(testEnv())]);
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await Promise.all([web?.stop(), worker?.stop()]);
});

const register = (page: Page, name: string, email: string, role: string, organization: string) =>
  registerInBrowser(page, web.url, name, email, role, organization);

async function publish(
  page: Page,
  p: {
    kind: "competence" | "need";
    title: string;
    description: string;
    keywords: string;
    language: string;
    forOrg?: string;
    /** Without JavaScript the picker is a plain text field, which takes a subject's name too. */
    withoutScript?: boolean;
  },
) {
  await page.getByRole("link", { name: "Publish", exact: true }).click();
  await page.getByLabel(p.kind === "need" ? "A need: what I/we look for" : "A competence: what I/we can do").check();
  await page.getByLabel("Title").fill(p.title);
  await page.getByLabel("Description").fill(p.description);
  await page.getByLabel("Keywords").fill(p.keywords);
  if (p.withoutScript) await page.getByLabel("Research subjects", { exact: true }).fill("Datavetenskap (datalogi)");
  else await pickInCombobox(page, "Research subjects", "datavetenskap", /^Computer Sciences 10201/);
  await page.getByLabel("Language of the text").selectOption(p.language);
  if (p.forOrg) await page.getByLabel("Publish for").selectOption({ label: p.forOrg });
  await page.getByRole("button", { name: "Publish" }).click();
  await page.getByRole("heading", { level: 1, name: p.title }).waitFor();
  expect(page.url()).toMatch(/\/postings\/[0-9a-f-]{36}\?done=published$/);
  await page.getByRole("status").filter({ hasText: "Your posting is published." }).waitFor();
}

async function browseTitles(page: Page): Promise<string[]> {
  await searchSettled();
  await page.goto(`${web.url}/postings?sort=newest`);
  return page.locator(".postings h3").allTextContents();
}

describe.each([
  { who: "a researcher", role: "researcher", org: "Karlstad University", forOrg: undefined, email: "eva@kau.example" },
  {
    who: "a company representative, for the company",
    role: "company_rep",
    org: "Fjällsensor AB",
    forOrg: "Fjällsensor AB",
    email: "rep@fjallsensor.example",
  },
])("$who", ({ role, org, forOrg, email }) => {
  it("registers, publishes a competence and a need, edits, pauses and archives them", async () => {
    const page = await browser.newPage();
    await register(page, `User ${role}`, email, role, org);
    const tag = role === "researcher" ? "R" : "C";
    await publish(page, {
      kind: "competence",
      title: `${tag}: Vibration analysis of gearboxes`,
      description: "We analyse vibration data.",
      keywords: "vibration, gearbox",
      language: "en",
      forOrg,
    });
    await publish(page, {
      kind: "need",
      title: `${tag}: Vi söker partner inom batteriåtervinning`,
      description: "Vi behöver hjälp.",
      keywords: "batterier",
      language: "sv",
      forOrg,
    });

    let titles = await browseTitles(page);
    expect(titles).toContain(`${tag}: Vibration analysis of gearboxes`);
    expect(titles).toContain(`${tag}: Vi söker partner inom batteriåtervinning`);
    if (forOrg)
      expect(
        await page
          .locator(".posting", { hasText: `${tag}: Vibration` })
          .locator(".org")
          .textContent(),
      ).toBe(forOrg);

    // Edit
    await page.getByRole("link", { name: `${tag}: Vibration analysis of gearboxes` }).click();
    await page.getByRole("link", { name: "Edit" }).click();
    await page.getByLabel("Title").fill(`${tag}: Vibration and acoustic analysis`);
    await page.getByRole("button", { name: "Save changes" }).click();
    await page.getByRole("heading", { level: 1, name: `${tag}: Vibration and acoustic analysis` }).waitFor();

    // Pause: gone from browse, still in "My postings" as paused
    await page.getByRole("button", { name: "Pause" }).click();
    await page.getByText("Paused").first().waitFor();
    titles = await browseTitles(page);
    expect(titles).not.toContain(`${tag}: Vibration and acoustic analysis`);
    await page.goto(`${web.url}/postings/mine`);
    expect(
      await page
        .locator(".posting", { hasText: `${tag}: Vibration and acoustic` })
        .locator(".status")
        .textContent(),
    ).toBe("Paused");

    // Archive the need
    await page.getByRole("link", { name: `${tag}: Vi söker partner inom batteriåtervinning` }).click();
    await page.getByRole("button", { name: "Archive" }).click();
    await page.getByRole("heading", { level: 1, name: "My postings" }).waitFor();
    expect(await page.locator(".posting", { hasText: "batteriåtervinning" }).locator(".status").textContent()).toBe("Archived");
    expect(await browseTitles(page)).not.toContain(`${tag}: Vi söker partner inom batteriåtervinning`);
    await page.close();
  });
});

describe("profile", () => {
  it("a researcher completes a profile, and a bad ORCID iD is pointed out", async () => {
    const page = await browser.newPage();
    await register(page, "Petra Profil", "petra@kau.example", "researcher", "Karlstad University");
    // Karlstad University exists and has no admin of its own: the site's administrator decides.
    await page.getByText("Karlstad University: Waiting for approval").waitFor();
    const admin = await browser.newPage();
    await admin.goto(`${web.url}/login`);
    await admin.getByLabel("Email").fill("admin@demo.example");
    await admin.getByLabel("Password").fill("samband-demo");
    await admin.getByRole("button", { name: "Sign in" }).click();
    await admin.getByRole("link", { name: /^Notifications \(\d+ unread\)$/ }).click();
    await admin.getByRole("link", { name: "Petra Profil asks to join Karlstad University" }).click();
    await admin.locator(".requests li", { hasText: "petra@kau.example" }).getByRole("button", { name: "Approve" }).click();
    await admin.getByText("Petra Profil is now a member.").waitFor();
    await admin.close();
    await page.getByRole("link", { name: "Profile" }).click();
    await page.getByLabel("Title").fill("Docent");
    await page.getByLabel("ORCID iD").fill("0000-0002-1825-0098");
    await page.getByLabel("Research interests").fill("Maskininlärning för tillståndsövervakning");
    await page.getByLabel("Keywords").fill("maskininlärning, vibration");
    await page.getByLabel("Research subjects", { exact: true }).fill("10201, 20205");
    await page.getByRole("button", { name: "Save profile" }).click();
    expect(await page.locator("#field-orcid-error").textContent()).toContain("not a valid ORCID iD");
    await page.getByLabel("ORCID iD").fill("0000-0002-1825-0097");
    await page.getByRole("button", { name: "Save profile" }).click();
    await page.getByText("Your profile is saved.").waitFor();
    expect(await page.getByRole("link", { name: "Karlstad University" }).count()).toBe(1);
    const user = await getPrisma().user.findUniqueOrThrow({ where: { email: "petra@kau.example" } });
    expect([user.title, user.orcid, user.subjects]).toEqual(["Docent", "0000-0002-1825-0097", ["10201", "20205"]]);
    await page.close();
  });
});

describe("forms", () => {
  it("show each error next to its field and keep what was typed", async () => {
    const page = await browser.newPage();
    await page.goto(`${web.url}/register`);
    await page.getByLabel("Full name").fill("Half Filled");
    await page.getByLabel("Email").fill("not an email");
    await page.getByRole("button", { name: "Create account" }).click();
    await page.getByRole("alert").getByRole("heading", { name: "There is a problem" }).waitFor();
    expect(await page.locator("#field-email-error").textContent()).toContain("Enter an email address");
    expect(await page.locator("#field-password-error").textContent()).toBe("Error: Use at least 10 characters.");
    expect(await page.getByLabel("Email").getAttribute("aria-invalid")).toBe("true");
    expect(await page.getByLabel("Full name").inputValue()).toBe("Half Filled");
    await page.close();
  });

  it("work without JavaScript", async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await register(page, "No Script", "noscript@example.se", "researcher", "");
    await publish(page, {
      kind: "need",
      title: "Plain HTML need",
      description: "Works without scripts.",
      keywords: "html",
      language: "en",
      withoutScript: true,
    });
    await page.getByRole("button", { name: "Pause" }).click();
    await page.getByText("Paused").first().waitFor();
    await context.close();
  });

  it("switch the interface to Swedish and back", async () => {
    const page = await browser.newPage();
    await page.goto(`${web.url}/postings`);
    await page.getByRole("button", { name: "På svenska" }).click();
    await page.getByRole("heading", { name: "Kompetenser och behov" }).waitFor();
    expect(await page.locator("html").getAttribute("lang")).toBe("sv");
    await page.getByRole("button", { name: "In English" }).click();
    await page.getByRole("heading", { name: "Competencies and needs" }).waitFor();
    await page.close();
  });
});
