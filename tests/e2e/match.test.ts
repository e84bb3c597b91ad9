// The promise of the product, in a browser: a company's English need about bearing
// failures is answered by a Swedish researcher's competence in machine learning for
// condition monitoring, and the page says why. And the company never sees itself.
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser, pickInCombobox, registerInBrowser } from "#tests/helpers/browser.ts";
import { searchSettled, startWeb, startWorker, testEnv, type Proc } from "#tests/helpers/processes.ts";
import { applySearchSettings } from "#search/setup.server.ts";

let web: Proc & { url: string };
let worker: Proc;
let browser: Browser;
beforeAll(async () => {
  await applySearchSettings();
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
    subjects: string;
    language: string;
    forOrg?: string;
  },
): Promise<string> {
  await page.getByRole("link", { name: "Publish", exact: true }).click();
  await page.getByLabel(p.kind === "need" ? "A need: what I/we look for" : "A competence: what I/we can do").check();
  await page.getByLabel("Title").fill(p.title);
  await page.getByLabel("Description").fill(p.description);
  await page.getByLabel("Keywords").fill(p.keywords);
  for (const code of p.subjects.split(", ")) await pickInCombobox(page, "Research subjects", code);
  await page.getByLabel("Language of the text").selectOption(p.language);
  if (p.forOrg) await page.getByLabel("Publish for").selectOption({ label: p.forOrg });
  await page.getByRole("button", { name: "Publish" }).click();
  await page.getByRole("heading", { level: 1, name: p.title }).waitFor();
  return page.url();
}

describe("suggested partners", () => {
  it("match an English need on bearing failures to a Swedish competence in condition monitoring, with the reason shown", async () => {
    const researcher = await browser.newPage();
    await register(researcher, "Eva Lind", "eva@kau.example", "researcher", "Karlstads universitet");
    const competence = await publish(researcher, {
      kind: "competence",
      title: "Maskininlärning för tillståndsövervakning",
      description:
        "Vi utvecklar metoder för tillståndsövervakning av roterande maskiner med maskininlärning, från signalbehandling till förklarbara modeller.",
      keywords: "maskininlärning, tillståndsövervakning, signalbehandling",
      subjects: "20205, 10201",
      language: "sv",
    });
    await publish(researcher, {
      kind: "competence",
      title: "Textilåtervinning i industriell skala",
      description: "Vi separerar bomull och polyester.",
      keywords: "textilåtervinning, polymerkemi",
      subjects: "10405",
      language: "sv",
    });

    const company = await browser.newPage();
    await register(company, "Lars Berg", "lars@nordvik.example", "company_rep", "Nordvik Drives AB");
    // The company's own competence answers its need word for word, and must still never be suggested to it.
    await publish(company, {
      kind: "competence",
      title: "Vibration data from electric drive lines",
      description: "We log vibration at 10 kHz and share it.",
      keywords: "vibration analysis, machine learning",
      subjects: "20205",
      language: "en",
      forOrg: "Nordvik Drives AB",
    });
    const need = await publish(company, {
      kind: "need",
      title: "Predicting bearing failures from vibration data",
      description: "We need help predicting bearing failures from vibration data, weeks before a bearing fails.",
      keywords: "predictive maintenance, vibration analysis, machine learning",
      subjects: "20205",
      language: "en",
      forOrg: "Nordvik Drives AB",
    });

    await searchSettled();
    await company.goto(need);
    const section = company.getByRole("region", { name: "Suggested partners" });
    const items = section.locator(".suggestion");
    await items.first().waitFor();
    // Partners, each with the postings that make the match: the researcher first, who posted the competence herself.
    const partners = await items.locator(".suggestion-head a").allTextContents();
    expect(partners[0]).toBe("Eva Lind");
    expect(partners).not.toContain("Nordvik Drives AB");
    const postings = await items.first().locator(".partner-postings a[href^='/postings/']").allTextContents();
    expect(postings).toContain("Maskininlärning för tillståndsövervakning");
    expect(postings).not.toContain("Textilåtervinning i industriell skala");
    expect(await section.locator(".partner-postings a[href^='/postings/']").allTextContents()).not.toContain(
      "Vibration data from electric drive lines",
    );

    const best = items.first();
    const reasons = await best.getByRole("list", { name: "Why this is suggested" }).locator("li").allTextContents();
    expect(reasons).toContain("Matches “machine learning” (as “maskininlärning”)");
    expect(reasons.some((r) => r.startsWith("Matches “predictive maintenance” (as") && r.includes("tillståndsövervakning"))).toBe(true);
    expect(reasons).toContain("Same research subject: Signal Processing");
    const score = Number((await best.locator(".score").textContent())?.match(/Match (\d+) of 100/)?.[1]);
    expect(score).toBeGreaterThanOrEqual(50);
    expect(score).toBeLessThanOrEqual(100);
    await best.getByRole("link", { name: "Eva Lind", exact: true }).waitFor(); // the researcher behind it, one click away

    // And the other way round: the researcher's competence suggests the company's need, in Swedish.
    await researcher.goto(competence);
    await researcher.getByRole("button", { name: "På svenska" }).click();
    const sv = researcher.getByRole("region", { name: "Föreslagna partner" });
    await sv.locator(".suggestion").first().waitFor();
    expect(await sv.locator(".suggestion-head a").allTextContents()).toEqual(["Nordvik Drives AB"]);
    expect(await sv.locator(".partner-postings a[href^='/postings/']").allTextContents()).toEqual([
      "Predicting bearing failures from vibration data",
    ]);
    expect(await sv.locator(".reasons li").allTextContents()).toContain("Matchar ”maskininlärning” (som ”machine learning”)");
    await Promise.all([researcher.close(), company.close()]);
  });
});
