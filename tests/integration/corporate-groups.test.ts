// Corporate groups are not self-declared: an organization admin's change of parent waits
// for the group's admins (or a site administrator), and a change that does happen
// re-checks every consortium it touches, so the page and the announced state agree.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { importLines } from "#app/import/import.server.ts";
import { getPrisma } from "#app/lib/db.server.ts";
import { waitFor } from "#scripts/lib/proc.ts";
import { Client, html } from "#tests/helpers/http.ts";
import { applySearchSettings } from "#search/setup.server.ts";
import { startWeb, startWorker, testEnv, type Proc } from "#tests/helpers/processes.ts";

const APP_URL = "https://samband.example";
let web: Proc & { url: string };
let worker: Proc;
beforeAll(async () => {
  // The indexes as `npm start` sets them up: the worker indexes into them, the pages search them.
  await applySearchSettings();
  [web, worker] = await Promise.all([startWeb(testEnv({ APP_URL })), startWorker(testEnv({ APP_URL }))]);
});
afterAll(async () => {
  await Promise.all([web?.stop(), worker?.stop()]);
});

/** A signed-in person; with `org`, one of its people in that role. */
async function person(name: string, org?: { id: string }, role: "admin" | "member" = "admin") {
  const email = `${name.toLowerCase().replace(/\W/g, "-")}@groups.example`;
  const client = new Client(web.url);
  await client.register(name, email, { role: "company_rep" });
  const user = await getPrisma().user.findUniqueOrThrow({ where: { email } });
  if (org) await getPrisma().membership.create({ data: { userId: user.id, organizationId: org.id, role } });
  return { client, user };
}

const company = (name: string, orgNumber: string | null, parentId: string | null = null) =>
  getPrisma().organization.create({ data: { name, kind: "company", orgNumber, parentId } });
const form = (org: { name: string; orgNumber: string | null }, parentOrgNumber: string, extra: Record<string, string> = {}) => ({
  name: org.name,
  kind: "company",
  country: "SE",
  orgNumber: org.orgNumber ?? "",
  parentOrgNumber,
  ...extra,
});
const changed = (consortiumId: string) =>
  getPrisma().outboxEvent.count({ where: { topic: "consortium.changed", payload: { path: ["consortiumId"], equals: consortiumId } } });
const settled = () =>
  waitFor(
    "the consortium re-checks",
    async () => (await getPrisma().outboxEvent.count({ where: { topic: "consortium.changed", processedAt: null } })) === 0,
    { timeoutMs: 60_000 },
  );
const mailsTo = (email: string, subject: string) =>
  getPrisma().outboxEvent.findMany({
    where: {
      topic: "email.send",
      AND: [{ payload: { path: ["to"], equals: email } }, { payload: { path: ["subject"], string_contains: subject } }],
    },
  });

describe("a change of corporate group", () => {
  it("waits for the parent's admins; approved, the worker announces the threshold once and the page agrees", async () => {
    const prisma = getPrisma();
    const moder = await company("Grupp Moder AB", "556036-0793");
    const dotter = await company("Grupp Dotter AB", "556701-2355", moder.id);
    const uni = await prisma.organization.create({ data: { name: "Grupp University", kind: "university", eligibleApplicant: true } });
    const moderAdmin = await person("Maja Moder", moder);
    const dotterAdmin = await person("Dag Dotter", dotter);
    const coordinator = await person("Greta Coordinator");
    const programme = await prisma.programme.create({ data: { name: "Group call", projectType: "research" } });
    const c = await prisma.consortium.create({
      data: {
        programmeId: programme.id,
        title: "Group consortium",
        summary: "s",
        requestedFunding: 1000n,
        leadOrganizationId: uni.id,
        coordinatorId: coordinator.user.id,
        members: {
          create: [
            { organizationId: moder.id, status: "accepted", pledgeCash: 500n },
            { organizationId: dotter.id, status: "accepted", pledgeCash: 500n },
          ],
        },
      },
    });
    const before = await changed(c.id);

    // The subsidiary's admin leaves the group: the rest of the form saves, the parent waits.
    const asked = await dotterAdmin.client.post(`/organizations/${dotter.id}/edit`, form(dotter, "", { region: "Värmlands län" }));
    expect(asked.status).toBe(302);
    expect(await prisma.organization.findUniqueOrThrow({ where: { id: dotter.id } })).toMatchObject({
      parentId: moder.id,
      region: "Värmlands län",
    });
    expect(await changed(c.id)).toBe(before); // nothing to re-check: nothing changed
    expect(await html(await dotterAdmin.client.get(`/organizations/${dotter.id}`))).toContain(
      "A change of corporate group waits for approval by Grupp Moder AB: Grupp Dotter AB to leave the group of Grupp Moder AB.",
    );
    const coordinatorPage = await html(await coordinator.client.get(`/consortia/${c.id}`));
    expect(coordinatorPage).toContain("1 independent company co-funds; 2 needed.");
    expect(coordinatorPage).toContain("Not eligible yet");

    // The parent's admin is told in the app and by email, with a link from APP_URL.
    const told = await prisma.notification.findMany({ where: { userId: moderAdmin.user.id, kind: "organization.group-request" } });
    expect(told.map((n) => [n.title, n.body, n.link])).toEqual([
      [
        "Grupp Dotter AB asks to change its corporate group",
        "Dag Dotter asks for Grupp Dotter AB to leave the group of Grupp Moder AB. Approve or refuse it on the organization's page.",
        `/organizations/${moder.id}`,
      ],
    ]);
    const [mail] = await mailsTo(moderAdmin.user.email, "asks to change its corporate group");
    expect((mail!.payload as { text: string }).text).toContain(`${APP_URL}/organizations/${moder.id}`);

    // Saving the form again (the field shows what was asked for) keeps the one request.
    const edit = await html(await dotterAdmin.client.get(`/organizations/${dotter.id}/edit`));
    expect(edit).toMatch(/name="parentOrgNumber"[^>]*value=""/);
    expect((await dotterAdmin.client.post(`/organizations/${dotter.id}/edit`, form(dotter, ""))).status).toBe(302);
    const [request, ...more] = await prisma.parentChangeRequest.findMany({ where: { organizationId: dotter.id } });
    expect(more).toEqual([]);
    expect(request).toMatchObject({ status: "pending", parentId: null, fromParentId: moder.id, requestedById: dotterAdmin.user.id });

    // Neither the requester nor a stranger can approve it; the parent's admin sees the buttons.
    const stranger = await person("Sigge Stranger");
    for (const who of [dotterAdmin, stranger]) {
      expect((await who.client.post(`/organizations/${moder.id}`, { intent: "approve-parent", requestId: request!.id })).status).toBe(404);
      expect((await who.client.post(`/organizations/${dotter.id}`, { intent: "approve-parent", requestId: request!.id })).status).toBe(404);
    }
    expect(await html(await stranger.client.get(`/organizations/${moder.id}`))).not.toContain("approve-parent");
    const moderPage = await html(await moderAdmin.client.get(`/organizations/${moder.id}`));
    expect(moderPage).toContain("Grupp Dotter AB to leave the group of Grupp Moder AB, asked by Dag Dotter");
    expect(moderPage).toContain(`name="requestId" value="${request!.id}"`);
    expect((await prisma.organization.findUniqueOrThrow({ where: { id: dotter.id } })).parentId).toBe(moder.id);

    // Approved: the group changes and the consortium is re-checked; the coordinator hears once.
    expect((await moderAdmin.client.post(`/organizations/${moder.id}`, { intent: "approve-parent", requestId: request!.id })).status).toBe(
      302,
    );
    expect((await prisma.organization.findUniqueOrThrow({ where: { id: dotter.id } })).parentId).toBeNull();
    expect(await changed(c.id)).toBe(before + 1);
    await waitFor(
      "the coordinator's notification",
      async () => (await prisma.notification.count({ where: { userId: coordinator.user.id, kind: "consortium.threshold-reached" } })) === 1,
      { timeoutMs: 60_000 },
    );
    // A second approval is refused with a reason and re-checks nothing.
    const again = await moderAdmin.client.post(`/organizations/${moder.id}`, { intent: "approve-parent", requestId: request!.id });
    expect(again.status).toBe(409);
    expect(await html(again)).toContain("That request has already been decided.");
    await settled();
    expect(await changed(c.id)).toBe(before + 1);
    expect(await prisma.notification.count({ where: { userId: coordinator.user.id, kind: { startsWith: "consortium.threshold" } } })).toBe(
      1,
    );
    expect((await prisma.consortium.findUniqueOrThrow({ where: { id: c.id } })).thresholdMet).toBe(true);
    const after = await html(await coordinator.client.get(`/consortia/${c.id}`));
    expect(after).toContain("2 independent companies co-fund; 2 needed.");
    expect(after).toContain("Eligible: every rule passes");

    // The requester hears the decision; the note on the page is gone.
    expect(
      (await prisma.notification.findFirstOrThrow({ where: { userId: dotterAdmin.user.id, kind: "organization.group-approved" } })).body,
    ).toBe("Maja Moder approved Grupp Dotter AB to leave the group of Grupp Moder AB.");
    expect(await mailsTo(dotterAdmin.user.email, "Change of corporate group approved: Grupp Dotter AB")).toHaveLength(1);
    expect(await html(await dotterAdmin.client.get(`/organizations/${dotter.id}`))).not.toContain("waits for approval");
    expect(await prisma.parentChangeRequest.findUniqueOrThrow({ where: { id: request!.id } })).toMatchObject({
      status: "approved",
      decidedById: moderAdmin.user.id,
      pendingOrganizationId: null,
    });
  });

  it("does not let a company attach itself to an unrelated group: refused, nothing changes", async () => {
    const prisma = getPrisma();
    const group = await company("Annan Koncern AB", "556677-8899");
    const solo = await company("Ensam AB", null);
    const groupAdmin = await person("Gun Group", group);
    const soloAdmin = await person("Sune Solo", solo);
    const asked = await soloAdmin.client.post(`/organizations/${solo.id}/edit`, {
      name: "Ensam AB",
      kind: "company",
      country: "DE",
      parentOrgNumber: group.orgNumber!,
    });
    expect(asked.status).toBe(302);
    expect((await prisma.organization.findUniqueOrThrow({ where: { id: solo.id } })).parentId).toBeNull();
    expect(await html(await soloAdmin.client.get(`/organizations/${solo.id}`))).toContain(
      "waits for approval by Annan Koncern AB: Ensam AB to be controlled by Annan Koncern AB.",
    );
    expect(await html(await new Client(web.url).get(`/organizations/${group.id}`))).not.toContain("Ensam AB");
    const request = await prisma.parentChangeRequest.findUniqueOrThrow({ where: { pendingOrganizationId: solo.id } });
    expect((await groupAdmin.client.post(`/organizations/${group.id}`, { intent: "refuse-parent", requestId: request.id })).status).toBe(
      302,
    );
    expect((await prisma.organization.findUniqueOrThrow({ where: { id: solo.id } })).parentId).toBeNull();
    expect((await prisma.parentChangeRequest.findUniqueOrThrow({ where: { id: request.id } })).status).toBe("refused");
    expect(
      (await prisma.notification.findFirstOrThrow({ where: { userId: soloAdmin.user.id, kind: "organization.group-refused" } })).body,
    ).toBe("Gun Group refused Ensam AB to be controlled by Annan Koncern AB. The organization stays in its present group.");
    // Swedish for a Swedish-speaking requester.
    await prisma.user.update({ where: { id: soloAdmin.user.id }, data: { locale: "sv" } });
    expect(
      (
        await soloAdmin.client.post(`/organizations/${solo.id}/edit`, {
          name: "Ensam AB",
          kind: "company",
          country: "DE",
          parentOrgNumber: group.orgNumber!,
        })
      ).status,
    ).toBe(302);
    const second = await prisma.parentChangeRequest.findUniqueOrThrow({ where: { pendingOrganizationId: solo.id } });
    expect((await groupAdmin.client.post(`/organizations/${group.id}`, { intent: "refuse-parent", requestId: second.id })).status).toBe(
      302,
    );
    expect(
      (
        await prisma.notification.findFirstOrThrow({
          where: { userId: soloAdmin.user.id, kind: "organization.group-refused" },
          orderBy: { createdAt: "desc" },
        })
      ).title,
    ).toBe("Ändrad koncerntillhörighet avslagen: Ensam AB");
  });

  it("asking for the present parent again withdraws the request; a group without admins is decided by site administrators", async () => {
    const prisma = getPrisma();
    const orphan = await company("Utan Admin AB", "559000-0005");
    const sub = await company("Sökande AB", null);
    const subAdmin = await person("Siv Sub", sub);
    const site = await person("Sara Site");
    await prisma.user.update({ where: { id: site.user.id }, data: { role: "admin" } });
    expect(
      (
        await subAdmin.client.post(`/organizations/${sub.id}/edit`, {
          name: "Sökande AB",
          kind: "company",
          country: "DE",
          parentOrgNumber: orphan.orgNumber!,
        })
      ).status,
    ).toBe(302);
    expect(await html(await subAdmin.client.get(`/organizations/${sub.id}`))).toContain(
      "waits for approval by the site&#x27;s administrators: Sökande AB to be controlled by Utan Admin AB.",
    );
    expect(await prisma.notification.count({ where: { userId: site.user.id, kind: "organization.group-request" } })).toBe(1);
    // Back to no parent: withdrawn, nothing waits.
    expect(
      (
        await subAdmin.client.post(`/organizations/${sub.id}/edit`, {
          name: "Sökande AB",
          kind: "company",
          country: "DE",
          parentOrgNumber: "",
        })
      ).status,
    ).toBe(302);
    expect(await prisma.parentChangeRequest.findMany({ where: { organizationId: sub.id }, select: { status: true } })).toEqual([
      { status: "withdrawn" },
    ]);
    // Asked again, a site administrator approves it from the administrators' page.
    expect(
      (
        await subAdmin.client.post(`/organizations/${sub.id}/edit`, {
          name: "Sökande AB",
          kind: "company",
          country: "DE",
          parentOrgNumber: orphan.orgNumber!,
        })
      ).status,
    ).toBe(302);
    const pending = await prisma.parentChangeRequest.findUniqueOrThrow({ where: { pendingOrganizationId: sub.id } });
    expect(await html(await site.client.get("/admin/organizations"))).toContain(
      "Sökande AB to be controlled by Utan Admin AB, asked by Siv Sub",
    );
    expect((await site.client.post("/admin/organizations", { intent: "approve-parent", requestId: pending.id })).status).toBe(302);
    expect((await prisma.organization.findUniqueOrThrow({ where: { id: sub.id } })).parentId).toBe(orphan.id);
  });

  it("a move from one group to another is for site administrators: a new 'parent' one's own admin controls cannot free a company from its group", async () => {
    const prisma = getPrisma();
    const group = await company("Flytt Moder AB", "556036-0876");
    const sub = await company("Flytt Dotter AB", "556701-2447", group.id);
    const shell = await company("Flytt Skal AB", "559000-0013");
    const groupAdmin = await person("Greger Flytt", group);
    const schemer = await person("Sune Flytt", sub);
    await prisma.membership.create({ data: { userId: schemer.user.id, organizationId: shell.id, role: "admin" } }); // admin of both
    const site = await person("Sam Flytt");
    await prisma.user.update({ where: { id: site.user.id }, data: { role: "admin" } });

    expect((await schemer.client.post(`/organizations/${sub.id}/edit`, form(sub, shell.orgNumber!))).status).toBe(302);
    const request = await prisma.parentChangeRequest.findUniqueOrThrow({ where: { pendingOrganizationId: sub.id } });
    // Neither the new parent's admin (the schemer) nor the old group's admin alone decides.
    for (const [who, page] of [
      [schemer, shell],
      [groupAdmin, group],
    ] as const) {
      expect((await who.client.post(`/organizations/${page.id}`, { intent: "approve-parent", requestId: request.id })).status).toBe(404);
    }
    expect((await prisma.organization.findUniqueOrThrow({ where: { id: sub.id } })).parentId).toBe(group.id);
    expect(await prisma.notification.count({ where: { userId: site.user.id, kind: "organization.group-request" } })).toBe(1);
    expect((await site.client.post("/admin/organizations", { intent: "refuse-parent", requestId: request.id })).status).toBe(302);
    expect((await prisma.organization.findUniqueOrThrow({ where: { id: sub.id } })).parentId).toBe(group.id);
  });

  it("checks for a loop again when approving: the groups may have changed since the request", async () => {
    const prisma = getPrisma();
    const x = await company("Slinga X AB", "556999-1119");
    const y = await company("Slinga Y AB", "556888-2228");
    const xAdmin = await person("Xena X", x);
    const yAdmin = await person("Yngve Y", y);
    const site = await person("Sam Site");
    await prisma.user.update({ where: { id: site.user.id }, data: { role: "admin" } });
    expect((await xAdmin.client.post(`/organizations/${x.id}/edit`, form(x, y.orgNumber!))).status).toBe(302);
    // Meanwhile a site administrator puts Y under X.
    expect((await site.client.post(`/organizations/${y.id}/edit`, form(y, x.orgNumber!))).status).toBe(302);
    const request = await prisma.parentChangeRequest.findUniqueOrThrow({ where: { pendingOrganizationId: x.id } });
    const res = await yAdmin.client.post(`/organizations/${y.id}`, { intent: "approve-parent", requestId: request.id });
    expect(res.status).toBe(409);
    const refused = await html(res);
    // In the page's error summary, saying what to do, and the title says it was refused.
    expect(refused).toContain("<title>Error: Slinga Y AB – Samband</title>");
    expect(refused).toContain(
      "<li>Approving would make a loop in the corporate group: Slinga X AB → Slinga Y AB → Slinga X AB. Refuse the request; it can be asked again once the groups have been sorted out.</li>",
    );
    expect(refused).toContain("There is a problem");
    expect((await prisma.organization.findUniqueOrThrow({ where: { id: x.id } })).parentId).toBeNull();
    expect((await prisma.parentChangeRequest.findUniqueOrThrow({ where: { id: request.id } })).status).toBe("pending");
  });

  it("a site administrator's change, and an import's, apply at once and re-check every consortium below", async () => {
    const prisma = getPrisma();
    const top = await company("Topp AB", "556123-4567");
    const mid = await company("Mitt AB", null);
    const leaf = await company("Löv AB", null, mid.id);
    const coordinator = await person("Kurt Coordinator");
    const programme = await prisma.programme.create({ data: { name: "Subtree call", projectType: "research" } });
    const c = await prisma.consortium.create({
      data: {
        programmeId: programme.id,
        title: "Leaf consortium",
        summary: "s",
        requestedFunding: 0n,
        coordinatorId: coordinator.user.id,
        members: { create: [{ organizationId: leaf.id, status: "accepted", pledgeCash: 1n }] },
      },
    });
    const site = await person("Sven Site");
    await prisma.user.update({ where: { id: site.user.id }, data: { role: "admin" } });
    const before = await changed(c.id);
    expect(
      (
        await site.client.post(`/organizations/${mid.id}/edit`, {
          name: "Mitt AB",
          kind: "company",
          country: "DE",
          parentOrgNumber: top.orgNumber!,
        })
      ).status,
    ).toBe(302);
    expect((await prisma.organization.findUniqueOrThrow({ where: { id: mid.id } })).parentId).toBe(top.id);
    expect(await changed(c.id)).toBe(before + 1); // the grandchild's consortium

    // The importer moves Mitt AB out of the group: the same re-check.
    await prisma.organization.update({ where: { id: mid.id }, data: { ref: "grp-mid" } });
    expect(
      await importLines([JSON.stringify({ type: "organization", ref: "grp-mid", name: "Mitt AB", kind: "company", country: "DE" })]),
    ).toMatchObject({ updated: 1, rejected: 0 });
    expect((await prisma.organization.findUniqueOrThrow({ where: { id: mid.id } })).parentId).toBeNull();
    expect(await changed(c.id)).toBe(before + 2);
  });
});
