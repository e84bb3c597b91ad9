// npm run bench:match [-- --verbose]: the labelled evaluation set (tests/fixtures/
// match-eval.*) imported into a fresh database and index, then recall@10 and MRR for
// the matcher and, in the same run on the same data, for a plain PostgreSQL full-text
// search. Prints figures; asserts nothing (the quality test does).
import path from "node:path";
import { importLines } from "#app/import/import.server.ts";
import { reloadConfig } from "#app/lib/config.server.ts";
import { main, withServices } from "#scripts/lib/cli.ts";
import { meili } from "#app/lib/meili.server.ts";
import { evalSet, runEvaluation } from "#search/quality.server.ts";
import { applySearchSettings } from "#search/setup.server.ts";
import { postingsIndex, reindexPostings } from "#search/sync.server.ts";
import { dropDbs, freshDb, seconds } from "#bench/lib.ts";
import { realMatchBench } from "#bench/real-match.ts";

const verbose = process.argv.includes("--verbose");
const real = process.argv.indexOf("--real");
const realDir =
  real >= 0
    ? path.resolve(
        process.argv[real + 1] && !process.argv[real + 1]!.startsWith("--")
          ? process.argv[real + 1]!
          : path.join(import.meta.dirname, "../../shared/eval-data/cordis-dev"),
      )
    : null;

main(() =>
  withServices(
    async (services) => {
      if (realDir) return realMatchBench(services.databaseUrl, realDir);
      const db = `samband_bench_match_${process.pid}`;
      await freshDb(services.databaseUrl, db);
      process.env.SAMBAND_INDEX_PREFIX = `bench_match_${process.pid}_`;
      reloadConfig();
      try {
        const { lines, queries } = evalSet();
        const summary = await importLines(lines);
        if (summary.rejected) throw new Error(`the evaluation set has ${summary.rejected} rejected lines`);
        await applySearchSettings();
        const indexed = await reindexPostings();
        const crosses = (q: { languages: string }) => new Set(q.languages.split("→")).size > 1;
        const cross = queries.filter(crosses);
        const same = queries.filter((q) => !crosses(q));
        console.log(
          `bench:match, ${queries.length} labelled queries (${cross.length} across languages, ${same.length} within one), ${indexed} postings`,
        );
        const pct = (x: number) => `${(x * 100).toFixed(1)} %`.padStart(8);
        const row = (name: string, r: { recall: number; mrr: number }) =>
          console.log(`  ${name.padEnd(34)} recall@10 ${pct(r.recall)}   MRR ${r.mrr.toFixed(3)}`);
        let all;
        const took = await seconds(async () => (all = await runEvaluation(queries)));
        for (const [label, set] of [
          ["all queries", queries],
          ["across languages", cross],
          ["within one language", same],
        ] as const) {
          const r = label === "all queries" ? all! : await runEvaluation(set);
          console.log(`${label}:`);
          row("matcher (Meilisearch + vocabulary)", r.matcher);
          row("  the same, words only (no subjects)", r.wordsOnly);
          row("baseline (PostgreSQL full text)", r.baseline);
          if (r.baseline.mrr > 0)
            console.log(
              `  ratio: recall ${(r.matcher.recall / Math.max(r.baseline.recall, 1e-9)).toFixed(2)}x, MRR ${(r.matcher.mrr / r.baseline.mrr).toFixed(2)}x the baseline`,
            );
        }
        console.log(`(${took.toFixed(1)} s for all queries, both methods)`);
        if (verbose) for (const m of all!.misses) console.log(`missed: ${m.query} → ${m.got.join(", ") || "(nothing)"}`);
      } finally {
        await meili()
          .deleteIndex(postingsIndex().uid)
          .waitTask({ timeout: 120_000 })
          .catch(() => {});
        await dropDbs(services.databaseUrl, [db]);
      }
    },
    { needs: ["postgres", "meili"] },
  ),
);
