// npm run bench:pages [-- SECONDS]: the demo data in a fresh database and index, the
// production build, then 10 concurrent clients for SECONDS (default 20) on each of:
//  - the home page (the baseline, taken in the same run);
//  - posting pages with their partner suggestions, every posting once (each a first view:
//    suggestions computed);
//  - posting pages again (suggestions kept since the first view).
// Prints requests per second and latency, and the ratio to the home page. Asserts nothing.
import path from "node:path";
import { reloadConfig } from "#app/lib/config.server.ts";
import { getPrisma } from "#app/lib/db.server.ts";
import { seedDemo } from "#prisma/seed.ts";
import { buildApp, buildIsStale } from "#scripts/lib/build.ts";
import { main, withServices } from "#scripts/lib/cli.ts";
import { meili } from "#app/lib/meili.server.ts";
import { profilesIndex, reindexProfiles } from "#search/profiles.server.ts";
import { applySearchSettings } from "#search/setup.server.ts";
import { postingsIndex, reindexPostings } from "#search/sync.server.ts";
import { runTs, waitForOutput } from "#tests/helpers/processes.ts";
import { dropDbs, freshDb, percentile, productionEnv } from "#bench/lib.ts";

const SECONDS = Number(process.argv[2] ?? 20);
const CLIENTS = 10;

interface Load {
  requests: number;
  perSecond: number;
  p50: number;
  p95: number;
  errors: number;
}

/** CLIENTS loops, each fetching the next path until time is up (or, with `once`, until every path was fetched once). */
async function load(base: string, paths: string[], o: { seconds: number; once?: boolean }): Promise<Load> {
  const times: number[] = [];
  let next = 0;
  let errors = 0;
  const start = performance.now();
  const deadline = start + o.seconds * 1000;
  const client = async () => {
    while (performance.now() < deadline) {
      const i = next++;
      if (o.once && i >= paths.length) return;
      const t = performance.now();
      const res = await fetch(base + paths[i % paths.length]);
      await res.text();
      if (res.status !== 200) errors++;
      times.push(performance.now() - t);
    }
  };
  await Promise.all(Array.from({ length: CLIENTS }, client));
  const elapsed = (performance.now() - start) / 1000;
  return { requests: times.length, perSecond: times.length / elapsed, p50: percentile(times, 50), p95: percentile(times, 95), errors };
}

main(() =>
  withServices(
    async (services) => {
      const db = `samband_bench_pages_${process.pid}`;
      await freshDb(services.databaseUrl, db);
      process.env.SAMBAND_INDEX_PREFIX = `bench_pages_${process.pid}_`;
      process.env.SAMBAND_QUEUE_PREFIX = `bench_pages_${process.pid}`;
      reloadConfig();
      const root = path.resolve(import.meta.dirname, "..");
      let web;
      try {
        await seedDemo(getPrisma());
        await applySearchSettings();
        await reindexPostings();
        await reindexProfiles();
        if (buildIsStale(path.join(root, "build"))) await buildApp("build");
        web = runTs("server/index.ts", productionEnv(services));
        const url = (await waitForOutput(web, /listening on (http:\/\/\S+)/))[1]!;
        const postings = (
          await getPrisma().posting.findMany({
            where: { status: "active", visibility: "public" },
            select: { id: true },
            orderBy: { id: "asc" },
          })
        ).map((p) => `/postings/${p.id}`);
        console.log(
          `bench:pages, ${CLIENTS} concurrent clients, ${postings.length} public postings of the demo data, ${SECONDS} s a page kind`,
        );
        await load(url, ["/"], { seconds: 3 }); // warm up the server
        const home = await load(url, ["/"], { seconds: SECONDS });
        const first = await load(url, postings, { seconds: SECONDS * 5, once: true });
        const again = await load(url, postings, { seconds: SECONDS });
        const row = (name: string, r: Load) =>
          console.log(
            `  ${name.padEnd(44)} ${r.perSecond.toFixed(1).padStart(6)} req/s   p50 ${r.p50.toFixed(0).padStart(5)} ms   p95 ${r.p95.toFixed(0).padStart(5)} ms   (${r.requests} requests${r.errors ? `, ${r.errors} not 200` : ""})   ${(r.perSecond / home.perSecond).toFixed(2)}x the home page`,
          );
        row("home page", home);
        row("posting page, first view (computes)", first);
        row("posting page, viewed again (kept)", again);
        console.log("  target: the posting page with suggestions at 0.5x the home page's req/s or better");
      } finally {
        await web?.stop();
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
    },
    { needs: ["postgres", "redis", "meili"] },
  ),
);
