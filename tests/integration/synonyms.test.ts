// Every entry of the synonym vocabulary, tested in a real Meilisearch with the postings
// index's settings: a posting written with one term is found by each of the others.
import { afterAll, describe, expect, it } from "vitest";
import { indexName, meili } from "#app/lib/meili.server.ts";
import { postingsSettings } from "#search/settings.ts";
import { synonymGroups } from "#search/synonyms.ts";

const uid = indexName("synonym_check");
afterAll(async () => {
  await meili().deleteIndex(uid).waitTask({ timeout: 120_000 });
});

describe("synonyms", () => {
  it("each term of a group finds a posting that uses only the group's first term", async () => {
    const client = meili();
    await client.createIndex(uid, { primaryKey: "id" }).waitTask({ timeout: 120_000 });
    const settings = await client.index(uid).updateSettings(postingsSettings).waitTask({ timeout: 120_000 });
    expect(settings.status).toBe("succeeded");
    const docs = synonymGroups.map((g, i) => ({
      id: `g${i}`,
      title: `Samarbete om ${g[0]}`,
      description: "",
      keywords: [],
      subjectLabels: [],
      organizationName: "",
    }));
    expect((await client.index(uid).addDocuments(docs).waitTask({ timeout: 120_000 })).status).toBe("succeeded");

    const misses: string[] = [];
    for (const [i, group] of synonymGroups.entries()) {
      for (const term of group.slice(1)) {
        const res = await client.index(uid).search(term, { limit: 50, attributesToRetrieve: ["id"] });
        if (!res.hits.some((h) => h.id === `g${i}`)) misses.push(`"${term}" does not find "${group[0]}"`);
      }
    }
    expect(misses).toEqual([]);
  });
});
