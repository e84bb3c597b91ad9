// Debian's Chromium driven by playwright-core (Playwright's own browser download does
// not work offline). CHROMIUM_PATH overrides the location.
import { existsSync } from "node:fs";
import { chromium, type Browser, type Page } from "playwright-core";
import { confirmationLink } from "#tests/helpers/http.ts";

export function chromiumPath(): string {
  const candidates = [process.env.CHROMIUM_PATH, "/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"];
  const found = candidates.find((c) => c && existsSync(c));
  if (!found) {
    throw new Error("No Chromium found. Install it (Debian/Ubuntu: apt-get install chromium) or set CHROMIUM_PATH.");
  }
  return found;
}

export async function launchBrowser(): Promise<Browser> {
  // launch() gives every browser a fresh, throw-away profile of its own.
  return chromium.launch({
    executablePath: chromiumPath(),
    headless: true,
    // Without the networking flags Chromium keeps calling home, which this closed
    // network refuses many times a second.
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}

/**
 * Registers through the form and the confirmation link, as a person would, and waits for
 * the page it leads to:
 * the home with its guided start ("Welcome, <name>"), or the profile when an organization
 * is named (a request to join it waits for its admins). When the form offers near
 * namesakes, `newOrganization` chooses "None of these", creating it; without it, it throws.
 */
export async function registerInBrowser(
  page: Page,
  base: string,
  name: string,
  email: string,
  role: string,
  organization: string,
  { newOrganization = false } = {},
): Promise<void> {
  await page.goto(`${base}/register`);
  await page.getByLabel("Full name").fill(name);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill("correct horse battery");
  await page.getByLabel("I am a").selectOption(role);
  await page.getByLabel("Organization (optional)").fill(organization);
  // Out of the field, so the organization picker's list (if it opened) is closed.
  await page.getByLabel("Organization (optional)").press("Tab");
  await page.getByRole("button", { name: "Create account" }).click();
  const sent = page.getByRole("heading", { level: 1, name: "Check your inbox" });
  const choice = page.getByRole("group", { name: "Which organization do you mean?" });
  await sent.or(choice).waitFor();
  if (await choice.isVisible()) {
    // A similar organization exists: the form asks which one is meant before any account is made.
    if (!newOrganization) throw new Error(`registering ${email}: “${organization}” needs a choice among existing organizations`);
    await choice.getByRole("radio", { name: /None of these: create/ }).check();
    await page.getByLabel("Password").fill("correct horse battery");
    await page.getByRole("button", { name: "Create account" }).click();
    await sent.waitFor();
  }
  // The link in the confirmation email (read where it waits to be sent), then its button.
  const link = new URL(await confirmationLink(email));
  await page.goto(`${base}${link.pathname}${link.search}`);
  await page.getByRole("button", { name: "Confirm my address" }).click();
  await page.getByRole("heading", { level: 1, name: /^(Welcome, .+|My profile)$/ }).waitFor();
  if (newOrganization && (await page.getByRole("group", { name: "Which organization do you mean?" }).count()) > 0) {
    await page.getByRole("radio", { name: /None of these: create/ }).check();
    await page.getByRole("button", { name: "Add", exact: true }).click();
    await page.getByText("You created the organization and are its administrator.").waitFor();
  }
}

/**
 * Types into the picker labelled `label` and chooses the first suggestion (or the one
 * named `option`), as a person would with the mouse; waits until it shows as chosen.
 */
export async function pickInCombobox(page: Page, label: string, text: string, option?: string | RegExp): Promise<void> {
  const box = page.getByRole("combobox", { name: label });
  await box.fill(text);
  const listbox = page.locator(`[id="${await box.getAttribute("aria-controls")}"]`);
  const choice = option ? listbox.getByRole("option", { name: option }) : listbox.getByRole("option").first();
  await choice.click();
  await listbox.waitFor({ state: "hidden" });
}
