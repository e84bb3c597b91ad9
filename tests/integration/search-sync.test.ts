// PostgreSQL → outbox → worker → Meilisearch, and the rebuild and check commands.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getPrisma } from "#app/lib/db.server.ts";
import { changeStatus, createPosting } from "#app/models/posting.server.ts";
import { seedDemo } from "#prisma/seed.ts";
import { waitFor } from "#scripts/lib/proc.ts";
import { applySearchSettings } from "#search/setup.server.ts";
import { checkPostingsIndex, postingsIndex, reindexPostings } from "#search/sync.server.ts";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { Meilisearch } from "meilisearch";
import { ensureEmbeddedMeili } from "#scripts/lib/services/meili.ts";
import { indexName } from "#app/lib/meili.server.ts";
import { POSTINGS_INDEX, postingsSettings } from "#search/settings.ts";
import { runTs, startWorker, testEnv, type Proc } from "#tests/helpers/processes.ts";
import { documentOrNone } from "#tests/helpers/search-docs.ts";

let worker: Proc;
beforeAll(async () => {
  await applySearchSettings();
  worker = await startWorker(testEnv());
});
afterAll(async () => {
  await worker?.stop();
});

const doc = (id: string) => documentOrNone(postingsIndex(), id);

describe("search index", () => {
  it("follows postings as they are published, archived and their organization renamed", async () => {
    const prisma = getPrisma();
    const user = await prisma.user.create({ data: { name: "Indexed Person", email: "indexed@example.se", role: "researcher" } });
    const org = await prisma.organization.create({ data: { name: "Old Name AB", kind: "company" } });
    await prisma.membership.create({ data: { userId: user.id, organizationId: org.id, role: "admin" } });
    const id = (await createPosting(user.id, {
      kind: "need",
      title: "Vibration sensors",
      description: "d",
      keywords: ["vibration"],
      subjects: ["20205"],
      language: "en",
      visibility: "public",
      organizationId: org.id,
    }))!;

    const indexed = await waitFor("the new posting in the index", () => doc(id));
    expect(indexed).toMatchObject({ title: "Vibration sensors", organizationName: "Old Name AB", subjects: ["20205", "202", "2"] });
    expect(indexed.subjectLabels).toEqual(expect.arrayContaining(["Signalbehandling", "Signal Processing"]));

    const { updateOrganization } = await import("#app/models/organization.server.ts");
    await updateOrganization(
      org.id,
      { id: user.id, role: "researcher" },
      {
        name: "New Name AB",
        kind: "company",
        orgNumber: null,
        country: "DE",
        region: null,
        website: null,
        employees: null,
        sme: null,
        sniCode: null,
        description: null,
        competencies: null,
        needs: null,
        coFundingCapacity: null,
        parentOrgNumber: null,
      },
    );
    await waitFor("the new organization name in the index", async () => (await doc(id))?.organizationName === "New Name AB");

    await changeStatus(id, user.id, "archive");
    await waitFor("the archived posting gone from the index", async () => (await doc(id)) === undefined);
  });

  it("indexes a burst of imported or seeded postings in few tasks", async () => {
    const client = postingsIndex();
    const before = (await client.getStats()).numberOfDocuments;
    await seedDemo(getPrisma());
    const active = await getPrisma().posting.count({ where: { status: "active" } });
    await waitFor("the demo postings in the index", async () => (await client.getStats()).numberOfDocuments === active, {
      timeoutMs: 60_000,
    });
    expect(active).toBeGreaterThan(before + 200);
    expect(await checkPostingsIndex()).toMatchObject({ missing: [], stale: [], extra: [] });
  });

  it("search:check finds what is missing or should not be there; search:reindex rebuilds it and swaps it in", async () => {
    const all = await getPrisma().posting.findMany({ where: { status: "active" }, select: { id: true }, take: 2 });
    await postingsIndex().deleteDocument(all[0]!.id).waitTask({ timeout: 120_000 });
    await postingsIndex()
      .addDocuments([{ ...(await doc(all[1]!.id))!, id: "00000000-0000-0000-0000-000000000000" }])
      .waitTask({ timeout: 120_000 });

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

  it("loses no change while Meilisearch is down: the worker catches up when it comes back", async () => {
    // A Meilisearch of this test's own, so stopping it disturbs no other test file.
    const dir = mkdtempSync(path.join(tmpdir(), "samband-meili-down-"));
    let own = await ensureEmbeddedMeili(dir, () => {});
    try {
      const client = new Meilisearch({ host: own.url, apiKey: own.key });
      const uid = indexName(POSTINGS_INDEX);
      await client.createIndex(uid, { primaryKey: "id" }).waitTask({ timeout: 120_000 });
      await client.index(uid).updateSettings(postingsSettings).waitTask({ timeout: 120_000 });
      const inOwn = (id: string) =>
        client
          .index(uid)
          .getDocument(id)
          .catch(() => undefined);

      await worker.stop(); // this file's worker writes to the shared Meilisearch; use one that writes to ours
      worker = await startWorker(testEnv({ MEILI_URL: own.url, MEILI_MASTER_KEY: own.key }));
      const prisma = getPrisma();
      const user = await prisma.user.create({ data: { name: "Outage Person", email: "outage@example.se", role: "researcher" } });
      const post = (title: string) =>
        createPosting(user.id, {
          kind: "competence",
          title,
          description: "d",
          keywords: [],
          subjects: [],
          language: "en",
          visibility: "public",
          organizationId: undefined,
        });
      const before = (await post("Published before the outage"))!;
      await waitFor("the first posting in our Meilisearch", () => inOwn(before));

      await own.stop!();
      const during = (await post("Published during the outage"))!;
      await changeStatus(before, user.id, "archive");
      // The worker tries, fails, and keeps the events pending (no change lost, none half-done).
      await waitFor("the worker to have tried and failed", async () => /search\.postings failed/.test(worker.output()), {
        timeoutMs: 30_000,
      });
      const pending = await prisma.outboxEvent.count({ where: { topic: "search.postings", processedAt: null } });
      expect(pending).toBeGreaterThanOrEqual(2);

      own = await ensureEmbeddedMeili(dir, () => {}); // back, at the same address, with its data
      await waitFor("the posting published during the outage in the index", () => inOwn(during), { timeoutMs: 60_000 });
      await waitFor("the posting archived during the outage gone from the index", async () => (await inOwn(before)) === undefined, {
        timeoutMs: 60_000,
      });
      // The events are marked done in the transaction that indexed them, a moment after the documents show.
      await waitFor(
        "every search event processed",
        async () => (await prisma.outboxEvent.count({ where: { topic: "search.postings", processedAt: null } })) === 0,
      );
    } finally {
      await worker.stop();
      worker = await startWorker(testEnv());
      await own.stop?.();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
