// Profiles in the search index: a researcher's saved profile and an organization's
// stated needs reach Meilisearch through the outbox, and show beside a posting's
// suggested postings, to those who may see them.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getPrisma } from "#app/lib/db.server.ts";
import { createPosting } from "#app/models/posting.server.ts";
import { waitFor } from "#scripts/lib/proc.ts";
import { orgDocId, personDocId, profilesIndex, reindexProfiles } from "#search/profiles.server.ts";
import { applySearchSettings } from "#search/setup.server.ts";
import { syncPostings } from "#search/sync.server.ts";
import { processSearchEvents } from "#workers/search.ts";
import { Client } from "#tests/helpers/http.ts";
import { startWeb, testEnv, type Proc } from "#tests/helpers/processes.ts";
import { documentOrNone } from "#tests/helpers/search-docs.ts";

let web: Proc & { url: string };
beforeAll(async () => {
  await applySearchSettings();
  web = await startWeb(testEnv());
});
afterAll(async () => {
  await web?.stop();
});

const doc = (id: string) => documentOrNone(profilesIndex(), id);
async function page(c: Client | null, path: string): Promise<string> {
  const res = await (c ? c.get(path) : fetch(`${web.url}${path}`));
  return (await res.text()).replace(/<!-- -->/g, "");
}

describe("profiles index", () => {
  it("indexes a researcher's profile when saved, and suggests them for a need to signed-in users only", async () => {
    const prisma = getPrisma();
    const eva = new Client(web.url);
    await eva.register("Eva Profil", "eva-profil@example.se", { organization: "Karlstads universitet" });
    const evaId = (await prisma.user.findUniqueOrThrow({ where: { email: "eva-profil@example.se" } })).id;
    await processSearchEvents();
    expect(await doc(personDocId(evaId))).toBeUndefined(); // nothing in the profile yet: not indexed

    const saved = await eva.post("/profile", {
      name: "Eva Profil",
      competencies: "Maskininlärning för tillståndsövervakning av roterande maskiner.",
      keywords: "maskininlärning, tillståndsövervakning",
      subjects: "20205",
      languages: "sv, en",
    });
    expect(saved.status).toBe(200);
    expect(await prisma.outboxEvent.count({ where: { topic: "search.people", processedAt: null } })).toBeGreaterThan(0);
    await processSearchEvents();
    expect(await doc(personDocId(evaId))).toMatchObject({
      type: "researcher",
      name: "Eva Profil",
      affiliation: ["Karlstads universitet"],
      visibility: "members",
    });

    const company = await prisma.user.create({ data: { name: "Need Owner", email: "need-owner@example.se", role: "company_rep" } });
    const need = (await createPosting(company.id, {
      kind: "need",
      title: "Predicting bearing failures",
      description: "Vibration data from motors.",
      keywords: ["machine learning", "condition monitoring"],
      subjects: ["20205"],
      language: "en",
      visibility: "public",
      organizationId: undefined,
    }))!;
    await syncPostings([need]);

    const member = new Client(web.url);
    await member.register("Some Member", "some-member@example.se");
    const seen = await page(member, `/postings/${need}`);
    expect(seen).toContain("People and organizations");
    expect(seen).toContain(`href="/people/${evaId}"`);
    expect(seen).toContain("Matches “machine learning” (as “maskininlärning”)");
    expect(await page(null, `/postings/${need}`)).not.toContain(`/people/${evaId}`); // visitors see no people
  });

  it("suggests an organization whose stated needs a competence answers, never the competence's own group", async () => {
    const prisma = getPrisma();
    const parent = await prisma.organization.create({
      data: { name: "Group Parent AB", kind: "company", needs: "We need robotics and motion planning for warehouses." },
    });
    const child = await prisma.organization.create({ data: { name: "Group Child AB", kind: "company", parentId: parent.id } });
    const stranger = await prisma.organization.create({
      data: { name: "Independent Logistics AB", kind: "company", needs: "We need robotics and motion planning for warehouses." },
    });
    const author = await prisma.user.create({ data: { name: "Child Author", email: "child-author@example.se", role: "company_rep" } });
    await prisma.membership.create({ data: { userId: author.id, organizationId: child.id, role: "admin" } });
    const competence = (await createPosting(author.id, {
      kind: "competence",
      title: "Motion planning for mobile robots",
      description: "d",
      keywords: ["robotics", "motion planning"],
      subjects: [],
      language: "en",
      visibility: "public",
      organizationId: child.id,
    }))!;
    await reindexProfiles();
    await syncPostings([competence]);
    expect(await doc(orgDocId(stranger.id))).toMatchObject({
      type: "organization",
      needs: "We need robotics and motion planning for warehouses.",
    });

    const html = await page(null, `/postings/${competence}`);
    expect(html).toContain("Organizations whose stated needs this competence answers.");
    expect(html).toContain(`href="/organizations/${stranger.id}"`);
    expect(html).not.toContain(`href="/organizations/${parent.id}"`);

    // Renaming the organization reaches its profile document through the outbox.
    await prisma.$transaction(async (tx) => {
      await tx.organization.update({ where: { id: stranger.id }, data: { name: "Renamed Logistics AB" } });
      await tx.outboxEvent.create({ data: { topic: "search.organizations", payload: { organizationIds: [stranger.id] } } });
    });
    await processSearchEvents();
    await waitFor("the new name in the profiles index", async () => (await doc(orgDocId(stranger.id)))?.name === "Renamed Logistics AB");
  });
});
