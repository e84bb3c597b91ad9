// The search index worker. Each job stands for one outbox event, but a job takes every
// pending search event at once, so a burst of changes becomes one upsert and one delete
// task in Meilisearch. Later jobs for events it already handled find them processed.
import { getPrisma } from "#app/lib/db.server.ts";
import type { OutboxTopics } from "#app/lib/outbox.server.ts";
import { membersOf, syncProfiles } from "#search/profiles.server.ts";
import { postingIdsOfOrganizations, syncPostings } from "#search/sync.server.ts";

export async function processSearchEvents(eventId?: string, limit = 10_000): Promise<{ events: number; upserted: number; deleted: number; profiles: number }> {
  const prisma = getPrisma();
  return prisma.$transaction(
    async (tx) => {
      if (eventId) {
        // The dispatcher adds the job before its transaction commits and holds this row
        // meanwhile; wait for it (no SKIP LOCKED here), or the batch below would skip
        // the very event this job is for.
        await tx.$queryRaw`SELECT id FROM "OutboxEvent" WHERE id = ${BigInt(eventId)} FOR UPDATE`;
      }
      const rows = await tx.$queryRaw<{ id: bigint; topic: string; payload: unknown }[]>`
        SELECT id, topic, payload FROM "OutboxEvent"
        WHERE topic LIKE 'search.%' AND "processedAt" IS NULL
        ORDER BY id LIMIT ${limit} FOR UPDATE SKIP LOCKED`;
      if (rows.length === 0) return { events: 0, upserted: 0, deleted: 0, profiles: 0 };
      const postingIds = new Set<string>();
      const orgIds = new Set<string>();
      const userIds = new Set<string>();
      for (const r of rows) {
        if (r.topic === "search.postings") for (const id of (r.payload as OutboxTopics["search.postings"]).postingIds) postingIds.add(id);
        if (r.topic === "search.organizations") for (const id of (r.payload as OutboxTopics["search.organizations"]).organizationIds) orgIds.add(id);
        if (r.topic === "search.people") for (const id of (r.payload as OutboxTopics["search.people"]).userIds) userIds.add(id);
      }
      for (const id of await postingIdsOfOrganizations([...orgIds])) postingIds.add(id);
      // If Meilisearch fails, this throws: the transaction rolls back, the events stay
      // pending and the job is retried with backoff.
      const result = await syncPostings([...postingIds]);
      for (const id of await membersOf([...orgIds])) userIds.add(id);
      const profiles = userIds.size || orgIds.size ? await syncProfiles([...userIds], [...orgIds]) : { upserted: 0 };
      await tx.outboxEvent.updateMany({ where: { id: { in: rows.map((r) => r.id) } }, data: { processedAt: new Date(), attempts: { increment: 1 } } });
      return { events: rows.length, ...result, profiles: profiles.upserted };
    },
    { timeout: 5 * 60_000 },
  );
}
