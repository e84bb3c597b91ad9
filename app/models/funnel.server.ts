// The funnel's steps: recorded inside the transaction of the change each one records (an
// invitation sent, a threshold reached, an outcome), so a rolled-back change leaves no step
// and a retried one none twice; counted per Stockholm month for the administrators' page.
import { createHash } from "node:crypto";
import { Prisma } from "#app/generated/prisma/client.ts";
import {
  addMonths,
  funnelTable,
  parseFunnelQuery,
  type CountRow,
  type FunnelQuery,
  type QueryError,
  type Stage,
  type StageCounts,
} from "#app/domain/funnel.ts";
import { stockholmDay } from "#app/domain/outcome.ts";
import { getPrisma } from "#app/lib/db.server.ts";

type Tx = Prisma.TransactionClient;

export interface Step {
  programmeId?: string | null;
  consortiumId?: string | null;
  /** A step that counts once: a repeat with the same key is ignored, or moves it to `at`. */
  key?: string;
  at?: Date;
  count?: number;
}

/** Records a step; a keyed one once (a later recording with the same key only corrects its day). */
export async function recordFunnelStep(tx: Tx, stage: Stage, step: Step = {}): Promise<void> {
  const data = {
    stage,
    programmeId: step.programmeId ?? null,
    consortiumId: step.consortiumId ?? null,
    count: step.count ?? 1,
    key: step.key ?? null,
    ...(step.at ? { at: step.at } : {}),
  };
  if (step.key && step.at) await tx.funnelEvent.upsert({ where: { key: step.key }, create: data, update: { at: step.at } });
  else await tx.funnelEvent.createMany({ data: [data], skipDuplicates: true });
}

/** A consortium's step, under the consortium's programme. */
export async function recordConsortiumStep(
  tx: Tx,
  stage: Stage,
  consortiumId: string,
  step: Omit<Step, "consortiumId" | "programmeId"> = {},
) {
  const c = await tx.consortium.findUnique({ where: { id: consortiumId }, select: { programmeId: true } });
  if (c) await recordFunnelStep(tx, stage, { ...step, consortiumId, programmeId: c.programmeId });
}

/**
 * Suggestions a signed-in person was shown on a page: each person, page and Stockholm day
 * once, so reloading does not inflate the figure. The key is a hash, so the row shows no id;
 * it is pseudonymous, not anonymous: whoever holds the database could test a guessed person.
 */
export async function recordSuggestionsShown(
  viewerId: string,
  page: { kind: "posting" | "consortium"; id: string; programmeId?: string | null },
  count: number,
  now = new Date(),
): Promise<void> {
  if (count <= 0) return;
  const key = `shown:${createHash("sha256")
    .update(`${viewerId}|${page.kind}|${page.id}|${stockholmDay(now)}`)
    .digest("hex")}`;
  try {
    await recordFunnelStep(getPrisma(), "suggestion_shown", {
      key,
      count,
      programmeId: page.programmeId ?? null,
      consortiumId: page.kind === "consortium" ? page.id : null,
    });
  } catch (error) {
    // A figure for administrators: the page the person asked for matters more, so it is shown anyway.
    console.error("could not record suggestions shown", error);
  }
}

/** The filter of a query: the period (Stockholm months, both ends included) and the programme. */
function period(q: FunnelQuery): Prisma.Sql {
  const programme =
    q.programme === null
      ? Prisma.empty
      : q.programme === "none"
        ? Prisma.sql`AND "programmeId" IS NULL`
        : Prisma.sql`AND "programmeId" = ${q.programme}::uuid`;
  return Prisma.sql`"at" >= (${`${q.from}-01`}::timestamp AT TIME ZONE 'Europe/Stockholm')
      AND "at" < (${`${addMonths(q.to, 1)}-01`}::timestamp AT TIME ZONE 'Europe/Stockholm')
      ${programme}`;
}

/** Events summed, consortia counted once (a deleted consortium still counts, by its step's id). */
const COUNT = Prisma.sql`CASE WHEN stage IN ('eligible', 'ready', 'submitted', 'granted')
        THEN count(DISTINCT coalesce("consortiumId"::text, id::text))
        ELSE sum("count") END`;

/** The counts per month, programme and stage in the period asked for. */
export async function funnelCounts(q: FunnelQuery): Promise<CountRow[]> {
  const rows = await getPrisma().$queryRaw<{ month: string; programmeId: string | null; stage: Stage; n: bigint }[]>`
    SELECT to_char("at" AT TIME ZONE 'Europe/Stockholm', 'YYYY-MM') AS month, "programmeId", stage::text AS stage, ${COUNT} AS n
    FROM "FunnelEvent" WHERE ${period(q)}
    GROUP BY 1, "programmeId", stage`;
  return rows.map((r) => ({ month: r.month, programmeId: r.programmeId, stage: r.stage, n: Number(r.n) }));
}

/** Each stage's total over the whole period: a consortium once, however many months it counted in. */
export async function funnelTotals(q: FunnelQuery): Promise<Partial<StageCounts>> {
  const rows = await getPrisma().$queryRaw<{ stage: Stage; n: bigint }[]>`
    SELECT stage::text AS stage, ${COUNT} AS n FROM "FunnelEvent" WHERE ${period(q)} GROUP BY stage`;
  return Object.fromEntries(rows.map((r) => [r.stage, Number(r.n)]));
}

/** The programmes to choose from, newest deadline first. */
export async function funnelProgrammes(): Promise<{ id: string; name: string }[]> {
  return getPrisma().programme.findMany({
    select: { id: true, name: true },
    orderBy: [{ deadline: { sort: "desc", nulls: "last" } }, { name: "asc" }],
  });
}

export type FunnelReport =
  | { ok: true; query: FunnelQuery; programmes: { id: string; name: string }[]; table: ReturnType<typeof funnelTable> }
  | { ok: false; errors: QueryError[]; programmes: { id: string; name: string }[] };

/** The funnel for the period and programme in the address (`params`), or what is wrong with the address. */
export async function funnelReport(params: URLSearchParams, now = new Date()): Promise<FunnelReport> {
  const programmes = await funnelProgrammes();
  const parsed = parseFunnelQuery(params, stockholmDay(now).slice(0, 7), new Set(programmes.map((p) => p.id)));
  if (!parsed.ok) return { ok: false, errors: parsed.errors, programmes };
  const [rows, totals] = await Promise.all([funnelCounts(parsed.query), funnelTotals(parsed.query)]);
  return {
    ok: true,
    query: parsed.query,
    programmes,
    table: funnelTable(
      rows,
      programmes.map((p) => p.id),
      totals,
    ),
  };
}
