// The consortium page: for its coordinator and members only; the checklist, the tally and
// what is missing; invitations answered and pledges recorded through its forms, with bad
// input refused and nothing changed.
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

async function rep(name: string, company: string) {
  const c = new Client(web.url);
  const email = `${name.toLowerCase().replace(/\W/g, "")}@example.se`;
  // "new": a company of its own even when a similar name exists (a subsidiary's name
  // contains its parent's), so the person is its admin.
  await c.register(name, email, { role: "company_rep", organization: company, organizationId: "new" });
  const prisma = getPrisma();
  const user = await prisma.user.findUniqueOrThrow({ where: { email } });
  const org = await prisma.organization.findFirstOrThrow({ where: { name: company } });
  return { client: c, userId: user.id, orgId: org.id };
}

/** A signed-in coordinator with a consortium of their own, under a programme of its own. */
async function coordinatorWithConsortium(name: string, title: string) {
  const prisma = getPrisma();
  const client = new Client(web.url);
  const email = `${name.toLowerCase().replace(/\W/g, "")}@example.se`;
  await client.register(name, email, { role: "coordinator" });
  const user = await prisma.user.findUniqueOrThrow({ where: { email } });
  const programme = await prisma.programme.create({ data: { name: `${title} call`, projectType: "research" } });
  const consortium = await prisma.consortium.create({
    data: { programmeId: programme.id, title, summary: "s", requestedFunding: 1000n, coordinatorId: user.id },
  });
  return { client, userId: user.id, programmeId: programme.id, consortium };
}

describe("the consortium page", () => {
  it("shows members the checklist, the tally and what is missing, and takes answers and pledges", async () => {
    const prisma = getPrisma();
    const coord = new Client(web.url);
    await coord.register("Page Coordinator", "page-coordinator@example.se", { role: "coordinator" });
    const coordinator = await prisma.user.findUniqueOrThrow({ where: { email: "page-coordinator@example.se" } });
    const lead = await prisma.organization.create({ data: { name: "Page University", kind: "university", eligibleApplicant: true } });
    const programme = await prisma.programme.create({ data: { name: "HÖG page", projectType: "research" } });
    const c = await prisma.consortium.create({
      data: {
        programmeId: programme.id,
        title: "Page consortium",
        summary: "s",
        requestedFunding: 1_000_000n,
        leadOrganizationId: lead.id,
        coordinatorId: coordinator.id,
      },
    });
    const volvo = await rep("Vera Volvo", "Volvo Page AB");
    const volvoSe = await rep("Sven Volvo", "Volvo Page Sverige AB");
    await prisma.organization.update({ where: { id: volvoSe.orgId }, data: { parentId: volvo.orgId } });
    const halm = await rep("Hanna Halm", "Halm Page AB");
    for (const r of [volvo, volvoSe, halm]) expect(await invite(c.id, coordinator.id, r.orgId)).toEqual({ ok: true });

    // Strangers and visitors see nothing.
    const stranger = new Client(web.url);
    await stranger.register("Page Stranger", "page-stranger@example.se");
    expect((await stranger.get(`/consortia/${c.id}`)).status).toBe(404);
    expect((await fetch(`${web.url}/consortia/${c.id}`, { redirect: "manual" })).status).toBe(302);
    expect((await stranger.get("/consortia/not-an-id")).status).toBe(404);

    // Both group companies accept and pledge: still one independent company.
    for (const r of [volvo, volvoSe]) {
      expect((await r.client.post(`/consortia/${c.id}`, { intent: "accept", organizationId: r.orgId, reason: "" })).status).toBe(302);
      expect(
        (
          await r.client.post(`/consortia/${c.id}`, {
            intent: "pledge",
            organizationId: r.orgId,
            pledgeCash: "300000",
            pledgeInKind: "100000",
          })
        ).status,
      ).toBe(302);
    }
    let page = await html(await coord.get(`/consortia/${c.id}`));
    expect(page).toContain("Not eligible yet");
    expect(page).toContain(
      "1 independent company co-funds; 2 needed. Volvo Page AB and Volvo Page Sverige AB belong to the same group (Volvo Page AB) and count once.",
    );
    expect(page).toMatch(/Missing: one more company independent of the Volvo Page AB group, with a pledge; SEK\s200,000 more co-funding\./);
    // One spelling of money on the page, the English one.
    expect(page).toMatch(/Co-funding pledged: SEK\s800,000 of SEK\s1,000,000 required/);
    expect(page).not.toMatch(/\d\skr\b/);

    // A stranger cannot answer for Halm; bad pledges change nothing.
    expect((await stranger.post(`/consortia/${c.id}`, { intent: "accept", organizationId: halm.orgId })).status).toBe(404);
    expect(
      (await halm.client.post(`/consortia/${c.id}`, { intent: "accept", organizationId: halm.orgId, reason: "<script>alert(1)</script>" }))
        .status,
    ).toBe(302);
    for (const bad of ["-5", "1.5", "abc", "99999999999999999999"]) {
      const res = await halm.client.post(`/consortia/${c.id}`, {
        intent: "pledge",
        organizationId: halm.orgId,
        pledgeCash: bad,
        pledgeInKind: "0",
      });
      expect(res.status).toBe(400);
      expect(await html(res)).toContain("Enter an amount in kronor, for example 4 000 000 or 4,5 MSEK.");
    }
    expect((await halm.client.post(`/consortia/${c.id}`, { intent: "accept", organizationId: halm.orgId })).status).toBe(409);
    expect(
      (
        await prisma.consortiumMember.findUniqueOrThrow({
          where: { consortiumId_organizationId: { consortiumId: c.id, organizationId: halm.orgId } },
        })
      ).pledgeCash,
    ).toBe(0n);

    expect(
      (
        await halm.client.post(`/consortia/${c.id}`, {
          intent: "pledge",
          organizationId: halm.orgId,
          pledgeCash: "200000",
          pledgeInKind: "0",
        })
      ).status,
    ).toBe(302);
    page = await html(await halm.client.get(`/consortia/${c.id}`));
    expect(page).toContain("Eligible: every rule passes");
    expect(page).toContain("2 independent companies co-fund; 2 needed.");
    expect(page).not.toContain("<script>alert(1)</script>");
    expect(page).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");

    // Removing asks first: the form without the confirmation step's answer changes nothing
    // and leads to that step; a stranger cannot remove, confirmed or not.
    const unconfirmed = await coord.post(`/consortia/${c.id}`, { intent: "withdraw", organizationId: halm.orgId });
    expect(unconfirmed.status).toBe(302);
    expect(unconfirmed.headers.get("location")).toBe(`/consortia/${c.id}?confirm=${halm.orgId}#confirm`);
    expect((await prisma.consortiumMember.findFirstOrThrow({ where: { consortiumId: c.id, organizationId: halm.orgId } })).status).toBe(
      "accepted",
    );
    const step = await html(await coord.get(`/consortia/${c.id}?confirm=${halm.orgId}`));
    expect(step).toContain("Remove Halm Page AB from Page consortium?");
    expect(step).toContain('name="confirmed" value="yes"');
    expect((await stranger.post(`/consortia/${c.id}`, { intent: "withdraw", organizationId: halm.orgId, confirmed: "yes" })).status).toBe(
      404,
    );
    expect(await html(await volvo.client.get(`/consortia/${c.id}?confirm=${halm.orgId}`))).not.toContain("Remove Halm Page AB");
    // The coordinator confirms: Halm is out, below the threshold again, and the page says so.
    const removed = await coord.post(`/consortia/${c.id}`, {
      intent: "withdraw",
      organizationId: halm.orgId,
      confirmed: "yes",
      as: "removed",
    });
    expect(removed.headers.get("location")).toBe(`/consortia/${c.id}?done=removed`);
    page = await html(await coord.get(`/consortia/${c.id}`));
    expect(page).toContain("Not eligible yet");
    expect(page).toContain("Removed by the coordinator");
    expect((await halm.client.get(`/consortia/${c.id}`)).status).toBe(404); // no longer a member: no internals
    expect(await html(await halm.client.get("/consortia"))).not.toContain("Page consortium");
    expect(await html(await volvo.client.get("/consortia"))).toContain(`href="/consortia/${c.id}"`);
    expect(await html(await stranger.get("/consortia"))).toContain("You are not in any consortium yet.");
  }, 180_000);

  it("takes a pledge as people write amounts, and refuses a bad one next to the partner's own field, storing nothing", async () => {
    const prisma = getPrisma();
    const { userId, consortium: c } = await coordinatorWithConsortium("Pledge Coordinator", "Pledge consortium");
    const halm = await rep("Hilda Halm", "Halm Pledge AB");
    expect(await invite(c.id, userId, halm.orgId)).toEqual({ ok: true });
    expect((await halm.client.post(`/consortia/${c.id}`, { intent: "accept", organizationId: halm.orgId })).status).toBe(302);
    const halmPledge = () =>
      prisma.consortiumMember.findUniqueOrThrow({
        where: { consortiumId_organizationId: { consortiumId: c.id, organizationId: halm.orgId } },
        select: { pledgeCash: true, pledgeInKind: true },
      });

    // Bad amounts, malformed and hostile: refused with what to write instead, next to the
    // partner's own field (ids carry the organization, since the form repeats per partner),
    // linked from the summary, what was typed shown again, escaped.
    for (const bad of [
      "-5",
      "1.5",
      "abc",
      "4,500",
      "99999999999999999999",
      "<b>1</b>",
      '1; DROP TABLE "ConsortiumMember"',
      "9".repeat(5000),
    ]) {
      const res = await halm.client.post(`/consortia/${c.id}`, {
        intent: "pledge",
        organizationId: halm.orgId,
        pledgeCash: bad,
        pledgeInKind: "0",
      });
      expect(res.status, bad).toBe(400);
      const refused = await html(res);
      expect(refused).toContain("<title>Error: Pledge consortium – Samband</title>");
      expect(refused).toContain("There is a problem");
      expect(refused).toContain(`href="#field-pledgeCash-${halm.orgId}">Enter an amount in kronor, for example 4 000 000 or 4,5 MSEK.</a>`);
      expect(refused).toContain(`id="field-pledgeCash-${halm.orgId}-error"`);
      expect(refused).not.toContain("<b>1</b>");
    }
    const tooLarge = await halm.client.post(`/consortia/${c.id}`, {
      intent: "pledge",
      organizationId: halm.orgId,
      pledgeCash: "0",
      pledgeInKind: "20 000 000 MSEK",
    });
    expect(tooLarge.status).toBe(400);
    expect(await html(tooLarge)).toMatch(
      new RegExp(`href="#field-pledgeInKind-${halm.orgId}">Enter an amount of at most SEK\\s10,000,000,000,000\\.</a>`),
    );
    expect(await halmPledge()).toEqual({ pledgeCash: 0n, pledgeInKind: 0n });

    // Amounts as people write them; an empty field pledges none of that kind.
    for (const [cash, inKind, stored] of [
      ["4,5 MSEK", "", { pledgeCash: 4_500_000n, pledgeInKind: 0n }],
      ["4.5 MSEK", "450 tkr", { pledgeCash: 4_500_000n, pledgeInKind: 450_000n }],
      ["4 000 000", "0", { pledgeCash: 4_000_000n, pledgeInKind: 0n }],
      ["4000000", "", { pledgeCash: 4_000_000n, pledgeInKind: 0n }],
      ["200000", "0", { pledgeCash: 200_000n, pledgeInKind: 0n }],
    ] as const) {
      const res = await halm.client.post(`/consortia/${c.id}`, {
        intent: "pledge",
        organizationId: halm.orgId,
        pledgeCash: cash,
        pledgeInKind: inKind,
      });
      expect(res.status, cash).toBe(302);
      expect(res.headers.get("location")).toBe(`/consortia/${c.id}?done=pledged`);
      expect(await halmPledge(), cash).toEqual(stored);
    }
    // Two pledges sent at once: both are taken, and one of them is what stands, whole.
    const [a, b] = await Promise.all(
      [
        ["1 MSEK", "1 MSEK"],
        ["200000", "0"],
      ].map(([cash, inKind]) =>
        halm.client.post(`/consortia/${c.id}`, { intent: "pledge", organizationId: halm.orgId, pledgeCash: cash!, pledgeInKind: inKind! }),
      ),
    );
    expect([a!.status, b!.status]).toEqual([302, 302]);
    expect([
      { pledgeCash: 1_000_000n, pledgeInKind: 1_000_000n },
      { pledgeCash: 200_000n, pledgeInKind: 0n },
    ]).toContainEqual(await halmPledge());
    // The form shows the stored pledge, and its fields are Halm's own on a page that may show several.
    const form = await html(await halm.client.get(`/consortia/${c.id}`));
    expect(form).toContain(`id="field-pledgeCash-${halm.orgId}"`);
    expect(form).toContain(`id="field-pledgeInKind-${halm.orgId}"`);
    expect(form).not.toContain('id="field-pledgeCash"');
  }, 180_000); // many registrations and requests: minutes on a loaded machine, not the default minute

  it("weighs pledges by the consortium's own programme: its co-funding ratio and its cap on institutes", async () => {
    const prisma = getPrisma();
    // Half the requested funding as co-funding, and institutes up to 40 % of it: with the
    // defaults (as much as requested, 25 %) the same pledges would fail both rules.
    const { client: coord, consortium: c, programmeId } = await coordinatorWithConsortium("Ratio Coordinator", "Ratio consortium");
    await prisma.programme.update({ where: { id: programmeId }, data: { coFundingRatio: 0.5, instituteCapShare: 0.4 } });
    const lead = await prisma.organization.create({ data: { name: "Ratio University", kind: "university", eligibleApplicant: true } });
    await prisma.consortium.update({ where: { id: c.id }, data: { requestedFunding: 1_000_000n, leadOrganizationId: lead.id } });
    const pledges = [
      ["Ratio Company A AB", "company", 250_000n],
      ["Ratio Company B AB", "company", 250_000n],
      ["Ratio Research Institute", "institute", 200_000n],
    ] as const;
    for (const [name, kind, cash] of pledges) {
      const org = await prisma.organization.create({ data: { name, kind } });
      await prisma.consortiumMember.create({ data: { consortiumId: c.id, organizationId: org.id, status: "accepted", pledgeCash: cash } });
    }

    let page = await html(await coord.get(`/consortia/${c.id}`));
    expect(page).toMatch(/Co-funding pledged: SEK\s700,000 of SEK\s500,000 required/);
    expect(page).toMatch(/Co-funding of SEK\s700,000 covers the SEK\s500,000 required\./);
    expect(page).toContain("Research institutes provide 28.6% of the co-funding (at most 40%).");
    expect(page).toContain("Eligible: every rule passes");

    // The programme's rules change: the same pledges are weighed anew.
    await prisma.programme.update({ where: { id: programmeId }, data: { coFundingRatio: 0.8, instituteCapShare: 0.2 } });
    page = await html(await coord.get(`/consortia/${c.id}`));
    expect(page).toMatch(/Co-funding of SEK\s700,000 is SEK\s100,000 short of the SEK\s800,000 required\./);
    expect(page).toContain("Research institutes provide 28.6% of the co-funding; at most 20% is allowed.");
    expect(page).toContain("Not eligible yet");
  });

  it("is started by a coordinator through its form, refuses bad input storing nothing, and invites by name", async () => {
    const prisma = getPrisma();
    const coord = new Client(web.url);
    await coord.register("Form Coordinator", "form-coordinator@example.se", { role: "coordinator" });
    const programme = await prisma.programme.create({ data: { name: "Form call", projectType: "education" } });
    const lead = await prisma.organization.create({ data: { name: "Form University", kind: "university", eligibleApplicant: true } });
    const good = {
      programmeId: programme.id,
      title: "Form consortium",
      summary: "Digital twins for small manufacturers.",
      keywords: "digital twin, simulation",
      subjects: "20307",
      requestedFunding: "2000000",
      leadOrganizationId: lead.id,
    };
    const count = () => prisma.consortium.count({ where: { title: { startsWith: "Form" } } });

    for (const [why, bad] of [
      ["no title", { ...good, title: "" }],
      ["a negative amount", { ...good, requestedFunding: "-1" }],
      ["a made-up subject", { ...good, subjects: "99999" }],
      ["a malformed programme id", { ...good, programmeId: "x' OR 1=1" }],
      ["an unknown programme", { ...good, programmeId: "00000000-0000-0000-0000-000000000000" }],
    ] as const) {
      const res = await coord.post("/consortia/new", bad);
      expect(res.status, why).toBe(400);
    }
    // The lead applies in its own name: only its people start a consortium it leads.
    const notYours = await coord.post("/consortia/new", good);
    expect(notYours.status).toBe(400);
    expect(await html(notYours)).toContain("Choose a university you belong to");
    expect(await count()).toBe(0);
    // Granted here directly; asking and approval are tested in membership.test.ts.
    const coordinator = await prisma.user.findUniqueOrThrow({ where: { email: "form-coordinator@example.se" } });
    await prisma.membership.create({ data: { userId: coordinator.id, organizationId: lead.id } });
    expect(await count()).toBe(0);

    const rep = new Client(web.url);
    await rep.register("Form Rep", "form-rep@example.se", { role: "company_rep", organization: "Form Robotics AB" });
    expect((await rep.post("/consortia/new", good)).status).toBe(403);

    const res = await coord.post("/consortia/new", good);
    expect(res.status).toBe(302);
    const id = new URL(res.headers.get("location")!, "http://x").pathname.split("/").pop()!;
    expect(await prisma.consortium.findUniqueOrThrow({ where: { id } })).toMatchObject({
      title: "Form consortium",
      requestedFunding: 2_000_000n,
      keywords: ["digital twin", "simulation"],
    });

    expect((await coord.post(`/consortia/${id}`, { intent: "invite", organizationName: "No Such Company AB" })).status).toBe(400);
    expect((await coord.post(`/consortia/${id}`, { intent: "invite", organizationName: "form robotics ab" })).status).toBe(302);
    expect((await rep.post(`/consortia/${id}`, { intent: "invite", organizationName: "Form Robotics AB" })).status).toBe(404); // only the coordinator invites
    const page = await html(await rep.get(`/consortia/${id}`));
    expect(page).toContain("Form Robotics AB</strong> · invited");
    expect(page).toContain("Accept");

    // Once it has accepted, inviting it again is refused, saying why, and it stays an accepted partner.
    const org = await prisma.organization.findFirstOrThrow({ where: { name: "Form Robotics AB" } });
    expect((await rep.post(`/consortia/${id}`, { intent: "accept", organizationId: org.id })).status).toBe(302);
    const again = await coord.post(`/consortia/${id}`, { intent: "invite", organizationName: "Form Robotics AB" });
    expect(again.status).toBe(409);
    expect(await html(again)).toContain("This organization is already a partner in the consortium: nothing was changed.");
    const member = await prisma.consortiumMember.findUniqueOrThrow({
      where: { consortiumId_organizationId: { consortiumId: id, organizationId: org.id } },
    });
    expect(member.status).toBe("accepted");
  });

  it("lets the coordinator name a partner's contact among its people; the contact may answer, a stranger may not be named", async () => {
    const prisma = getPrisma();
    const {
      client: coord,
      userId: coordinatorId,
      consortium: c,
    } = await coordinatorWithConsortium("Contact Coordinator", "Contact consortium");
    const admin = await rep("Olle Admin", "Contact Org AB"); // registering an organization makes one its admin
    const colleague = new Client(web.url);
    await colleague.register("Cecilia Colleague", "cecilia-colleague@example.se", { role: "company_rep", organization: "Contact Org AB" });
    const cecilia = await prisma.user.findUniqueOrThrow({ where: { email: "cecilia-colleague@example.se" } });
    expect((await admin.client.post(`/organizations/${admin.orgId}/members`, { intent: "approve", userId: cecilia.id })).status).toBe(200);
    const outsider = await rep("Otto Outsider", "Elsewhere AB");
    expect(await invite(c.id, coordinatorId, admin.orgId)).toEqual({ ok: true });

    // The coordinator sees the organization's people to choose from.
    let page = await html(await coord.get(`/consortia/${c.id}`));
    expect(page).toContain("Contact person");
    expect(page).toContain(">Cecilia Colleague</option>");
    expect(page).not.toContain(">Otto Outsider</option>");

    for (const [contactId, status, message] of [
      [outsider.userId, 400, "That person is not at this organization."],
      ["not-an-id", 400, "That person is not at this organization."],
      ['\'; DROP TABLE "User"; --', 400, "That person is not at this organization."],
    ] as const) {
      const res = await coord.post(`/consortia/${c.id}`, { intent: "contact", organizationId: admin.orgId, contactId });
      expect(res.status).toBe(status);
      expect(await html(res)).toContain(message);
    }
    expect((await prisma.consortiumMember.findFirstOrThrow({ where: { consortiumId: c.id } })).contactId).toBeNull();
    // Only the coordinator names contacts.
    expect(
      (await admin.client.post(`/consortia/${c.id}`, { intent: "contact", organizationId: admin.orgId, contactId: cecilia.id })).status,
    ).toBe(404);

    expect((await coord.post(`/consortia/${c.id}`, { intent: "contact", organizationId: admin.orgId, contactId: cecilia.id })).status).toBe(
      302,
    );
    page = await html(await coord.get(`/consortia/${c.id}`));
    expect(page).toContain("contact Cecilia Colleague");
    // The contact answers for the organization.
    expect((await colleague.post(`/consortia/${c.id}`, { intent: "accept", organizationId: admin.orgId, reason: "" })).status).toBe(302);
    expect((await prisma.consortiumMember.findFirstOrThrow({ where: { consortiumId: c.id } })).status).toBe("accepted");
    // Back to the organization's administrators.
    expect((await coord.post(`/consortia/${c.id}`, { intent: "contact", organizationId: admin.orgId, contactId: "" })).status).toBe(302);
    expect((await prisma.consortiumMember.findFirstOrThrow({ where: { consortiumId: c.id } })).contactId).toBeNull();
  });

  it("invites an organization from its own page, found by search, into one of the coordinator's consortia", async () => {
    const prisma = getPrisma();
    const { client: coord, programmeId, consortium: mine } = await coordinatorWithConsortium("Search Coordinator", "Found by search");
    const company = await rep("Sara Search", "Searchable AB");
    const other = await rep("Olof Other", "Other Coordinator AB");
    const theirs = await prisma.consortium.create({
      data: { programmeId, title: "Not yours", summary: "s", requestedFunding: 1000n, coordinatorId: other.userId },
    });

    let page = await html(await coord.get(`/organizations/${company.orgId}`));
    expect(page).toContain("Invite to your consortium");
    expect(page).toContain(">Found by search</option>");
    expect(page).not.toContain("Not yours");
    // Someone else's consortium, a malformed id or intent: 404, nothing invited.
    for (const fields of [
      { intent: "invite", consortiumId: theirs.id },
      { intent: "invite", consortiumId: "x' OR 1=1" },
      { intent: "remove", consortiumId: mine.id },
    ]) {
      expect((await coord.post(`/organizations/${company.orgId}`, fields)).status).toBe(404);
    }
    expect(await prisma.consortiumMember.count({ where: { organizationId: company.orgId } })).toBe(0);

    const res = await coord.post(`/organizations/${company.orgId}`, { intent: "invite", consortiumId: mine.id });
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toBe(`/consortia/${mine.id}?done=invited`);
    expect(
      await prisma.consortiumMember.findMany({ where: { organizationId: company.orgId }, select: { consortiumId: true, status: true } }),
    ).toEqual([{ consortiumId: mine.id, status: "invited" }]);
    // Once invited, the consortium is no longer offered; a visitor sees no form.
    page = await html(await coord.get(`/organizations/${company.orgId}`));
    expect(page).not.toContain("Invite to your consortium");
    expect(await html(await fetch(`${web.url}/organizations/${company.orgId}`))).not.toContain("Invite to your consortium");
  });

  it("asks a member before withdrawing, then lands on their consortia with a confirmation", async () => {
    const prisma = getPrisma();
    const { client: coord, userId, consortium } = await coordinatorWithConsortium("Wilma Withdraw", "Withdrawal consortium");
    const member = await rep("Wille Withdraw", "Withdraw Page AB");
    expect(await invite(consortium.id, userId, member.orgId)).toEqual({ ok: true });
    expect((await member.client.post(`/consortia/${consortium.id}`, { intent: "accept", organizationId: member.orgId })).status).toBe(302);

    // Without the confirmation nothing changes.
    await member.client.post(`/consortia/${consortium.id}`, { intent: "withdraw", organizationId: member.orgId, confirmed: "no" });
    const seat = () => prisma.consortiumMember.findFirstOrThrow({ where: { consortiumId: consortium.id, organizationId: member.orgId } });
    expect((await seat()).status).toBe("accepted");
    const step = await html(await member.client.get(`/consortia/${consortium.id}?confirm=${member.orgId}`));
    expect(step).toContain("Withdraw Withdraw Page AB from Withdrawal consortium?");
    // Nobody else's organization can be put in the question.
    expect(await html(await member.client.get(`/consortia/${consortium.id}?confirm=${userId}`))).not.toContain('name="confirmed"');

    const res = await member.client.post(`/consortia/${consortium.id}`, {
      intent: "withdraw",
      organizationId: member.orgId,
      confirmed: "yes",
      as: "withdrawn",
    });
    expect(res.headers.get("location")).toBe("/consortia?done=withdrawn");
    expect((await seat()).status).toBe("withdrawn");
    const mine = await html(await member.client.get("/consortia?done=withdrawn"));
    expect(mine).toMatch(/<p class="flash" role="status">Your organization has left the consortium.<\/p>/);
    expect(mine).not.toContain("Withdrawal consortium");
    // The coordinator still sees the page.
    expect((await coord.get(`/consortia/${consortium.id}`)).status).toBe(200);
  });

  it("is the project's workspace: what it is about, its deadline, and what each partner is expected to give", async () => {
    const prisma = getPrisma();
    const { client: coord, userId, programmeId, consortium } = await coordinatorWithConsortium("Wendela Workspace", "Workspace consortium");
    const deadline = new Date(Date.now() + 20 * 86_400_000);
    await prisma.programme.update({ where: { id: programmeId }, data: { deadline } });
    const member = await rep("Walter Workspace", "Workspace Page AB");
    expect(await invite(consortium.id, userId, member.orgId)).toEqual({ ok: true });

    const saved = await coord.post(`/consortia/${consortium.id}`, {
      intent: "describe",
      summary: "Predictive maintenance for paper machines.",
      keywords: "tribology, vibration analysis",
    });
    expect(saved.headers.get("location")).toBe(`/consortia/${consortium.id}?done=consortiumSaved`);
    const expected = await coord.post(`/consortia/${consortium.id}`, {
      intent: "expect",
      organizationId: member.orgId,
      expectedContribution: "Vibration data from two mills",
    });
    expect(expected.status).toBe(302);
    // An empty summary is refused, keeping the stored one.
    expect((await coord.post(`/consortia/${consortium.id}`, { intent: "describe", summary: " ", keywords: "" })).status).toBe(400);

    const page = await html(await member.client.get(`/consortia/${consortium.id}`));
    expect(page).toContain("Predictive maintenance for paper machines.");
    expect(page).toContain("<li>tribology</li>");
    expect(page).toMatch(/\((19|20) days left\)/);
    expect(page).toContain("Expected to give: Vibration data from two mills");
    expect(page).not.toContain("Edit the description"); // for the coordinator only

    // A member cannot rewrite the description or the expectations.
    expect((await member.client.post(`/consortia/${consortium.id}`, { intent: "describe", summary: "Mine now" })).status).toBe(404);
    expect(
      (
        await member.client.post(`/consortia/${consortium.id}`, {
          intent: "expect",
          organizationId: member.orgId,
          expectedContribution: "Nothing",
        })
      ).status,
    ).toBe(404);
    const row = await prisma.consortium.findUniqueOrThrow({ where: { id: consortium.id }, include: { members: true } });
    expect(row.summary).toBe("Predictive maintenance for paper machines.");
    expect(row.keywords).toEqual(["tribology", "vibration analysis"]);
    expect(row.members[0]!.expectedContribution).toBe("Vibration data from two mills");
  });
});
