// The posting page's partner suggestions are kept between views: reused while nothing
// matching reads has changed, recomputed after any change (committed), and never showing a
// posting that is no longer visible, even from a list kept before it was hidden.
import pg from "pg";
import { beforeAll, describe, expect, it } from "vitest";
import { getPrisma } from "#app/lib/db.server.ts";
import { seedDemo } from "#prisma/seed.ts";
import { cachedPartnersForPosting } from "#search/partner-cache.server.ts";
import type { PartnerSuggestion } from "#search/partners.server.ts";
import { reindexProfiles } from "#search/profiles.server.ts";
import { applySearchSettings } from "#search/setup.server.ts";
import { reindexPostings } from "#search/sync.server.ts";
import { processSearchEvents } from "#workers/search.ts";

const keptPartners = async (...args: Parameters<typeof cachedPartnersForPosting>) => (await cachedPartnersForPosting(...args)).partners;

let need: string;
beforeAll(async () => {
  await applySearchSettings();
  await seedDemo(getPrisma());
  await Promise.all([reindexPostings(), reindexProfiles()]);
  need = (await getPrisma().posting.findFirstOrThrow({ where: { ref: "p-01" } })).id;
}, 120_000);

/** The posting as a page has it loaded: read afresh, since some tests change it. */
const posting = () => getPrisma().posting.findUniqueOrThrow({ where: { id: need } });
const epoch = async () => (await getPrisma().$queryRaw<{ v: bigint }[]>`SELECT last_value AS v FROM samband_match_epoch`)[0]!.v;
const kept = (audience: string) =>
  getPrisma().partnerSuggestionCache.findUniqueOrThrow({ where: { postingId_audience: { postingId: need, audience } } });

/** Marks the kept list so a read that reuses it is recognisable. */
async function mark(audience: string, name: string): Promise<void> {
  const row = await kept(audience);
  const lists = row.lists as unknown as { partners: PartnerSuggestion[] };
  await getPrisma().partnerSuggestionCache.update({
    where: { postingId_audience: { postingId: need, audience } },
    data: { lists: { ...lists, partners: [{ ...lists.partners[0]!, name }, ...lists.partners.slice(1)] } as never },
  });
}

describe("kept partner suggestions", () => {
  it("are reused while nothing changed, and recomputed after a change", async () => {
    const first = await keptPartners(await posting(), { signedIn: true });
    expect(first.length).toBeGreaterThan(0);
    expect((await kept("members")).epoch).toBe(await epoch());
    await mark("members", "Kept Marker AB");
    expect((await keptPartners(await posting(), { signedIn: true }))[0]!.name).toBe("Kept Marker AB");

    // Any committed change to what matching reads (here an organization's name) makes it stale.
    const org = await getPrisma().organization.findFirstOrThrow({ where: { ref: "co-halm" } });
    await getPrisma().organization.update({ where: { id: org.id }, data: { name: `${org.name} ` } });
    const after = await keptPartners(await posting(), { signedIn: true });
    expect(after.map((p) => p.name)).not.toContain("Kept Marker AB");
    expect(after.map((p) => p.id)).toEqual(first.map((p) => p.id));
  });

  it("are recomputed once the search index has caught up with a change, not kept from before", async () => {
    // A posting viewed the moment it is published: the page computes (and keeps) its list
    // while Meilisearch does not yet hold the change. When the index catches up, the list
    // must be computed afresh, not kept until it ages out.
    await keptPartners(await posting(), { signedIn: true });
    await getPrisma().outboxEvent.create({ data: { topic: "search.postings", payload: { postingIds: [need] } } });
    await mark("members", "Before The Index AB");
    expect((await keptPartners(await posting(), { signedIn: true }))[0]!.name).toBe("Before The Index AB");
    expect((await processSearchEvents()).events).toBeGreaterThanOrEqual(1);
    expect((await keptPartners(await posting(), { signedIn: true })).map((p) => p.name)).not.toContain("Before The Index AB");
  });

  it("are not reused when another version of the matcher kept them", async () => {
    await keptPartners(await posting(), { signedIn: true });
    await mark("members", "Old Matcher AB");
    const row = await kept("members");
    await getPrisma().partnerSuggestionCache.update({
      where: { postingId_audience: { postingId: need, audience: "members" } },
      data: { lists: { ...(row.lists as object), version: "an older matcher" } as never },
    });
    expect((await keptPartners(await posting(), { signedIn: true })).map((p) => p.name)).not.toContain("Old Matcher AB");
  });

  it("keep visitors' and members' lists apart", async () => {
    const members = await keptPartners(await posting(), { signedIn: true });
    const visitors = await keptPartners(await posting(), { signedIn: false });
    await mark("public", "Visitor Marker AB");
    expect((await keptPartners(await posting(), { signedIn: true }))[0]!.name).toBe(members[0]!.name);
    expect((await keptPartners(await posting(), { signedIn: false }))[0]!.name).toBe("Visitor Marker AB");
    expect(visitors.length).toBeGreaterThan(0);
  });

  it("advance the epoch only when a change commits, not while it is under way", async () => {
    const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await client.connect();
    try {
      const before = await epoch();
      await client.query("BEGIN");
      await client.query(`UPDATE "Posting" SET title = title || ' ' WHERE id = $1`, [need]);
      expect(await epoch()).toBe(before);
      await client.query("COMMIT");
      expect(await epoch()).toBeGreaterThan(before);
    } finally {
      await client.end();
    }
  });

  it("never show a posting hidden after the list was kept", async () => {
    const list = await keptPartners(await posting(), { signedIn: true });
    const shown = list.flatMap((p) => p.postings.map((x) => x.id));
    expect(shown.length).toBeGreaterThan(1);
    const [archived, hidden] = shown;
    await getPrisma().posting.update({ where: { id: archived }, data: { status: "archived" } });
    await getPrisma().posting.update({ where: { id: hidden }, data: { visibility: "members" } });
    // The list kept before, as if the change had raced the read: stamped current again.
    const row = await kept("members");
    const stale = { ...(row.lists as object), partners: list, profiles: [] } as never;
    await getPrisma().partnerSuggestionCache.update({
      where: { postingId_audience: { postingId: need, audience: "members" } },
      data: { lists: stale, epoch: await epoch(), computedAt: row.computedAt },
    });
    await getPrisma().partnerSuggestionCache.upsert({
      where: { postingId_audience: { postingId: need, audience: "public" } },
      create: { postingId: need, audience: "public", lists: stale, epoch: await epoch(), computedAt: new Date() },
      update: { lists: stale, epoch: await epoch(), computedAt: new Date() },
    });
    const members = (await keptPartners(await posting(), { signedIn: true })).flatMap((p) => p.postings.map((x) => x.id));
    expect(members).not.toContain(archived);
    expect(members).toContain(hidden);
    const visitors = (await keptPartners(await posting(), { signedIn: false })).flatMap((p) => p.postings.map((x) => x.id));
    expect(visitors).not.toContain(archived);
    expect(visitors).not.toContain(hidden);
  });
});
