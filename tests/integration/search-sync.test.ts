// PostgreSQL → outbox → worker → Meilisearch, and the rebuild and check commands.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getPrisma } from "../../app/lib/db.server.ts";
import { changeStatus, createPosting } from "../../app/models/posting.server.ts";
import { seedDemo } from "../../prisma/seed.ts";
import { waitFor } from "../../scripts/lib/proc.ts";
import { applySearchSettings } from "../../search/setup.server.ts";
import { checkPostingsIndex, postingsIndex, reindexPostings } from "../../search/sync.server.ts";
import { runTs, startWorker, testEnv, type Proc } from "../helpers/processes.ts";

let worker: Proc;
beforeAll(async () => {
  await applySearchSettings();
  worker = await startWorker(testEnv());
});
afterAll(async () => {
  await worker?.stop();
});

const doc = (id: string) => postingsIndex().getDocument(id).catch(() => undefined);

describe("search index", () => {
  it("follows postings as they are published, archived and their organization renamed", async () => {
    const prisma = getPrisma();
    const user = await prisma.user.create({ data: { name: "Indexed Person", email: "indexed@example.se", role: "researcher" } });
    const org = await prisma.organization.create({ data: { name: "Old Name AB", kind: "company" } });
    await prisma.membership.create({ data: { userId: user.id, organizationId: org.id, role: "admin" } });
    const id = (await createPosting(user.id, { kind: "need", title: "Vibration sensors", description: "d", keywords: ["vibration"], subjects: ["20205"], language: "en", visibility: "public", organizationId: org.id }))!;

    const indexed = await waitFor("the new posting in the index", () => doc(id));
    expect(indexed).toMatchObject({ title: "Vibration sensors", organizationName: "Old Name AB", subjects: ["20205", "202", "2"] });
    expect(indexed.subjectLabels).toEqual(expect.arrayContaining(["Signalbehandling", "Signal Processing"]));

    const { updateOrganization } = await import("../../app/models/organization.server.ts");
    await updateOrganization(org.id, { id: user.id, role: "researcher" }, { name: "New Name AB", kind: "company", orgNumber: null, country: "DE", region: null, website: null, employees: null, sme: null, sniCode: null, description: null, competencies: null, needs: null, coFundingCapacity: null, parentOrgNumber: null });
    await waitFor("the new organization name in the index", async () => (await doc(id))?.organizationName === "New Name AB");

    await changeStatus(id, user.id, "archive");
    await waitFor("the archived posting gone from the index", async () => (await doc(id)) === undefined);
  });

  it("indexes a burst of imported or seeded postings in few tasks", async () => {
    const client = postingsIndex();
    const before = (await client.getStats()).numberOfDocuments;
    await seedDemo(getPrisma());
    const active = await getPrisma().posting.count({ where: { status: "active" } });
    await waitFor("the demo postings in the index", async () => (await client.getStats()).numberOfDocuments === active, { timeoutMs: 60_000 });
    expect(active).toBeGreaterThan(before + 200);
    expect(await checkPostingsIndex()).toMatchObject({ missing: [], stale: [], extra: [] });
  });

  it("search:check finds what is missing or should not be there; search:reindex rebuilds it and swaps it in", async () => {
    const all = await getPrisma().posting.findMany({ where: { status: "active" }, select: { id: true }, take: 2 });
    await postingsIndex().deleteDocument(all[0]!.id).waitTask();
    await postingsIndex().addDocuments([{ ...(await doc(all[1]!.id))!, id: "00000000-0000-0000-0000-000000000000" }]).waitTask();

    const check = runTs("scripts/search-check.ts", testEnv());
    expect(await check.exited).toBe(1);
    expect(check.output()).toContain(`missing from the index (1): ${all[0]!.id}`);
    expect(check.output()).toContain("in the index but not active (1): 00000000-0000-0000-0000-000000000000");

    const n = await reindexPostings();
    expect(n).toBe(await getPrisma().posting.count({ where: { status: "active" } }));
    expect(await checkPostingsIndex()).toMatchObject({ missing: [], stale: [], extra: [] });
    const again = runTs("scripts/search-check.ts", testEnv());
    expect(await again.exited).toBe(0);
    expect(again.output()).toContain("The index is in step.");
  });
});
