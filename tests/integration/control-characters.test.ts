// Text with a control character (PostgreSQL refuses NUL outright) is refused on every
// form with the field named, and nothing is stored; text that shows as nothing counts as
// empty; amounts are plain digits. Over HTTP against the real web process and database.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
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

const NUL = "\u0000";
// The message after its hidden "Error:" prefix.
const fieldError = (page: string, field: string) =>
  new RegExp(`id="field-${field}-error"[^>]*>(?:<span class="visually-hidden">Error: </span>)?[^<]*control character U\\+0000`).test(page);

/** A signed-in site administrator (may edit any organization, start consortia), and an organization to act on. */
async function admin(tag: string) {
  const prisma = getPrisma();
  const c = new Client(web.url);
  await c.register(`Admin ${tag}`, `admin-${tag}@cc.example`, { role: "coordinator" });
  await prisma.user.update({ where: { email: `admin-${tag}@cc.example` }, data: { role: "admin" } });
  const org = await prisma.organization.create({ data: { name: `Kontroll ${tag} AB`, kind: "university", country: "SE" } });
  const programme = await prisma.programme.create({ data: { name: `Call ${tag}`, projectType: "research" } });
  return { c, org, programme };
}

const posting = {
  kind: "need",
  title: "Sensorer i skogsbruk",
  description: "Vi söker en partner.",
  language: "sv",
  visibility: "public",
  keywords: "",
  subjects: "",
};

describe("control characters in forms", () => {
  it("register: a NUL in the name is a 400 naming the field, and no account is made", async () => {
    const c = new Client(web.url);
    const res = await c.post("/register", {
      name: `Anna${NUL}Berg`,
      email: "nul@cc.example",
      password: "correct horse battery",
      role: "researcher",
    });
    expect(res.status).toBe(400);
    const page = await html(res);
    expect(fieldError(page, "name")).toBe(true);
    expect(page).toContain("Remove the invisible control character U+0000 (character 5)");
    expect(await getPrisma().user.count({ where: { email: "nul@cc.example" } })).toBe(0);
  });

  it("a new posting: NUL, U+0001 or DEL in the title or description is refused next to the field; nothing stored", async () => {
    const { c } = await admin("post");
    for (const [field, value] of [
      ["title", `Sensorer${NUL}`],
      ["description", `Beskrivning${NUL}`],
      ["title", "Fake \u0001mark\u0002"],
      ["title", "DEL\u007F"],
    ] as const) {
      const res = await c.post("/postings/new", { ...posting, [field]: value });
      expect(res.status, value).toBe(400);
      const page = await html(res);
      expect(page, value).toMatch(
        new RegExp(`id="field-${field}-error"[^>]*>(?:<span class="visually-hidden">Error: </span>)?[^<]*control character U\\+00`),
      );
    }
    expect(await getPrisma().posting.count({ where: { title: { startsWith: "Sensorer" } } })).toBe(0);
    // The same form without the character goes through: only the character was wrong.
    expect((await c.post("/postings/new", posting)).status).toBe(302);
  });

  it("a title of only zero-width characters or spaces is not filled in", async () => {
    const { c } = await admin("blank");
    const res = await c.post("/postings/new", {
      ...posting,
      title: "\u200B\u200C\u200D\u2060\uFEFF \u00A0",
      description: "Osynlig rubrik.",
    });
    expect(res.status).toBe(400);
    expect(await html(res)).toMatch(/id="field-title-error"[^>]*><span class="visually-hidden">Error: <\/span>Fill this in\./);
    expect(await getPrisma().posting.count({ where: { description: "Osynlig rubrik." } })).toBe(0);
  });

  it("profile and organization edit: refused with the field named, stored data unchanged", async () => {
    const { c, org } = await admin("edit");
    const prisma = getPrisma();
    const before = await prisma.user.findUniqueOrThrow({ where: { email: "admin-edit@cc.example" } });
    const profile = await c.post("/profile", { name: "Admin edit", title: `Professor${NUL}`, languages: "sv", keywords: "", subjects: "" });
    expect(profile.status).toBe(400);
    expect(fieldError(await html(profile), "title")).toBe(true);
    expect(await prisma.user.findUniqueOrThrow({ where: { id: before.id } })).toEqual(before);

    const orgBefore = await prisma.organization.findUniqueOrThrow({ where: { id: org.id } });
    const edit = await c.post(`/organizations/${org.id}/edit`, {
      name: org.name,
      kind: "university",
      country: "SE",
      description: `Forskning${NUL}`,
      competencies: "Mätteknik",
    });
    expect(edit.status).toBe(400);
    expect(fieldError(await html(edit), "description")).toBe(true);
    expect(await prisma.organization.findUniqueOrThrow({ where: { id: org.id } })).toEqual(orgBefore);
  });

  it("consortia: the new-consortium form names the field; the consortium page's forms answer 400 naming it; amounts are digits only", async () => {
    const { c, org, programme } = await admin("cons");
    const prisma = getPrisma();
    const consortium = {
      programmeId: programme.id,
      title: "Skogens sensorer",
      summary: "Ett konsortium.",
      keywords: "",
      subjects: "",
      requestedFunding: "4 000 000",
      leadOrganizationId: org.id,
    };
    const bad = await c.post("/consortia/new", { ...consortium, summary: `Ett${NUL}` });
    expect(bad.status).toBe(400);
    expect(fieldError(await html(bad), "summary")).toBe(true);
    expect(await prisma.consortium.count({ where: { programmeId: programme.id } })).toBe(0);

    for (const amount of ["0x10", "1e3", "Infinity", "-5", "12.5", ""]) {
      const res = await c.post("/consortia/new", { ...consortium, requestedFunding: amount });
      expect(res.status, amount).toBe(400);
      expect(await html(res), amount).toContain('id="field-requestedFunding-error"');
    }
    expect(await prisma.consortium.count({ where: { programmeId: programme.id } })).toBe(0);

    // Written the way applications write it, the amount is understood.
    const made = await c.post("/consortia/new", { ...consortium, requestedFunding: "4,5 MSEK" });
    expect(made.status).toBe(302);
    const stored = await prisma.consortium.findFirstOrThrow({ where: { programmeId: programme.id } });
    expect(stored.requestedFunding).toBe(4_500_000n);

    // A form without a field-by-field display still says which field, and stores nothing.
    const decline = await c.post(`/consortia/${stored.id}`, { intent: "decline", organizationId: org.id, reason: `Nej${NUL}` });
    expect(decline.status).toBe(400);
    expect(await html(decline)).toContain("The field “reason” holds an invisible control character, U+0000 (character 4)");
    expect(await prisma.consortium.findUniqueOrThrow({ where: { id: stored.id } })).toEqual(stored);
  });

  it("a search for text with a control character in it searches without it instead of failing", async () => {
    for (const path of ["/postings?q=%00", "/postings?q=sensor%00er&kind=%00", "/postings?q=%01%7F"]) {
      const res = await fetch(web.url + path);
      expect(res.status, path).toBe(200);
    }
  });

  it("the saved-search form refuses a control character in its name; the site keeps answering", async () => {
    const { c } = await admin("search");
    const res = await c.post("/searches", { intent: "save", q: "sensorer", name: `Mina${NUL}` });
    expect(res.status).toBe(400);
    expect(await res.text()).toContain("The field “name” holds an invisible control character");
    expect(await getPrisma().savedSearch.count({ where: { name: { startsWith: "Mina" } } })).toBe(0);
    expect((await c.get("/")).status).toBe(200);
  });
});
