// Organization pages and profiles over HTTP: who may edit, corporate groups without
// loops, validated numbers, past projects.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { importLines } from "#app/import/import.server.ts";
import { getPrisma } from "#app/lib/db.server.ts";
import { Client, html } from "#tests/helpers/http.ts";
import { startWeb, testEnv, type Proc } from "#tests/helpers/processes.ts";

let web: Proc & { url: string };
beforeAll(async () => {
  web = await startWeb(testEnv());
});
afterAll(async () => {
  await web?.stop();
});

const base = { kind: "company", country: "SE", name: "Alfa AB", orgNumber: "556036-0793" };

describe("organizations", () => {
  it("lets its admin edit it, asks to join a group by the parent's number, and refuses a loop", async () => {
    const prisma = getPrisma();
    const parent = await prisma.organization.create({ data: { name: "Moder AB", kind: "company", orgNumber: "556701-2355" } });
    const admin = new Client(web.url);
    await admin.register("Alfa Admin", "admin@alfa.example", { organization: "Alfa AB", role: "company_rep" });
    const alfa = await prisma.organization.findFirstOrThrow({ where: { name: "Alfa AB" } });

    // The other fields save at once; joining the group waits for approval (Moder AB has no
    // admins, so the site's administrators decide: tests/integration/corporate-groups.test.ts).
    const saved = await admin.post(`/organizations/${alfa.id}/edit`, {
      ...base,
      parentOrgNumber: "5567012355",
      sniCode: "62.01",
      employees: "1 200",
      sme: "no",
    });
    expect(saved.status).toBe(302);
    const row = await prisma.organization.findUniqueOrThrow({ where: { id: alfa.id } });
    expect([row.parentId, row.sniCode, row.employees, row.sme, row.orgNumber]).toEqual([null, "6201", 1200, false, "556036-0793"]);
    expect(await prisma.parentChangeRequest.findUniqueOrThrow({ where: { pendingOrganizationId: alfa.id } })).toMatchObject({
      parentId: parent.id,
      status: "pending",
    });

    // A site administrator may edit any organization, and changes a parent at once.
    await prisma.user.update({ where: { email: "admin@alfa.example" }, data: { role: "admin" } });
    expect((await admin.post(`/organizations/${alfa.id}/edit`, { ...base, parentOrgNumber: "5567012355" })).status).toBe(302);
    expect((await prisma.organization.findUniqueOrThrow({ where: { id: alfa.id } })).parentId).toBe(parent.id);
    expect(await prisma.parentChangeRequest.count({ where: { organizationId: alfa.id, status: "pending" } })).toBe(0);
    const page = await (await admin.get(`/organizations/${parent.id}`)).text();
    expect(page).toContain("Alfa AB");

    // Moder AB's page asks to put Moder under Alfa: a loop.
    const loop = await admin.post(`/organizations/${parent.id}/edit`, {
      name: "Moder AB",
      kind: "company",
      country: "SE",
      orgNumber: "556701-2355",
      parentOrgNumber: "556036-0793",
    });
    expect(loop.status).toBe(400);
    expect(await loop.text()).toContain("That would make a loop in the corporate group: Moder AB → Alfa AB → Moder AB.");
    expect((await prisma.organization.findUniqueOrThrow({ where: { id: parent.id } })).parentId).toBeNull();
  });

  it("names bad numbers and codes next to their fields and saves nothing", async () => {
    const c = new Client(web.url);
    await c.register("Beta Admin", "admin@beta.example", { organization: "Beta AB", role: "company_rep" });
    const beta = await getPrisma().organization.findFirstOrThrow({ where: { name: "Beta AB" } });
    const res = await c.post(`/organizations/${beta.id}/edit`, {
      ...base,
      name: "Beta AB",
      orgNumber: "556036-0794",
      sniCode: "99.99",
      website: "javascript:alert(1)",
      employees: "many",
      parentOrgNumber: "000000-0000",
    });
    expect(res.status).toBe(400);
    const html = await res.text();
    for (const field of ["orgNumber", "sniCode", "website", "employees"]) expect(html, field).toContain(`id="field-${field}-error"`);
    expect(html).toContain("valid check digit");
    const taken = await c.post(`/organizations/${beta.id}/edit`, { ...base, name: "Beta AB", orgNumber: "556701-2355" });
    expect(await taken.text()).toContain("This organisation number belongs to Moder AB.");
    expect((await getPrisma().organization.findUniqueOrThrow({ where: { id: beta.id } })).orgNumber).toBeNull();
  });

  it("does not let a member who is not an admin, or a stranger, edit it", async () => {
    const member = new Client(web.url);
    await member.register("Beta Member", "member@beta.example", { organization: "Beta AB", role: "company_rep" });
    const stranger = new Client(web.url);
    await stranger.register("Stranger", "stranger@example.se");
    const beta = await getPrisma().organization.findFirstOrThrow({ where: { name: "Beta AB" } });
    for (const c of [member, stranger]) {
      expect((await c.get(`/organizations/${beta.id}/edit`)).status).toBe(404);
      expect((await c.post(`/organizations/${beta.id}/edit`, { ...base, name: "Taken over" })).status).toBe(404);
    }
    expect((await getPrisma().organization.findUniqueOrThrow({ where: { id: beta.id } })).name).toBe("Beta AB");
  });
});

describe("people", () => {
  it("shows a person's profile to signed-in users only, and 404 for unknown ids", async () => {
    const a = new Client(web.url);
    await a.register("Greta", "greta@example.se", { organization: "Gamma University" });
    const greta = await getPrisma().user.findUniqueOrThrow({ where: { email: "greta@example.se" } });
    const visitor = await new Client(web.url).get(`/people/${greta.id}`);
    expect(visitor.status).toBe(302);
    expect(visitor.headers.get("Location")).toMatch(/^\/login\?redirectTo=/);
    const page = await a.get(`/people/${greta.id}`);
    expect(await page.text()).toContain("Gamma University");
    expect((await a.get("/people/not-an-id")).status).toBe(404);
  });

  it("adds a second affiliation: asks an existing organization, a member only once its admin approves", async () => {
    const greta = new Client(web.url);
    await greta.register("Greta Admin", "greta-admin@example.se", { organization: "Epsilon University" }); // creates it: admin
    const a = new Client(web.url);
    await a.register("Hugo", "hugo@example.se", { organization: "Delta AB", role: "company_rep" });
    const asked = await a.post("/profile", { intent: "join", organization: "epsilon university", message: "Research engineer" });
    expect(asked.status).toBe(200);
    expect(await html(asked)).toContain("Your request to join Epsilon University is sent.");
    const hugo = () =>
      getPrisma().user.findUniqueOrThrow({
        where: { email: "hugo@example.se" },
        include: { memberships: { include: { organization: true } } },
      });
    expect((await hugo()).memberships.map((m) => [m.organization.name, m.role])).toEqual([["Delta AB", "admin"]]);
    const epsilon = await getPrisma().organization.findFirstOrThrow({ where: { name: "Epsilon University" } });
    expect((await greta.post(`/organizations/${epsilon.id}/members`, { intent: "approve", userId: (await hugo()).id })).status).toBe(200);
    expect((await hugo()).memberships.map((m) => [m.organization.name, m.role]).sort()).toEqual([
      ["Delta AB", "admin"],
      ["Epsilon University", "member"],
    ]);
    expect((await a.post("/profile", { intent: "join", organization: "" })).status).toBe(400);
  });

  it("saves a researcher's profile with a normalised ORCID iD and refuses someone else's", async () => {
    const a = new Client(web.url);
    await a.register("Ada", "ada@example.se");
    const ok = await a.post("/profile", {
      name: "Ada Lind",
      title: "Docent",
      orcid: "https://orcid.org/0000-0002-1825-0097",
      languages: "sv, en",
      keywords: "robotics, robotics, AI",
      subjects: "10201, 20202",
      researchInterests: "Robots",
    });
    expect(ok.status).toBe(200);
    expect(await ok.text()).toContain("Your profile is saved.");
    const ada = await getPrisma().user.findUniqueOrThrow({ where: { email: "ada@example.se" } });
    expect([ada.name, ada.orcid, ada.languages, ada.keywords, ada.subjects]).toEqual([
      "Ada Lind",
      "0000-0002-1825-0097",
      ["sv", "en"],
      ["robotics", "AI"],
      ["10201", "20202"],
    ]);

    const b = new Client(web.url);
    await b.register("Bea", "bea@example.se");
    const taken = await b.post("/profile", { name: "Bea", orcid: "0000-0002-1825-0097" });
    expect(taken.status).toBe(400);
    expect(await taken.text()).toContain("Another profile already has this ORCID iD.");
    const bad = await b.post("/profile", { name: "Bea", orcid: "0000-0002-1825-0098", subjects: "12345" });
    expect(await bad.text()).toContain("This is not a valid ORCID iD");
  });
});

describe("track record", () => {
  const org = (ref: string, name: string) => JSON.stringify({ type: "organization", ref, name, kind: "company", country: "DE" });
  const project = (ref: string, o: Record<string, unknown>) =>
    JSON.stringify({ type: "project", ref, summary: "Drives", funder: "Vinnova", ...o });
  const idOf = async (ref: string) => (await getPrisma().organization.findUniqueOrThrow({ where: { ref } })).id;
  // Links carry Remix's route-discovery attribute; the markup is compared without it.
  const page = async (res: Promise<Response>) => (await html(await res)).replace(/ data-discover="true"/g, "");

  it("lists an organization's projects, newest first, with partners linked, and whom it worked with, in English and Swedish", async () => {
    const summary = await importLines([
      org("tr-a", "Alfa Lab"),
      org("tr-b", "Beta <b>Bold</b> GmbH"),
      org("tr-c", "Gamma Institut"),
      org("tr-d", "Delta Solo"),
      project("tr-old", { title: "Older work", year: 2015, programme: "FP7", leadOrganizationRef: "tr-a", partnerRefs: ["tr-a", "tr-b"] }),
      project("tr-new", {
        title: "<script>alert(1)</script> Sensors & drives",
        year: 2021,
        leadOrganizationRef: "tr-b",
        partnerRefs: ["tr-c", "tr-a", "tr-b"],
      }),
      project("tr-undated", { title: "Undated", funder: undefined, partnerRefs: ["tr-a", "tr-c"] }),
    ]);
    expect(summary).toMatchObject({ rejected: 0, created: 7 });
    const [a, b, c, d] = await Promise.all(["tr-a", "tr-b", "tr-c", "tr-d"].map(idOf));

    const en = await page(new Client(web.url).get(`/organizations/${a}`));
    const section = (id: string) => en.slice(en.indexOf(`id="${id}"`), en.indexOf("</section>", en.indexOf(`id="${id}"`)));
    const record = section("track-record");
    expect(record).toContain("Track record");
    // Newest year first, a project without a year last.
    const order = ["Sensors &amp; drives", "Older work", "Undated"].map((t) => record.indexOf(t));
    expect(order.every((i, k) => i > 0 && (k === 0 || i > order[k - 1]!))).toBe(true);
    // Text from the file is shown as text, never as markup, here and in the data handed to the browser.
    expect(record).toContain("&lt;script&gt;alert(1)&lt;/script&gt; Sensors &amp; drives");
    expect(en).not.toContain("<script>alert(1)");
    expect(en).not.toContain("<b>Bold</b>");
    expect(record).toContain("2021 · Vinnova");
    expect(record).toContain("2015 · Vinnova · FP7 · Led by this organization");
    // Partners link to their pages; the lead comes first and is marked; the page's own organization is not listed.
    expect(record).toContain(
      `<a href="/organizations/${b}">Beta &lt;b&gt;Bold&lt;/b&gt; GmbH</a> (lead), <a href="/organizations/${c}">Gamma Institut</a>`,
    );
    expect(record).not.toContain(`href="/organizations/${a}"`);

    const worked = section("worked-with");
    expect(worked).toContain("Worked with");
    expect(worked).toContain(
      `<a href="/organizations/${b}">Beta &lt;b&gt;Bold&lt;/b&gt; GmbH</a> <span class="meta">2 shared projects, latest 2021</span>`,
    );
    expect(worked).toContain(`<a href="/organizations/${c}">Gamma Institut</a> <span class="meta">2 shared projects, latest 2021</span>`);
    expect(worked).not.toContain("Delta Solo");

    // Beta worked with each of the others once; in Swedish.
    const sv = await page(fetch(`${web.url}/organizations/${b}`, { headers: { "Accept-Language": "sv" } }));
    expect(sv).toContain("Tidigare projekt");
    expect(sv).toContain("Har samarbetat med");
    expect(sv).toContain("Organisationen var huvudsökande");
    expect(sv).toContain(`<a href="/organizations/${a}">Alfa Lab</a> <span class="meta">2 gemensamma projekt, senast 2021</span>`);
    expect(sv).toContain(`<a href="/organizations/${c}">Gamma Institut</a> <span class="meta">1 gemensamt projekt, senast 2021</span>`);

    // An organization without projects shows neither section.
    const solo = await page(new Client(web.url).get(`/organizations/${d}`));
    expect(solo).toContain("Delta Solo");
    expect(solo).not.toContain("Track record");
    expect(solo).not.toContain("Worked with");
  });
});
