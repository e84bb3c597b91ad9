// Watching consortia: a consortium.changed event re-evaluates the consortium and announces
// two transitions to the coordinator and every accepted member, in the app and by email:
// the threshold of independent co-funding companies reached (not met → met) or lost, and
// "ready to submit" (eligible, every co-funder's letter of intent confirmed) reached or
// lost. Exactly once per transition: the consortium row is locked, each announced state
// (thresholdMet, readyAnnounced) is compared and updated, and the notifications and emails
// are written, all in one transaction. Duplicate jobs, retries and concurrent workers find
// the state already announced and do nothing; a worker killed mid-job leaves nothing half-done.
import { getPrisma } from "#app/lib/db.server.ts";
import type { Prisma } from "#app/generated/prisma/client.ts";
import { readyToSubmit } from "#app/domain/letters.ts";
import { evaluateConsortium } from "#app/models/consortium.server.ts";
import { consortiumLetters } from "#app/models/letter.server.ts";
import { recordFunnelStep } from "#app/models/funnel.server.ts";
import { notifyUsers } from "#app/models/notify.server.ts";
import { partnerPeople } from "#app/models/outcome.server.ts";

export type Transition = "reached" | "lost" | null;

type Tx = Prisma.TransactionClient;
type Evaluated = NonNullable<Awaited<ReturnType<typeof evaluateConsortium>>>;

/** Re-evaluates the consortium; returns the threshold's transition (readiness: reevaluateReadiness). */
export async function reevaluateConsortium(consortiumId: string): Promise<Transition> {
  return getPrisma().$transaction(async (tx) => (await reevaluateAll(tx, consortiumId)).threshold);
}

/** The readiness transition alone, for tests that run evaluations side by side. */
export async function reevaluateReadiness(consortiumId: string): Promise<Transition> {
  return getPrisma().$transaction(async (tx) => (await reevaluateAll(tx, consortiumId)).ready);
}

/** The same inside the caller's transaction (the worker's, which also marks the event processed). */
export async function reevaluateConsortiumIn(tx: Tx, consortiumId: string): Promise<Transition> {
  return (await reevaluateAll(tx, consortiumId)).threshold;
}

async function reevaluateAll(tx: Tx, consortiumId: string): Promise<{ threshold: Transition; ready: Transition }> {
  const locked = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM "Consortium" WHERE id = ${consortiumId}::uuid FOR UPDATE`;
  if (locked.length === 0) return { threshold: null, ready: null }; // deleted meanwhile: nothing to announce
  const found = (await evaluateConsortium(tx, consortiumId))!;
  await countEligibility(tx, found);
  return { threshold: await announceThreshold(tx, found), ready: await announceReadiness(tx, found) };
}

/** The funnel counts the moment a consortium comes to meet every rule (not announced: the threshold and readiness are). */
async function countEligibility(tx: Tx, { evaluation: e, consortium: c }: Evaluated): Promise<void> {
  if (e.eligible === c.eligibleSeen) return;
  await tx.consortium.update({ where: { id: c.id }, data: { eligibleSeen: e.eligible } });
  if (e.eligible) await recordFunnelStep(tx, "eligible", { consortiumId: c.id, programmeId: c.programmeId });
}

async function announceThreshold(tx: Tx, found: Evaluated): Promise<Transition> {
  const { evaluation: e, programme: p, consortium: c } = found;
  const met = e.independentCompanies >= p.minIndependentCompanies;
  if (met === c.thresholdMet) return null;
  await tx.consortium.update({ where: { id: c.id }, data: { thresholdMet: met } });
  const key = met ? "reached" : "lost";
  await notifyUsers(tx, await audience(tx, c), {
    kind: `consortium.threshold-${key}`,
    title: `consortium.${key}.title`,
    body: `consortium.${key}.body`,
    vars: { title: c.title, count: e.independentCompanies, min: p.minIndependentCompanies },
    link: `/consortia/${c.id}`,
  });
  return key;
}

async function announceReadiness(tx: Tx, found: Evaluated): Promise<Transition> {
  const { evaluation: e, consortium: c } = found;
  const { tally } = await consortiumLetters(tx, c.id);
  const ready = readyToSubmit(e.eligible, tally);
  if (ready === c.readyAnnounced) return null;
  await tx.consortium.update({ where: { id: c.id }, data: { readyAnnounced: ready } });
  if (ready) await recordFunnelStep(tx, "ready", { consortiumId: c.id, programmeId: c.programmeId });
  await notifyUsers(tx, await audience(tx, c), {
    kind: ready ? "consortium.ready-reached" : "consortium.ready-lost",
    title: ready ? "letter.ready.title" : "letter.notReady.title",
    body: ready ? "letter.ready.body" : "letter.notReady.body",
    vars: { title: c.title },
    link: `/consortia/${c.id}`,
  });
  return ready ? "reached" : "lost";
}

/**
 * The coordinator and every accepted member: its contact, else its organization's admins,
 * else the person who accepted for it, so every member has someone who hears.
 */
async function audience(tx: Tx, c: Evaluated["consortium"]): Promise<string[]> {
  const accepted = c.members.filter((m) => m.status === "accepted");
  return [c.coordinatorId, ...(await partnerPeople(tx, accepted))];
}
