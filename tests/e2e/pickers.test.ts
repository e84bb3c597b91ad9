// The pickers in a browser: a research subject chosen by a misspelt Swedish name and by an
// English word, with the keyboard and the mouse; without JavaScript the same field takes
// names and says which it could not find. The organization picker at registration: an
// existing organization by part of its name or by its number, a new one only through
// "none of these", and without JavaScript the choice offered on the same form.
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getPrisma } from "#app/lib/db.server.ts";
import { waitFor } from "#scripts/lib/proc.ts";
import { launchBrowser, pickInCombobox, registerInBrowser } from "#tests/helpers/browser.ts";
import { startWeb, testEnv, type Proc } from "#tests/helpers/processes.ts";

let web: Proc & { url: string };
let browser: Browser;
beforeAll(async () => {
  web = await startWeb(testEnv());
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await web?.stop();
});

async function startPosting(page: Page, title: string) {
  await page.goto(`${web.url}/postings/new`);
  await page.getByLabel("Title").fill(title);
  await page.getByLabel("Description").fill("Vi mäter vibrationer i drivlinor.");
}

const storedSubjects = async (title: string) => (await getPrisma().posting.findFirstOrThrow({ where: { title } })).subjects;

describe("the research-subject picker", () => {
  it("finds Maskinteknik from a misspelling and from an English word, as chips that can be removed", async () => {
    const page = await browser.newPage();
    await registerInBrowser(page, web.url, "Pia Picker", "pia@kth.example", "researcher", "");
    await startPosting(page, "Drivlinor");

    await pickInCombobox(page, "Research subjects", "masknteknik", /^Mechanical Engineering 203\b/);
    const chosen = page.getByRole("list", { name: "Chosen" });
    await chosen.getByText("Mechanical Engineering", { exact: true }).waitFor();
    await chosen.getByRole("button", { name: "Remove Mechanical Engineering" }).click();
    await chosen.waitFor({ state: "detached" });

    // By keyboard: the first suggestion for "mechanical" is the field itself.
    const box = page.getByRole("combobox", { name: "Research subjects" });
    await box.fill("mechanical");
    await page.getByRole("option", { name: /^Mechanical Engineering 203\b/ }).waitFor();
    await box.press("ArrowDown");
    expect(await box.getAttribute("aria-activedescendant")).toBe(await page.getByRole("option").first().getAttribute("id"));
    expect(await box.getAttribute("aria-expanded")).toBe("true");
    await box.press("Enter");
    await chosen.getByText("Mechanical Engineering", { exact: true }).waitFor();
    expect(await box.inputValue()).toBe("");
    expect(await box.getAttribute("aria-expanded")).toBe("false");

    // Escape closes the list without choosing.
    await box.fill("datavetenskap");
    await page.getByRole("option").first().waitFor();
    await box.press("Escape");
    expect(await box.getAttribute("aria-expanded")).toBe("false");
    await box.fill("");

    await page.getByRole("button", { name: "Publish" }).click();
    await page.getByRole("heading", { level: 1, name: "Drivlinor" }).waitFor();
    expect(await storedSubjects("Drivlinor")).toEqual(["203"]);
    await page.close();
  });

  it("without JavaScript takes names and codes, and names what it could not find with suggestions", async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await registerInBrowser(page, web.url, "Nils Noscript", "nils@kth.example", "researcher", "");
    await startPosting(page, "Utan skript");
    await page.getByLabel("Research subjects", { exact: true }).fill("Maskinteknik, masknteknik, 10201");
    await page.getByRole("button", { name: "Publish" }).click();
    const error = page.locator("#field-subjects-error");
    await error.waitFor();
    expect(await error.textContent()).toMatch(
      /could not find a research subject called “masknteknik”\. Did you mean Mechanical Engineering \(203\)/,
    );
    // What was typed is kept, to correct.
    expect(await page.getByLabel("Research subjects", { exact: true }).inputValue()).toBe("Maskinteknik, masknteknik, 10201");
    await page.getByLabel("Research subjects", { exact: true }).fill("Maskinteknik, Computer Sciences");
    await page.getByRole("button", { name: "Publish" }).click();
    await page.getByRole("heading", { level: 1, name: "Utan skript" }).waitFor();
    expect(await storedSubjects("Utan skript")).toEqual(["203", "10201"]);
    await context.close();
  });
});

describe("amounts and the error summary", () => {
  it("reads 4,5 MSEK as 4 500 000 kr while typing, and the error summary links to the field it names", async () => {
    const prisma = getPrisma();
    await prisma.programme.create({ data: { name: "Picker call", projectType: "research" } });
    const university = await prisma.organization.create({
      data: { name: "Picker University", kind: "university", eligibleApplicant: true },
    });
    const page = await browser.newPage();
    await registerInBrowser(page, web.url, "Maja Money", "maja@picker.example", "coordinator", "");
    const maja = await prisma.user.findUniqueOrThrow({ where: { email: "maja@picker.example" } });
    await prisma.membership.create({ data: { userId: maja.id, organizationId: university.id } });
    // In Swedish, as the amount is written here.
    await page.goto(`${web.url}/consortia/new`);
    await page.getByRole("button", { name: "På svenska" }).click();
    await page.getByRole("heading", { level: 1 }).waitFor();

    const funding = page.getByLabel("Sökt belopp", { exact: false });
    await funding.fill("4,5 MSEK");
    const understood = page.locator("#field-requestedFunding-understood");
    await understood.filter({ hasText: /^= 4\s500\s000\skr$/ }).waitFor();
    await funding.fill("4 000 000");
    await understood.filter({ hasText: /^= 4\s000\s000\skr$/ }).waitFor();
    await funding.fill("4,5 MSEK");

    // The title is missing: the summary says so, takes focus, and its link leads to the field.
    await page.getByRole("button", { name: /Skapa/ }).click();
    const summary = page.getByRole("alert").filter({ has: page.getByRole("heading", { name: "Det finns ett problem" }) });
    await summary.waitFor();
    expect(await summary.evaluate((el) => el === document.activeElement)).toBe(true);
    const link = summary.getByRole("link").first();
    expect(await link.getAttribute("href")).toBe("#field-title");
    await link.click();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("field-title");
    expect(await page.locator("#field-title-error").textContent()).toMatch(/^Fel: /);
    // What was understood is still shown after the round trip.
    await understood.filter({ hasText: /^= 4\s500\s000\skr$/ }).waitFor();
    await page.close();
  });

  it("without JavaScript shows what the server understood after a refused submit", async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await registerInBrowser(page, web.url, "Otto Offline", "otto@picker.example", "coordinator", "");
    const prisma = getPrisma();
    const otto = await prisma.user.findUniqueOrThrow({ where: { email: "otto@picker.example" } });
    const university = await prisma.organization.create({
      data: { name: "Offline University", kind: "university", eligibleApplicant: true },
    });
    await prisma.programme.create({ data: { name: "Offline call", projectType: "research" } });
    await prisma.membership.create({ data: { userId: otto.id, organizationId: university.id } });
    await page.goto(`${web.url}/consortia/new`);
    await page.getByLabel("Requested funding", { exact: false }).fill("4.5 MSEK");
    await page.getByRole("button", { name: "Create consortium" }).click();
    await page.getByRole("heading", { name: "There is a problem" }).waitFor();
    expect(await page.locator("#field-requestedFunding-understood").textContent()).toMatch(/^= SEK\s?4,500,000$/);
    expect(await page.getByRole("link", { name: "Fill this in." }).first().getAttribute("href")).toBe("#field-title");
    await context.close();
  });
});

describe("the organization picker at registration", () => {
  let sjodata: { id: string };
  beforeAll(async () => {
    const prisma = getPrisma();
    sjodata = await prisma.organization.create({
      data: { name: "Sjödata Analys AB", kind: "company", orgNumber: "556012-5790", region: "Värmland" },
    });
    await prisma.organization.create({ data: { name: "Sjöfartsverket", kind: "public" } });
  });

  async function startRegistration(page: Page, email: string) {
    await page.goto(`${web.url}/register`);
    await page.getByLabel("Full name").fill("Olle Organisation");
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Password").fill("correct horse battery");
    await page.getByLabel("I am a").selectOption("company_rep");
  }
  async function finish(page: Page) {
    await page.getByRole("button", { name: "Create account" }).click();
    await page.getByRole("heading", { level: 1, name: "Check your inbox" }).waitFor();
  }
  // The picker's options (the page's <select> has options too).
  const suggestions = (page: Page) => page.locator("#field-organization-listbox [role=option]");
  const asked = (email: string) => getPrisma().membershipRequest.count({ where: { organizationId: sjodata.id, user: { email } } });

  it("finds an existing organization by part of its name and by its organisation number, and asks to join it", async () => {
    const page = await browser.newPage();
    await startRegistration(page, "olle-name@orgpicker.example");
    const box = page.getByRole("combobox", { name: "Organization (optional)" });
    await pickInCombobox(page, "Organization (optional)", "sjödata an", /^Sjödata Analys AB 556012-5790 · Company · Värmland$/);
    expect(await box.inputValue()).toBe("Sjödata Analys AB");
    await finish(page);
    expect(await asked("olle-name@orgpicker.example")).toBe(1);

    // By number, without the dash, with the keyboard.
    await startRegistration(page, "olle-number@orgpicker.example");
    await box.fill("5560125790");
    await suggestions(page)
      .filter({ hasText: /^Sjödata Analys AB\b/ })
      .waitFor();
    await box.press("ArrowDown");
    expect(await box.getAttribute("aria-activedescendant")).toBe(await suggestions(page).first().getAttribute("id"));
    await box.press("Enter");
    expect(await box.inputValue()).toBe("Sjödata Analys AB");
    expect(await box.getAttribute("aria-expanded")).toBe("false");
    await finish(page);
    expect(await asked("olle-number@orgpicker.example")).toBe(1);
    await page.close();
  });

  it("creates a new organization only from “none of these”, the last option", async () => {
    const page = await browser.newPage();
    await startRegistration(page, "olle-new@orgpicker.example");
    // "Sjödata" offers the existing one first; going on to "Sjödata Nord" fits none, and only "none of these" is left.
    const box = page.getByRole("combobox", { name: "Organization (optional)" });
    await box.fill("Sjödata");
    const options = suggestions(page);
    await options.first().filter({ hasText: "Sjödata Analys AB" }).waitFor();
    expect(await options.last().textContent()).toBe("None of these: create “Sjödata” as a new organization");
    await box.fill("Sjödata Nord");
    await options.filter({ hasText: "Sjödata Analys AB" }).waitFor({ state: "detached" });
    expect(await options.allTextContents()).toEqual(["None of these: create “Sjödata Nord” as a new organization"]);
    await options.last().click();
    await page.getByText("A new organization “Sjödata Nord” will be created.").waitFor();
    await finish(page);
    const created = await getPrisma().organization.findFirstOrThrow({ where: { name: "Sjödata Nord" }, select: { id: true } });
    expect(await getPrisma().membership.count({ where: { organizationId: created.id, role: "admin" } })).toBe(1);
    await page.close();
  });

  it("without JavaScript offers the existing organizations for a near miss on the same form", async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await startRegistration(page, "olle-plain@orgpicker.example");
    await page.getByLabel("Organization (optional)").fill("Sjodata Analys");
    await page.getByRole("button", { name: "Create account" }).click();
    const choice = page.getByRole("group", { name: "Which organization do you mean?" });
    await choice.waitFor();
    expect(await page.getByRole("link", { name: /Organizations with a similar name already exist/ }).getAttribute("href")).toBe(
      "#field-organization",
    );
    expect(await getPrisma().user.count({ where: { email: "olle-plain@orgpicker.example" } })).toBe(0);
    await choice.getByRole("radio", { name: /^Sjödata Analys AB \(556012-5790/ }).check();
    await page.getByLabel("Password").fill("correct horse battery");
    await finish(page);
    expect(await asked("olle-plain@orgpicker.example")).toBe(1);
    expect(await getPrisma().organization.count({ where: { name: { startsWith: "Sjodata" } } })).toBe(0);
    await context.close();
  });
});

describe("a pledge", () => {
  it("reads amounts as written in each partner's own fields, and refuses a bad one next to its field", async () => {
    const prisma = getPrisma();
    const page = await browser.newPage();
    await registerInBrowser(page, web.url, "Petra Pledge", "petra@pledge.example", "company_rep", "");
    const petra = await prisma.user.findUniqueOrThrow({ where: { email: "petra@pledge.example" } });
    const coordinator = await prisma.user.create({
      data: { name: "Pledge Coordinator", email: "coord@pledge.example", role: "coordinator" },
    });
    const programme = await prisma.programme.create({ data: { name: "Pledge call", projectType: "research" } });
    const consortium = await prisma.consortium.create({
      data: {
        programmeId: programme.id,
        title: "Pledged drives",
        summary: "s",
        requestedFunding: 1_000_000n,
        coordinatorId: coordinator.id,
      },
    });
    // Petra speaks for two partners: the page shows two pledge forms.
    const orgs = [];
    for (const name of ["Pledge One AB", "Pledge Two AB"]) {
      const org = await prisma.organization.create({ data: { name, kind: "company" } });
      await prisma.membership.create({ data: { userId: petra.id, organizationId: org.id } });
      await prisma.consortiumMember.create({ data: { consortiumId: consortium.id, organizationId: org.id, status: "accepted" } });
      orgs.push(org);
    }
    const [one, two] = orgs as [(typeof orgs)[number], (typeof orgs)[number]];
    await page.goto(`${web.url}/consortia/${consortium.id}`);
    await page.getByRole("button", { name: "På svenska" }).click();
    await page.getByRole("heading", { level: 1, name: "Pledged drives" }).waitFor();
    // Every id on the page once: the repeated form gives each partner's fields their own.
    expect(
      await page.evaluate(() => [...document.querySelectorAll("[id]")].map((e) => e.id).filter((id, i, all) => all.indexOf(id) !== i)),
    ).toEqual([]);

    const cash = (org: { id: string }) => page.locator(`[id="field-pledgeCash-${org.id}"]`);
    const understood = (org: { id: string }) => page.locator(`[id="field-pledgeCash-${org.id}-understood"]`);
    expect(await page.getByLabel("Kontant (kr)").count()).toBe(2);
    for (const [typed, shown] of [
      ["4,5 MSEK", /^= 4\s500\s000\skr$/],
      ["4.5 MSEK", /^= 4\s500\s000\skr$/],
      ["4 000 000", /^= 4\s000\s000\skr$/],
      ["4000000", /^= 4\s000\s000\skr$/],
    ] as const) {
      await cash(one).fill(typed);
      await understood(one).filter({ hasText: shown }).waitFor();
    }
    // The other partner's field understood nothing: nothing was typed there.
    expect(await understood(two).textContent()).toBe("");

    await cash(one).fill("4,5 MSEK");
    await page.locator(`[id="member-${one.id}"]`).getByRole("button", { name: "Spara åtagande" }).click();
    await page
      .locator(`[id="member-${one.id}"]`)
      .filter({ hasText: /utlovat 4\s500\s000\skr kontant/ })
      .waitFor();
    await waitFor(
      "the pledge stored",
      async () => (await prisma.consortiumMember.findFirstOrThrow({ where: { organizationId: one.id } })).pledgeCash === 4_500_000n,
    );

    // A bad amount in the second partner's form: the title says so, the summary takes focus and
    // leads to that partner's field, whose message says what to write; nothing is stored.
    await cash(two).fill("fyra miljoner");
    await understood(two)
      .filter({ hasText: /^Inte tolkat än:/ })
      .waitFor();
    await page.locator(`[id="member-${two.id}"]`).getByRole("button", { name: "Spara åtagande" }).click();
    const summary = page.getByRole("alert").filter({ has: page.getByRole("heading", { name: "Det finns ett problem" }) });
    await summary.waitFor();
    expect(await page.title()).toBe("Fel: Pledged drives – Samband");
    expect(await summary.evaluate((el) => el === document.activeElement)).toBe(true);
    const link = summary.getByRole("link", { name: "Ange ett belopp i kronor, till exempel 4 000 000 eller 4,5 MSEK." });
    expect(await link.getAttribute("href")).toBe(`#field-pledgeCash-${two.id}`);
    await link.click();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe(`field-pledgeCash-${two.id}`);
    expect(await page.locator(`[id="field-pledgeCash-${two.id}-error"]`).textContent()).toMatch(/^Fel: Ange ett belopp/);
    expect(await page.locator(`[id="field-pledgeCash-${one.id}-error"]`).count()).toBe(0);
    expect((await prisma.consortiumMember.findFirstOrThrow({ where: { organizationId: two.id } })).pledgeCash).toBe(0n);
    await page.close();
  });
});
