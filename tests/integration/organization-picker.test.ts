// Naming an organization over HTTP, as a browser without JavaScript does: a name that may
// mean an existing organization is answered with the choice among them on the same form
// (registration, joining from the profile, inviting to a consortium), and a near miss
// never silently creates a second organization.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getPrisma } from "#app/lib/db.server.ts";
import { Client, html } from "#tests/helpers/http.ts";
import { startWeb, testEnv, type Proc } from "#tests/helpers/processes.ts";

let web: Proc & { url: string };
let sjodata: { id: string };
beforeAll(async () => {
  web = await startWeb(testEnv());
  const prisma = getPrisma();
  sjodata = await prisma.organization.create({ data: { name: "Sjödata Analys AB", kind: "company", orgNumber: "556012-5790" } });
  await prisma.organization.create({ data: { name: "Sjöfartsverket", kind: "public" } });
  await prisma.organization.create({ data: { name: "Nordvik Drives AB", kind: "company", region: "Västra Götaland" } });
  await prisma.organization.create({ data: { name: "<b>Fetstil</b> AB", kind: "company" } });
});
afterAll(async () => {
  await web?.stop();
});

let n = 0;
const form = (organization: string, extra: Record<string, string> = {}) => ({
  name: "Pia Picker",
  email: `pia-${++n}@orgpicker.example`,
  password: "correct horse battery",
  role: "company_rep",
  organization,
  ...extra,
});
const organizations = () => getPrisma().organization.count();
const accounts = (email: string) => getPrisma().user.count({ where: { email } });
const requestsFor = (organizationId: string, email: string) =>
  getPrisma().membershipRequest.count({ where: { organizationId, user: { email }, status: "pending" } });

describe("registration without JavaScript", () => {
  it.each([
    "Sjodata Analys", // no å ä ö
    "SJÖDATA ANALYS Aktiebolag", // the same but for case and legal form
    "Sjöfarts", // the start of a word
    "Sjödata Analsy", // a typo
    "Sjödata", // the start of the name
    "Nordvik Drivs AB",
  ])("answers the near miss %j with the choice among existing organizations, and makes nothing", async (typed) => {
    const before = await organizations();
    const c = new Client(web.url);
    const fields = form(typed);
    const res = await c.post("/register", fields);
    expect(res.status).toBe(400);
    const page = await html(res);
    expect(page).toContain("Which organization do you mean?");
    expect(page).toMatch(/<input type="radio" name="organizationId" value="[0-9a-f-]{36}"/);
    expect(page).toContain(`value="new"/> None of these: create “${typed}” as a new organization`);
    // What was typed is kept, the password is not, and the form says to type it again.
    expect(page).toContain(`value="${typed}"`);
    expect(page).not.toContain("correct horse battery");
    expect(page).toContain("Type your password again");
    expect(page).toMatch(/<title>Error: /);
    expect(await accounts(fields.email)).toBe(0);
    expect(await organizations()).toBe(before);
  });

  it("asks to join the organization chosen, or the one with that organisation number, with or without the dash", async () => {
    const before = await organizations();
    for (const [typed, extra] of [
      ["Sjodata Analys", { organizationId: sjodata.id }],
      ["5560125790", {}],
      ["556012-5790", {}],
    ] as const) {
      const c = new Client(web.url);
      const fields = form(typed, extra);
      const res = await c.post("/register", fields);
      expect(res.status).toBe(200);
      expect(await html(res)).toContain("Check your inbox");
      expect(await requestsFor(sjodata.id, fields.email)).toBe(1);
    }
    expect(await organizations()).toBe(before);
  });

  it("creates a new organization only after “none of these”, and even then an exact name means the existing one", async () => {
    const before = await organizations();
    const c = new Client(web.url);
    const fields = form("Sjödata Analys Syd", { organizationId: "new" });
    expect((await c.post("/register", fields)).status).toBe(200);
    expect(await getPrisma().organization.count({ where: { name: "Sjödata Analys Syd" } })).toBe(1);
    const exact = form("sjödata analys ab", { organizationId: "new" });
    expect((await new Client(web.url).post("/register", exact)).status).toBe(200);
    expect(await requestsFor(sjodata.id, exact.email)).toBe(1);
    expect(await organizations()).toBe(before + 1);
  });

  it("refuses an unknown organisation number, an unknown or malformed choice, and a 301-character name, making nothing", async () => {
    const before = await organizations();
    for (const [typed, extra, message] of [
      ["556000-0008", {}, "No organization has the organisation number 556000-0008."],
      ["Sjödata", { organizationId: "00000000-0000-0000-0000-000000000000" }, "That organization does not exist any more."],
      ["Sjödata", { organizationId: "1 OR 1=1" }, ""],
      ["x".repeat(301), {}, ""],
    ] as const) {
      const fields = form(typed, extra);
      const res = await new Client(web.url).post("/register", fields);
      expect(res.status).toBe(400);
      if (message) expect(await html(res)).toContain(message);
      expect(await accounts(fields.email)).toBe(0);
    }
    expect(await organizations()).toBe(before);
  });

  it("shows a name with markup in the choice as text", async () => {
    const res = await new Client(web.url).post("/register", form("fetstil"));
    expect(res.status).toBe(400);
    const page = await html(res);
    expect(page).toContain("&lt;b&gt;Fetstil&lt;/b&gt; AB");
    expect(page).not.toContain("<b>Fetstil</b>");
  });

  it("two people naming the same new organization at once make one organization, not twins", async () => {
    const [a, b] = [form("Tvillingbolaget AB"), form("Tvillingbolaget AB")];
    const answers = await Promise.all([new Client(web.url).post("/register", a), new Client(web.url).post("/register", b)]);
    expect(answers.map((r) => r.status)).toEqual([200, 200]);
    const made = await getPrisma().organization.findMany({ where: { name: "Tvillingbolaget AB" }, select: { id: true } });
    expect(made).toHaveLength(1);
    // One is its admin, the other asks to join it.
    expect(await getPrisma().membership.count({ where: { organizationId: made[0]!.id, role: "admin" } })).toBe(1);
    expect(await getPrisma().membershipRequest.count({ where: { organizationId: made[0]!.id } })).toBe(1);
  });
});

describe("joining from the profile and inviting to a consortium without JavaScript", () => {
  it("offer the choice for a near miss on the same form, and act on the choice", async () => {
    const prisma = getPrisma();
    const c = new Client(web.url);
    await c.register("Kim Koordinator", "kim@orgpicker.example", { role: "coordinator" });
    const offered = await c.post("/profile", { intent: "join", organization: "Sjodata Analys" });
    expect(offered.status).toBe(400);
    expect(await html(offered)).toContain(`value="${sjodata.id}"/> Sjödata Analys AB (556012-5790 · Company)`);
    expect((await c.post("/profile", { intent: "join", organizationId: sjodata.id })).status).toBe(200);
    expect(await requestsFor(sjodata.id, "kim@orgpicker.example")).toBe(1);

    const kim = await prisma.user.findUniqueOrThrow({ where: { email: "kim@orgpicker.example" } });
    const programme = await prisma.programme.create({ data: { name: "Picker call", projectType: "research" } });
    const consortium = await prisma.consortium.create({
      data: { programmeId: programme.id, title: "Picker consortium", summary: "s", requestedFunding: 1_000_000n, coordinatorId: kim.id },
    });
    const path = `/consortia/${consortium.id}`;
    const seats = () => prisma.consortiumMember.findMany({ where: { consortiumId: consortium.id }, select: { organizationId: true } });

    // A near miss: the choice, nothing invited. Nothing like any name: said so. No "create" here.
    const near = await c.post(path, { intent: "invite", organizationName: "sjodata analsy" });
    expect(near.status).toBe(400);
    const nearPage = await html(near);
    expect(nearPage).toContain("Several organizations fit. Choose the one you mean.");
    expect(nearPage).toContain(`value="${sjodata.id}"`);
    expect(nearPage).not.toContain('value="new"');
    for (const typed of ["Nothing Like It", "' OR 1=1; --", "<script>alert(1)</script>", "%", "x".repeat(5000)]) {
      const none = await c.post(path, { intent: "invite", organizationName: typed });
      expect(none.status).toBe(400);
      expect(await html(none)).toContain("No organization has that name or organisation number.");
    }
    expect(await seats()).toEqual([]);

    // By the choice, by the exact name, by the number with or without the dash.
    for (const fields of <Record<string, string>[]>[
      { organizationId: sjodata.id },
      { organizationName: "sjödata analys ab" },
      { organizationName: "5560125790" },
      { organizationName: "556012-5790" },
    ]) {
      const res = await c.post(path, { intent: "invite", ...fields });
      expect(res.status).toBe(302);
      expect(await seats()).toEqual([{ organizationId: sjodata.id }]);
    }
  });
});
