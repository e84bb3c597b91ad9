// The administrators' funnel against a seeded history made through the product's own code
// paths: suggestions shown (once per person, page and day), a conversation opened,
// invitations sent, repeated and answered, a consortium becoming eligible and ready (counted
// once under two workers at once, and once a month however often it flaps), submitted and
// granted on the days recorded. The page's table and the CSV carry exactly those counts;
// the month boundary is Stockholm's; non-admins get 403 and a bad address a clear 400.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { stockholmDay } from "#app/domain/outcome.ts";
import { getPrisma } from "#app/lib/db.server.ts";
import { parseCsv } from "#app/lib/csv.ts";
import { invite, respond, setPledge, withdraw } from "#app/models/consortium.server.ts";
import { openConversation } from "#app/models/conversation.server.ts";
import { recordSuggestionsShown } from "#app/models/funnel.server.ts";
import { saveLetter } from "#app/models/letter.server.ts";
import { recordOutcome } from "#app/models/outcome.server.ts";
import { reevaluateConsortium } from "#workers/consortia.ts";
import { html, registeredPerson } from "#tests/helpers/http.ts";
import { startWeb, testEnv, type Proc } from "#tests/helpers/processes.ts";

let web: Proc & { url: string };
beforeAll(async () => {
  web = await startWeb(testEnv());
});
afterAll(async () => {
  await web?.stop();
});

const emailOf = (name: string) => `${name.toLowerCase().replace(/\W/g, "")}@funnel.example`;

/** A registered, signed-in person; with `company`, the admin of a new company of that name. */
const person = (name: string, company?: string) => registeredPerson(web.url, name, emailOf(name), company);

const thisMonth = stockholmDay(new Date()).slice(0, 7);
/** The figures of the table row whose month or programme cell says `rowLabel`. */
const cells = (page: string, rowLabel: string) => {
  const row = page.split("<tr>").find((r) => r.includes(`>${rowLabel}</t`));
  return row ? [...row.matchAll(/<td class="number">([^<]*)<\/td>/g)].map((m) => m[1]) : null;
};

describe("the funnel", () => {
  it("counts a seeded history per programme and month, on the page and in the CSV", async () => {
    const prisma = getPrisma();
    const lead = await prisma.organization.create({ data: { name: "Funnel University", kind: "university", eligibleApplicant: true } });
    // No co-funding asked: eligibility turns on the two independent companies alone.
    const programme = await prisma.programme.create({ data: { name: "Funnel call", projectType: "research", coFundingRatio: 0 } });
    const other = await prisma.programme.create({ data: { name: "Other call", projectType: "research", coFundingRatio: 0 } });
    const coord = await person("Fia Coordinator");
    await prisma.membership.create({ data: { userId: coord.user.id, organizationId: lead.id } });
    const alfa = await person("Alf Alfa", "Alfa Funnel AB");
    const beta = await person("Bea Beta", "Beta Funnel AB");
    const gamma = await person("Gus Gamma", "Gamma Funnel AB");
    const admin = await person("Ada Admin");
    await prisma.user.update({ where: { id: admin.user.id }, data: { role: "admin" } });
    const c = await prisma.consortium.create({
      data: {
        programmeId: programme.id,
        title: "Funnel consortium",
        summary: "Drive lines.",
        keywords: [],
        requestedFunding: 1_000_000n,
        leadOrganizationId: lead.id,
        coordinatorId: coord.user.id,
        members: { create: [{ organizationId: lead.id, status: "accepted" }] },
      },
    });

    // Suggestions: the same person on the same page the same day counts once; another person adds theirs.
    await recordSuggestionsShown(coord.user.id, { kind: "consortium", id: c.id, programmeId: programme.id }, 5);
    await recordSuggestionsShown(coord.user.id, { kind: "consortium", id: c.id, programmeId: programme.id }, 5);
    await recordSuggestionsShown(alfa.user.id, { kind: "consortium", id: c.id, programmeId: programme.id }, 3);
    await recordSuggestionsShown(alfa.user.id, { kind: "posting", id: c.id }, 0); // none shown: nothing counted
    // A contact: before any consortium, so under no programme.
    const opened = await openConversation(alfa.user, { target: { person: coord.user.id }, body: "We could bring test rigs." });
    expect(opened.ok).toBe(true);

    // Three invitations; repeating one is not a new one; two accepted, one declined.
    for (const p of [alfa, beta, gamma]) expect(await invite(c.id, coord.user.id, p.orgId)).toEqual({ ok: true });
    expect(await invite(c.id, coord.user.id, alfa.orgId)).toEqual({ ok: true });
    expect(await respond(c.id, alfa.orgId, alfa.user.id, true)).toEqual({ ok: true });
    expect(await respond(c.id, beta.orgId, beta.user.id, true)).toEqual({ ok: true });
    expect(await respond(c.id, gamma.orgId, gamma.user.id, false)).toEqual({ ok: true });
    // Two workers evaluate at once: eligible (and ready: no letters are owed without pledges) counted once.
    // Each company pledges: the consortium is eligible, then ready once both letters are confirmed.
    const commit = async (p: typeof alfa) => {
      expect(await setPledge(c.id, p.orgId, p.user.id, { pledgeCash: 100_000, pledgeInKind: 0 })).toEqual({ ok: true });
      expect(await saveLetter(c.id, p.orgId, p.user.id, { role: "Test rig", motive: "Data" }, true)).toEqual({ ok: true });
    };
    expect(await setPledge(c.id, alfa.orgId, alfa.user.id, { pledgeCash: 100_000, pledgeInKind: 0 })).toEqual({ ok: true });
    expect(await setPledge(c.id, beta.orgId, beta.user.id, { pledgeCash: 100_000, pledgeInKind: 0 })).toEqual({ ok: true });
    // Two workers evaluate at once: the consortium became eligible once.
    await Promise.all([reevaluateConsortium(c.id), reevaluateConsortium(c.id)]);
    expect(await prisma.funnelEvent.count({ where: { consortiumId: c.id, stage: "eligible" } })).toBe(1);
    for (const p of [alfa, beta]) await commit(p);
    await Promise.all([reevaluateConsortium(c.id), reevaluateConsortium(c.id)]);
    expect(await prisma.funnelEvent.count({ where: { consortiumId: c.id, stage: "ready" } })).toBe(1);
    // It loses a company and regains it: a new invitation and answer, but the same consortium this month.
    expect(await withdraw(c.id, beta.orgId, beta.user.id)).toEqual({ ok: true });
    await reevaluateConsortium(c.id);
    expect(await invite(c.id, coord.user.id, beta.orgId)).toEqual({ ok: true });
    expect(await respond(c.id, beta.orgId, beta.user.id, true)).toEqual({ ok: true });
    await commit(beta);
    await reevaluateConsortium(c.id);
    const steps = await prisma.funnelEvent.groupBy({ by: ["stage"], where: { consortiumId: c.id, stage: "eligible" }, _count: true });
    expect(steps).toEqual([{ stage: "eligible", _count: 2 }]); // two transitions, one consortium
    expect(await prisma.funnelEvent.count({ where: { consortiumId: c.id, stage: "ready" } })).toBe(2);

    // Submitted on the first of this month, granted today: each in its month, once however often recorded.
    const firstOfMonth = `${thisMonth}-01`;
    const today = stockholmDay(new Date());
    expect(await recordOutcome(c.id, coord.user.id, { kind: "submitted", on: firstOfMonth })).toMatchObject({ ok: true });
    expect(await recordOutcome(c.id, coord.user.id, { kind: "granted", on: today })).toMatchObject({ ok: true });
    expect(await recordOutcome(c.id, coord.user.id, { kind: "granted", on: today })).toEqual({ ok: true, changed: false });

    // History in earlier months, placed where Stockholm's calendar puts it: 23:30 UTC on
    // 31 October 2025 is already November in Stockholm.
    const earlier = await prisma.consortium.create({
      data: { programmeId: other.id, title: "Earlier", summary: "s", keywords: [], requestedFunding: 1n, coordinatorId: coord.user.id },
    });
    await prisma.funnelEvent.createMany({
      data: [
        // Eligible in October, lost, eligible again in November: once in each month, once in the period's total.
        { stage: "eligible", programmeId: other.id, consortiumId: earlier.id, at: new Date("2025-10-20T12:00:00Z") },
        { stage: "eligible", programmeId: other.id, consortiumId: earlier.id, at: new Date("2025-11-20T12:00:00Z") },
        { stage: "invitation", programmeId: other.id, at: new Date("2025-10-31T23:30:00Z") },
        { stage: "invitation", programmeId: other.id, at: new Date("2025-10-31T22:30:00Z") },
        { stage: "submitted", programmeId: other.id, at: new Date("2025-11-15T12:00:00Z"), key: "submitted:seeded" },
      ],
    });

    const expected = { suggestion_shown: 8, contact: 0, invitation: 4, accepted: 3, eligible: 1, ready: 1, submitted: 1, granted: 1 };
    const row = Object.values(expected).map(String);

    // Administrators only, as every admin page.
    expect((await alfa.client.get("/admin/funnel")).status).toBe(403);
    expect((await alfa.client.get("/admin/funnel.csv")).status).toBe(403);

    // The page: this month's row for the programme, the contact under no programme.
    let page = await html(await admin.client.get("/admin/funnel"));
    expect(cells(page, "Funnel call")).toEqual(row);
    expect(cells(page, "Before a consortium (no programme)")).toEqual(["0", "1", "0", "0", "0", "0", "0", "0"]);
    expect(page).toContain("<svg");
    expect(page).toContain("Suggestions shown");
    expect(page).not.toContain("Other call</td>"); // its steps are older than twelve months

    // One programme, a period around the seeded months.
    page = await html(await admin.client.get(`/admin/funnel?programme=${other.id}&from=2025-10&to=2025-11`));
    expect(cells(page, "November 2025")).toEqual(["0", "0", "1", "0", "1", "0", "1", "0"]);
    expect(cells(page, "October 2025")).toEqual(["0", "0", "1", "0", "1", "0", "0", "0"]);
    expect(cells(page, "Total")).toEqual(["0", "0", "2", "0", "1", "0", "1", "0"]);
    expect(page).not.toContain("Funnel call</td>");

    // The CSV: the same counts, parsed back.
    const res = await admin.client.get(`/admin/funnel.csv?from=2025-10&to=${thisMonth}`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(res.headers.get("content-disposition")).toBe(`attachment; filename="samband-funnel-2025-10-${thisMonth}.csv"`);
    // Read as bytes: fetch's text() would hide the byte-order mark Excel needs.
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows = parseCsv(new TextDecoder().decode(bytes));
    const find = (month: string, prog: string) => rows.find((r) => r.Month === month && r.Programme === prog);
    expect(find(thisMonth, "Funnel call")).toEqual({
      Month: thisMonth,
      Programme: "Funnel call",
      "Suggestions shown": "8",
      Contacts: "0",
      Invitations: "4",
      Accepted: "3",
      Eligible: "1",
      "Ready to submit": "1",
      Submitted: "1",
      Granted: "1",
    });
    expect(find("2025-11", "Other call")).toMatchObject({ Invitations: "1", Submitted: "1" });
    expect(find("2025-10", "Other call")).toMatchObject({ Invitations: "1", Submitted: "0" });
    expect(find(thisMonth, "Before a consortium (no programme)")).toMatchObject({ Contacts: "1" });
  });

  it("answers a malformed or hostile address with 400 and says what is wrong, on the page and for the CSV", async () => {
    const admin = await person("Adam Admin");
    await getPrisma().user.update({ where: { id: admin.user.id }, data: { role: "admin" } });
    for (const [query, message] of [
      ["from=2026-13", "Enter a month as year and month, for example 2026-11"],
      ["to=<script>alert(1)</script>", "Enter a month as year and month, for example 2026-11"],
      ["from=2026-05&to=2026-04", "Choose a first month that is not after the last month"],
      ["from=1990-01", "Enter a month as year and month"],
      ["from=2001-01&to=2026-01", "Choose a period of at most 120 months"],
      ["programme=' OR 1=1 --", "Choose a programme from the list"],
      ["programme=00000000-0000-0000-0000-000000000000", "Choose a programme from the list"],
      [`from=${"9".repeat(2000)}`, "Enter a month as year and month"],
    ]) {
      const res = await admin.client.get(`/admin/funnel?${new URLSearchParams(query).toString()}`);
      expect(res.status, query.slice(0, 40)).toBe(400);
      const page = await html(res);
      expect(page).toContain("There is a problem");
      expect(page).toContain(message);
      expect(page).toContain("<title>Error: Funnel – Samband</title>");
      expect(page).not.toContain("<script>alert(1)</script>");
      expect(page).not.toContain("<svg");
      const csv = await admin.client.get(`/admin/funnel.csv?${new URLSearchParams(query).toString()}`);
      expect(csv.status).toBe(400);
      expect(await csv.text()).toContain(message);
    }
  });
});
