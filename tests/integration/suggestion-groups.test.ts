// Posting suggestions keep at most two per corporate group, counted over the whole group
// (a parent and its subsidiaries together), so one prolific group cannot fill the list.
import { beforeAll, describe, expect, it } from "vitest";
import { getPrisma } from "#app/lib/db.server.ts";
import { suggestForRef } from "#search/match.server.ts";
import { applySearchSettings } from "#search/setup.server.ts";
import { syncPostings } from "#search/sync.server.ts";

beforeAll(async () => {
  await applySearchSettings();
});

let made = 0;
async function posting(kind: "need" | "competence", organizationId: string, title: string) {
  const p = await getPrisma().posting.create({
    data: {
      ref: `group-${++made}`,
      kind,
      title,
      description: title,
      keywords: ["hydraulic actuators", "fatigue testing"],
      subjects: ["20302"],
      language: "en",
      organizationId,
      expiresAt: new Date(Date.now() + 86400_000 * 300),
    },
  });
  return p.id;
}

describe("posting suggestions", () => {
  it("keep two per corporate group, however many of the group's organizations match", async () => {
    const prisma = getPrisma();
    const company = (name: string, parentId: string | null = null) =>
      prisma.organization.create({ data: { name, kind: "company", parentId } });
    const asker = await company("Asker Hydraulics AB");
    const parent = await company("Grupp Holding AB");
    const child = await company("Grupp Sverige AB", parent.id);
    const grandchild = await company("Grupp Test AB", child.id);
    const independent = await company("Fristående Provning AB");

    const need = await posting("need", asker.id, "Hydraulic actuators fatigue testing");
    const offered = [];
    for (const org of [parent, child, grandchild, parent, child, grandchild])
      offered.push(await posting("competence", org.id, "Hydraulic actuators fatigue testing lab"));
    offered.push(await posting("competence", independent.id, "Hydraulic actuators fatigue testing lab"));
    await syncPostings([need, ...offered]);

    const { ref } = await getPrisma().posting.findUniqueOrThrow({ where: { id: need }, select: { ref: true } });
    const list = await suggestForRef(ref!, { limit: 20 });
    const group = new Set([parent.id, child.id, grandchild.id]);
    const fromGroup = list.filter((s) => group.has(s.organizationId!));
    // Each of the three organizations alone would be under its cap: only the group's cap holds it to two.
    expect(fromGroup).toHaveLength(2);
    expect(list.filter((s) => s.organizationId === independent.id)).toHaveLength(1);
    expect(list.length).toBe(3);
  });
});
