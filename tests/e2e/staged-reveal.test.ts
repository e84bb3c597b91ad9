// A confidential need in real Chromium: a company representative publishes it with a
// teaser, a researcher sees only the teaser and asks to see it, and sees the title, the
// company and the author's email only after the company accepts.
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser, pickInCombobox, registerInBrowser } from "#tests/helpers/browser.ts";
import { startWeb, testEnv, type Proc } from "#tests/helpers/processes.ts";
import { applySearchSettings } from "#search/setup.server.ts";

let web: Proc & { url: string };
let browser: Browser;
beforeAll(async () => {
  await applySearchSettings();
  web = await startWeb(testEnv());
  browser = await launchBrowser();
}, 240_000);
afterAll(async () => {
  await browser?.close();
  await web?.stop();
});

const COMPANY = "Lönnfors Hydraulik AB";
const TITLE = "Läckagedetektering i hydraulsystem för skogsmaskiner";
const TEASER = "Early leak detection in hydraulic systems";

describe("a confidential need", () => {
  it("is revealed to the researcher who asked only after the company accepts", async () => {
    const rep = await browser.newPage();
    await registerInBrowser(rep, web.url, "Lena Lönn", "lena@lonnfors.example", "company_rep", COMPANY, { newOrganization: true });
    await rep.goto(`${web.url}/postings/new`);
    await rep.getByLabel("A need: what I/we look for").check();
    await rep.getByLabel("Title").fill(TITLE);
    await rep.getByLabel("Description").fill("Våra skotare tappar olja i fält; vi vill hitta läckan innan den syns.");
    await rep.getByLabel("Keywords").fill("hydraulik, läckage");
    await pickInCombobox(rep, "Research subjects", "tillförlitlighet", /^Reliability and Maintenance 20305/);
    await rep.getByLabel("Language of the text").selectOption("sv");
    await rep.getByLabel("Publish for").selectOption({ label: COMPANY });
    await rep.getByLabel(/Confidential: show the research subjects/).check();
    // Without a teaser the form says what is missing, next to the field.
    await rep.getByRole("button", { name: "Publish" }).click();
    await rep.getByRole("link", { name: "A confidential posting needs a teaser: it is all others see of it." }).waitFor();
    await rep.getByLabel("Teaser", { exact: true }).fill(TEASER);
    await rep.getByRole("button", { name: "Publish" }).click();
    await rep.getByRole("heading", { level: 1, name: TITLE }).waitFor();
    const postingUrl = rep.url().replace(/\?.*$/, "");

    const researcher = await browser.newPage();
    await registerInBrowser(researcher, web.url, "Rikard Forsk", "rikard@uni-reveal.example", "researcher", "");
    await researcher.goto(postingUrl);
    await researcher.getByRole("heading", { level: 1, name: TEASER }).waitFor();
    const before = await researcher.locator("main").innerText();
    expect(before).not.toContain(COMPANY);
    expect(before).not.toContain(TITLE);
    expect(before).not.toContain("Lena Lönn");
    expect(before).toContain("By: Company");
    await researcher.getByLabel("What you would bring").fill("We model hydraulic leaks from pressure transients.");
    await researcher.getByRole("button", { name: "Request to see" }).click();
    await researcher.getByText("The author has not answered yet.").waitFor();
    expect(await researcher.locator("main").innerText()).not.toContain(COMPANY);

    await rep.goto(`${postingUrl}#reveal`);
    await rep.getByText("We model hydraulic leaks from pressure transients.").waitFor();
    expect(await rep.locator("#reveal").innerText()).not.toContain("Rikard Forsk");
    await rep.getByRole("button", { name: "Accept and show both sides" }).click();
    await rep.getByText("Accepted: you now see each other's names and email addresses.").waitFor();
    await rep.locator("#reveal").getByText("rikard@uni-reveal.example").waitFor();

    await researcher.reload();
    await researcher.getByRole("heading", { level: 1, name: TITLE }).waitFor();
    const after = await researcher.locator("main").innerText();
    expect(after).toContain(COMPANY);
    expect(after).toContain("Lena Lönn");
    expect(after).toContain("lena@lonnfors.example");
    await researcher.close();
    await rep.close();
  }, 180_000); // two people registering and a browser on a loaded machine: minutes, not the default minute
});
