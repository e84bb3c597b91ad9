// The home of a signed-in person says what to do next: the guided start after
// registering, the invitations waiting for their answer, each consortium's missing line,
// what their profile still lacks, and the confirmation of what they just did.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getPrisma } from "#app/lib/db.server.ts";
import { invite } from "#app/models/consortium.server.ts";
import { Client, html } from "#tests/helpers/http.ts";
import { startWeb, testEnv, type Proc } from "#tests/helpers/processes.ts";

let web: Proc & { url: string };
beforeAll(async () => {
  web = await startWeb(testEnv());
});
afterAll(async () => {
  await web?.stop();
});

/** The text of a section of the page, by its heading. */
function section(page: string, heading: string): string {
  const start = page.indexOf(`>${heading}</h2>`);
  expect(start, `no section "${heading}"`).toBeGreaterThan(-1);
  const end = page.indexOf("</section>", start);
  return page
    .slice(start, end)
    .replace(/<[^>]+>/g, " ")
    .replace(/\s+/g, " ");
}

describe("the signed-in home", () => {
  it("greets a new person with the guided start, and hides it when asked", async () => {
    const c = new Client(web.url);
    expect(await c.register("Gun Guide", "gun-guide@example.se")).toBe("/");
    const page = await html(await c.get("/"));
    expect(page).toContain("Welcome, Gun Guide");
    const guide = section(page, "Get started in three steps");
    expect(guide).toContain("Complete your profile (not done yet)");
    expect(guide).toContain("Publish a posting");
    // A new profile: every part is missing, each linked to its field.
    const profile = section(page, "Profile completeness");
    expect(profile).toContain("Your profile is 0 % complete.");
    expect(page).toContain('href="/profile#field-keywords"');
    expect(page).toContain('href="/profile#affiliation"');

    // Filled in, the step is ticked and the missing parts are gone.
    const prisma = getPrisma();
    const user = await prisma.user.findUniqueOrThrow({ where: { email: "gun-guide@example.se" } });
    const org = await prisma.organization.create({ data: { name: "Guidehögskolan", kind: "university" } });
    await prisma.membership.create({ data: { userId: user.id, organizationId: org.id } });
    await prisma.user.update({
      where: { id: user.id },
      data: { title: "Lektor", languages: ["sv"], keywords: ["tribologi"], subjects: ["20301"], competencies: "Slitage" },
    });
    const filled = await html(await c.get("/"));
    expect(section(filled, "Get started in three steps")).toContain("Complete your profile (done)");
    expect(section(filled, "Profile completeness")).toContain("Your profile is complete.");

    // (An index route's form posts to "/?index", as Remix's <Form> does.)
    const dismissed = await c.post("/?index", { intent: "dismiss-guide" });
    expect(dismissed.status).toBe(302);
    expect(dismissed.headers.get("Location")).toBe("/?done=guideDismissed");
    const after = await html(await c.get("/?done=guideDismissed"));
    expect(after).not.toContain("Get started in three steps");
    expect(after).toMatch(/<p class="flash" role="status">The guide is hidden.<\/p>/);
  });

  it("lists an invitation waiting for the person's answer, and each consortium's missing line", async () => {
    const prisma = getPrisma();
    const rep = new Client(web.url);
    await rep.register("Ivar Invited", "ivar-invited@example.se", {
      role: "company_rep",
      organization: "Inbjudna Verken AB",
      organizationId: "new",
    });
    const org = await prisma.organization.findFirstOrThrow({ where: { name: "Inbjudna Verken AB" } });
    const coordinator = new Client(web.url);
    await coordinator.register("Cora Coordinator", "cora-coordinator@example.se", { role: "coordinator" });
    const cora = await prisma.user.findUniqueOrThrow({ where: { email: "cora-coordinator@example.se" } });
    const programme = await prisma.programme.create({ data: { name: "Hemsidans utlysning", projectType: "research" } });
    const c = await prisma.consortium.create({
      data: { programmeId: programme.id, title: "Slitagekonsortiet", summary: "s", requestedFunding: 1_000_000n, coordinatorId: cora.id },
    });
    expect(await invite(c.id, cora.id, org.id)).toEqual({ ok: true });

    const repHome = await html(await rep.get("/"));
    const waiting = section(repHome, "Invitations waiting for my answer");
    expect(waiting).toContain("Inbjudna Verken AB is invited to Slitagekonsortiet by Cora Coordinator");
    expect(repHome).toContain(`href="/consortia/${c.id}#member-${org.id}"`);

    // The coordinator has nothing to answer, and sees what the consortium still misses.
    const coordHome = await html(await coordinator.get("/"));
    expect(section(coordHome, "Invitations waiting for my answer")).toContain("No invitations are waiting for your answer.");
    const consortia = section(coordHome, "My consortia and what each is missing");
    expect(consortia).toContain("Slitagekonsortiet");
    expect(consortia).toMatch(/Missing|Saknas/);

    // A stranger sees neither.
    const stranger = new Client(web.url);
    await stranger.register("Sten Stranger", "sten-stranger@example.se");
    const strangerHome = await html(await stranger.get("/"));
    expect(strangerHome).not.toContain("Slitagekonsortiet");
  });
});

describe("confirmations", () => {
  it("show only the messages of known names, never text from the link", async () => {
    const visitor = async (query: string) => html(await fetch(`${web.url}/${query}`, { headers: { "Accept-Language": "en" } }));
    expect(await visitor("?done=profileSaved")).toMatch(/<p class="flash" role="status">Your profile is saved.<\/p>/);
    for (const name of ["unknown", "<b>hacked</b>", "toString", "__proto__", "flash.published", ""]) {
      const page = await visitor(`?done=${encodeURIComponent(name)}`);
      expect(page, name).not.toContain('class="flash"');
      // Nothing of the name reaches the page's text (links may carry the address itself, encoded).
      const text = page.replace(/<script[\s\S]*?<\/script>/g, "").replace(/<[^>]+>/g, " ");
      expect(text, name).not.toMatch(/hacked|unknown|toString|__proto__|flash\.published/);
    }
    const swedish = await html(await fetch(`${web.url}/?done=withdrawn`, { headers: { "Accept-Language": "sv" } }));
    expect(swedish).toContain("Din organisation har lämnat konsortiet.");
  });
});

describe("the visitor home", () => {
  it("has a search box leading to the browse page", async () => {
    const page = await html(await fetch(`${web.url}/`, { headers: { "Accept-Language": "en" } }));
    expect(page).toMatch(/<form[^>]*method="get"[^>]*action="\/postings"/);
    expect(page).toContain('name="q"');
    expect(page).not.toContain("Welcome,");
  });
});
