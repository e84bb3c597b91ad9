// The browse page while the search index lags the database (the search worker stalled or
// behind): PostgreSQL decides what a viewer may see, so a posting archived or made
// members-only a moment ago is no longer listed to visitors, though the index still has it.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getPrisma } from "#app/lib/db.server.ts";
import { changeStatus, createPosting, updatePosting, type PostingInput } from "#app/models/posting.server.ts";
import { applySearchSettings } from "#search/setup.server.ts";
import { postingsIndex, syncPostings } from "#search/sync.server.ts";
import { Client, html } from "#tests/helpers/http.ts";
import { startWeb, testEnv, type Proc } from "#tests/helpers/processes.ts";

// No worker runs in this file: nothing brings the index up to date after the changes below.
let web: Proc & { url: string };
beforeAll(async () => {
  await applySearchSettings();
  web = await startWeb(testEnv());
});
afterAll(async () => {
  await web.stop();
});

const input = (title: string, visibility: "public" | "members" = "public"): PostingInput => ({
  kind: "competence",
  title,
  description: "Vibration analysis of gearboxes in wind turbines.",
  keywords: ["glimmerdrift"],
  subjects: [],
  language: "en",
  visibility,
  organizationId: undefined,
});

const listed = (page: string, id: string) => page.includes(`href="/postings/${id}"`);
const total = (page: string) => Number(/(\d+) postings?\b/.exec(page)?.[1] ?? NaN);

describe("browse page with a lagging index", () => {
  it("lists to visitors only what PostgreSQL says they may see now, and corrects the count", async () => {
    const owner = new Client(web.url);
    await owner.register("Lag Owner", "lag-owner@example.se");
    const ownerId = (await getPrisma().user.findUniqueOrThrow({ where: { email: "lag-owner@example.se" } })).id;
    const archived = (await createPosting(ownerId, input("Glimmerdrift archived")))!;
    const hidden = (await createPosting(ownerId, input("Glimmerdrift hidden")))!;
    const kept = (await createPosting(ownerId, input("Glimmerdrift kept")))!;
    // What the search worker does for these events, done here once; after that it is stalled.
    await syncPostings([archived, hidden, kept]);

    const visitor = new Client(web.url);
    const before = await html(await visitor.get("/postings?q=glimmerdrift"));
    expect([listed(before, archived), listed(before, hidden), listed(before, kept), total(before)]).toEqual([true, true, true, 3]);

    expect(await changeStatus(archived, ownerId, "archive")).toBe(true);
    expect(await updatePosting(hidden, ownerId, input("Glimmerdrift hidden", "members"))).toBe(true);
    // The index has not heard of either change: both are there as they were.
    expect((await postingsIndex().getDocument(archived)).id).toBe(archived);
    expect((await postingsIndex().getDocument(hidden)).visibility).toBe("public");

    const after = await html(await visitor.get("/postings?q=glimmerdrift"));
    expect([listed(after, archived), listed(after, hidden), listed(after, kept), total(after)]).toEqual([false, false, true, 1]);
    expect(after).not.toContain("Glimmerdrift archived");
    expect(after).not.toContain("Glimmerdrift hidden");

    // Signed in, the members-only one is listed again; the archived one to nobody.
    const member = await html(await owner.get("/postings?q=glimmerdrift"));
    expect([listed(member, archived), listed(member, hidden), listed(member, kept), total(member)]).toEqual([false, true, true, 2]);
  });

  it("shows an edited title as it is now, not as the index last saw it", async () => {
    const owner = new Client(web.url);
    await owner.register("Lag Editor", "lag-editor@example.se");
    const ownerId = (await getPrisma().user.findUniqueOrThrow({ where: { email: "lag-editor@example.se" } })).id;
    const id = (await createPosting(ownerId, input("Glimmerdrift draft title")))!;
    await syncPostings([id]);
    expect(await updatePosting(id, ownerId, input("Glimmerdrift final title"))).toBe(true);

    const page = await html(await new Client(web.url).get("/postings?q=glimmerdrift"));
    expect(listed(page, id)).toBe(true);
    expect(page).toContain("Glimmerdrift final title");
    expect(page).not.toContain("draft title");
  });
});
