// The search index worker. Each job stands for one outbox event, but a job takes every
// pending search event at once, so a burst of changes becomes one upsert and one delete
// task in Meilisearch. Later jobs for events it already handled find them processed.
// An event whose payload does not fit its topic is left out of the batch, unprocessed and
// with its error on the row (the queue page lists it), so one bad row cannot hold up the
// index; the job for that very event fails for good with the same error.
import { UnrecoverableError } from "bullmq";
import { getPrisma } from "#app/lib/db.server.ts";
import { checkPayload, isOutboxTopic } from "#app/lib/jobs.server.ts";
import { membersOf, syncProfiles } from "#search/profiles.server.ts";
import { postingIdsOfOrganizations, syncPostings } from "#search/sync.server.ts";

type Result = { events: number; upserted: number; deleted: number; profiles: number };

export async function processSearchEvents(eventId?: string, limit = 10_000): Promise<Result> {
  const prisma = getPrisma();
  const { result, ownError } = await prisma.$transaction(
    async (tx): Promise<{ result: Result; ownError?: string }> => {
      if (eventId) {
        // The dispatcher adds the job before its transaction commits and holds this row
        // meanwhile; wait for it (no SKIP LOCKED here), or the batch below would skip
        // the very event this job is for.
        await tx.$queryRaw`SELECT id FROM "OutboxEvent" WHERE id = ${BigInt(eventId)} FOR UPDATE`;
      }
      const rows = await tx.$queryRaw<{ id: bigint; topic: string; payload: unknown; lastError: string | null }[]>`
        SELECT id, topic, payload, "lastError" FROM "OutboxEvent"
        WHERE topic LIKE 'search.%' AND "processedAt" IS NULL
        ORDER BY id LIMIT ${limit} FOR UPDATE SKIP LOCKED`;
      if (rows.length === 0) return { result: { events: 0, upserted: 0, deleted: 0, profiles: 0 } };
      const postingIds = new Set<string>();
      const orgIds = new Set<string>();
      const userIds = new Set<string>();
      const good: bigint[] = [];
      const bad = new Map<bigint, string>();
      for (const r of rows) {
        const checked = isOutboxTopic(r.topic)
          ? checkPayload(r.topic, r.payload)
          : { ok: false as const, error: `Unknown outbox topic ${r.topic}` };
        if (!checked.ok) {
          bad.set(r.id, checked.error);
          // Recorded once, not again by every later batch that meets the row.
          if (r.lastError !== checked.error)
            await tx.outboxEvent.update({ where: { id: r.id }, data: { attempts: { increment: 1 }, lastError: checked.error } });
          continue;
        }
        good.push(r.id);
        if ("postingIds" in checked.payload) for (const id of checked.payload.postingIds) postingIds.add(id);
        else if ("organizationIds" in checked.payload) for (const id of checked.payload.organizationIds) orgIds.add(id);
        else if ("userIds" in checked.payload) for (const id of checked.payload.userIds) userIds.add(id);
      }
      for (const id of await postingIdsOfOrganizations([...orgIds])) postingIds.add(id);
      // If Meilisearch fails, this throws: the transaction rolls back, the events stay
      // pending and the job is retried with backoff.
      const synced = await syncPostings([...postingIds]);
      for (const id of await membersOf([...orgIds])) userIds.add(id);
      const profiles = userIds.size || orgIds.size ? await syncProfiles([...userIds], [...orgIds]) : { upserted: 0 };
      // Meilisearch now holds the change: suggestion lists a page computed (and kept) while
      // it did not are stale. The change's own commit advanced the match epoch before the
      // index caught up, so advance it again now, or a posting viewed the moment it was
      // published would keep showing no partners until its kept list ages out.
      if (postingIds.size || userIds.size) await tx.$queryRaw`SELECT nextval('samband_match_epoch')`;
      if (good.length)
        await tx.outboxEvent.updateMany({ where: { id: { in: good } }, data: { processedAt: new Date(), attempts: { increment: 1 } } });
      return {
        result: { events: good.length, ...synced, profiles: profiles.upserted },
        ownError: eventId ? bad.get(BigInt(eventId)) : undefined,
      };
    },
    { timeout: 5 * 60_000 },
  );
  // After the commit: the rest of the batch is indexed, only this job's own event failed.
  if (ownError) throw new UnrecoverableError(ownError);
  return result;
}
