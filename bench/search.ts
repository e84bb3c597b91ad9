// npm run bench:search [-- POSTINGS]: seeds POSTINGS (default 100,000) postings into a
// fresh database and index, then measures, each against a baseline taken in the same run:
//  1. p50/p95 of GET /api/match (the suggestion endpoint, through the web server: first
//     request of each posting, computed; then again, kept) and of a direct Meilisearch
//     search with the same words and filter;
//  2. the time for 10,000 changed rows to become searchable through the outbox and the
//     worker, and the time for one bulk upload of the same rows.
// Prints figures and ratios; asserts nothing.
import { randomUUID } from "node:crypto";
import path from "node:path";
import { reloadConfig } from "#app/lib/config.server.ts";
import { getPrisma } from "#app/lib/db.server.ts";
import { main, withServices } from "#scripts/lib/cli.ts";
import { buildApp, buildIsStale } from "#scripts/lib/build.ts";
import { waitFor } from "#scripts/lib/proc.ts";
import { postingDocuments } from "#search/documents.server.ts";
import { quote } from "#app/domain/facets.ts";
import { counterpart, planQueries } from "#search/match.ts";
import { applySearchSettings } from "#search/setup.server.ts";
import { postingsIndex, reindexPostings } from "#search/sync.server.ts";
import { profilesIndex, reindexProfiles } from "#search/profiles.server.ts";
import { meili } from "#app/lib/meili.server.ts";
import { evalSet } from "#search/quality.server.ts";
import { Client } from "#tests/helpers/http.ts";
import { runTs, waitForOutput } from "#tests/helpers/processes.ts";
import { dropDbs, freshDb, percentile, productionEnv, seconds } from "#bench/lib.ts";

const total = Number(process.argv[2] ?? 100_000);
const SAMPLES = 200;
const CHANGED = Math.min(10_000, total);

/** Postings made from the hand-written evaluation postings, varied, spread over 2,000 organizations. */
async function seed(n: number): Promise<void> {
  const prisma = getPrisma();
  const templates = evalSet()
    .lines.map((l) => JSON.parse(l))
    .filter((r) => r.type === "posting");
  const orgIds = Array.from({ length: 2000 }, () => randomUUID());
  await prisma.organization.createMany({
    data: orgIds.map((id, i) => ({
      id,
      name: `Bench Organization ${i}`,
      kind: i % 5 === 0 ? "university" : "company",
      region: i % 3 ? "Västra Götalands län" : "Stockholms län",
    })),
  });
  const expiresAt = new Date(Date.now() + 300 * 86400_000);
  for (let start = 0; start < n; start += 5000) {
    const data = Array.from({ length: Math.min(5000, n - start) }, (_, j) => {
      const i = start + j;
      const t = templates[i % templates.length];
      return {
        kind: t.kind,
        title: `${t.title} (${i})`,
        description: t.description,
        keywords: t.keywords,
        subjects: t.subjects,
        language: t.language,
        organizationId: orgIds[i % orgIds.length]!,
        expiresAt,
      };
    });
    await prisma.posting.createMany({ data });
  }
}

const ms = (s: number) => `${s.toFixed(1)} ms`.padStart(9);

async function latency(url: string): Promise<void> {
  const prisma = getPrisma();
  const client = new Client(url);
  await client.register("Bench User", `bench-${process.pid}@example.se`);
  const sample = await prisma.$queryRaw<{ id: string; kind: "need" | "competence"; title: string; keywords: string[] }[]>`
    SELECT id, kind, title, keywords FROM "Posting" ORDER BY md5(id::text) LIMIT ${SAMPLES + 20}`;
  const index = postingsIndex();
  const suggestion: number[] = [];
  const bare: number[] = [];
  for (const [i, p] of sample.entries()) {
    let t = performance.now();
    const res = await client.get(`/api/match?posting=${p.id}&limit=10`);
    if (res.status !== 200) throw new Error(`/api/match answered ${res.status}: ${await res.text()}`);
    await res.json();
    const s = performance.now() - t;
    // The same words in one query, the same filter the matcher uses (kind, expiry).
    const q = planQueries({ kind: p.kind, title: p.title, keywords: p.keywords, subjects: [] })
      .map((x) => x.q)
      .join(" ");
    t = performance.now();
    await index.search(q, { filter: [`kind = ${quote(counterpart(p.kind))}`, `expiresAt > ${Math.floor(Date.now() / 1000)}`], limit: 10 });
    const b = performance.now() - t;
    if (i >= 20) {
      suggestion.push(s); // the first 20 warm up caches and connections
      bare.push(b);
    }
  }
  // The same postings again: nothing changed, so each list is the one kept at the first request.
  const kept: number[] = [];
  for (const [i, p] of sample.entries()) {
    const t = performance.now();
    const res = await client.get(`/api/match?posting=${p.id}&limit=10`);
    await res.json();
    if (i >= 20) kept.push(performance.now() - t);
  }
  const row = (name: string, xs: number[]) =>
    console.log(`  ${name.padEnd(44)} p50 ${ms(percentile(xs, 50))}   p95 ${ms(percentile(xs, 95))}`);
  const ratio = (xs: number[]) =>
    `p50 ${(percentile(xs, 50) / percentile(bare, 50)).toFixed(2)}x, p95 ${(percentile(xs, 95) / percentile(bare, 95)).toFixed(2)}x the bare search`;
  console.log(`latency over ${SAMPLES} postings (after 20 to warm up):`);
  row("suggestions, GET /api/match, first request", suggestion);
  row("the same postings again (kept lists)", kept);
  row("bare Meilisearch search, same words", bare);
  console.log(`  ratio, first request: ${ratio(suggestion)}`);
  console.log(`  ratio, kept: ${ratio(kept)} (target: p95 within 3x)`);
}

async function searchable(marker: string, n: number): Promise<void> {
  // hitsPerPage gives an exact count, where limit gives an estimate.
  await waitFor(
    `${n} documents with ${marker}`,
    async () => (await postingsIndex().search(marker, { hitsPerPage: 1, page: 1, matchingStrategy: "all" })).totalHits === n,
    { timeoutMs: 600_000, intervalMs: 100 },
  );
}

/** A word found nowhere else: letters only, so the tokenizer keeps it whole. */
function marker(): string {
  return "zq" + Array.from({ length: 10 }, () => String.fromCharCode(97 + Math.floor(Math.random() * 26))).join("");
}

async function sync(ids: string[]): Promise<{ outbox: number; bulk: number }> {
  const prisma = getPrisma();
  // Baseline: the rows change without events, and one bulk upload makes them searchable.
  const bulkMarker = marker();
  await prisma.$executeRaw`UPDATE "Posting" SET title = regexp_replace(title, ' zq\\w+$', '') || ' ' || ${bulkMarker}, "updatedAt" = now() WHERE id = ANY(${ids}::uuid[])`;
  const bulk = await seconds(async () => {
    const { upserts } = await postingDocuments(ids);
    await postingsIndex().addDocuments(upserts).waitTask({ timeout: 600_000 });
    await searchable(bulkMarker, ids.length);
  });
  // The product's way: each row changes in its own event, committed together; the worker does the rest.
  const syncMarker = marker();
  const outbox = await seconds(async () => {
    await prisma.$transaction(
      [
        prisma.$executeRaw`UPDATE "Posting" SET title = regexp_replace(title, ' zq\\w+$', '') || ' ' || ${syncMarker}, "updatedAt" = now() WHERE id = ANY(${ids}::uuid[])`,
        prisma.outboxEvent.createMany({ data: ids.map((id) => ({ topic: "search.postings", payload: { postingIds: [id] } })) }),
      ],
      { timeout: 120_000 },
    ); // 10,000 texts re-stemmed by the term triggers take longer than the default 5 s
    await searchable(syncMarker, ids.length);
  });
  return { outbox, bulk };
}

main(() =>
  withServices(async (services) => {
    const db = `samband_bench_search_${process.pid}`;
    await freshDb(services.databaseUrl, db);
    process.env.SAMBAND_INDEX_PREFIX = `bench_search_${process.pid}_`;
    process.env.SAMBAND_QUEUE_PREFIX = `bench_search_${process.pid}`;
    reloadConfig();
    const root = path.resolve(import.meta.dirname, "..");
    let web, worker;
    try {
      console.log(`bench:search, ${total.toLocaleString("en")} postings`);
      const seeded = await seconds(() => seed(total));
      await applySearchSettings();
      const indexed = await seconds(() => Promise.all([reindexPostings(), reindexProfiles()]));
      // Only here: exact hit counts above Meilisearch's default 1,000, to see when every changed row is searchable.
      await postingsIndex()
        .updateSettings({ pagination: { maxTotalHits: CHANGED * 2 } })
        .waitTask({ timeout: 120_000 });
      console.log(`(seeded in ${seeded.toFixed(0)} s, indexed in ${indexed.toFixed(0)} s)`);
      if (buildIsStale(path.join(root, "build"))) await buildApp("build");
      const e = productionEnv(services);
      web = runTs("server/index.ts", e);
      const url = (await waitForOutput(web, /listening on (http:\/\/\S+)/))[1]!;
      worker = runTs("workers/main.ts", e);
      await waitForOutput(worker, /\[worker\] pid \d+ processing/);

      await latency(url);

      const ids = (
        await getPrisma().$queryRaw<{ id: string }[]>`SELECT id FROM "Posting" ORDER BY md5(id::text || 'sync') LIMIT ${CHANGED}`
      ).map((r) => r.id);
      console.log(`${ids.length.toLocaleString("en")} changed rows until searchable:`);
      for (const round of [1, 2, 3]) {
        const r = await sync(ids);
        console.log(
          `  round ${round}: through the outbox and worker ${r.outbox.toFixed(1)} s, one bulk upload ${r.bulk.toFixed(1)} s, ratio ${(r.outbox / r.bulk).toFixed(2)}x (target: within 1.5x)`,
        );
      }
    } finally {
      await Promise.all([web?.stop(), worker?.stop()]);
      await meili()
        .deleteIndex(postingsIndex().uid)
        .waitTask({ timeout: 120_000 })
        .catch(() => {});
      await meili()
        .deleteIndex(profilesIndex().uid)
        .waitTask({ timeout: 120_000 })
        .catch(() => {});
      await dropDbs(services.databaseUrl, [db]);
    }
  }),
);
