// npm run bench:load [-- --postings N] [-- --seconds S]: N postings (default 100,000) in a
// fresh database and index, the production build with one web and one worker process,
// then 10, 50 and 200 concurrent keep-alive clients for S seconds (default 8) on each of:
//  - a baseline measured in the same run: a plain node:http server (its own process) that
//    runs one indexed PostgreSQL query and answers 15 kB of HTML;
//  - the home page, the browse page (/postings), a search (/postings?q=…), posting pages
//    with their partner suggestions (kept: each viewed once before), and /healthz.
// Prints requests per second (answered 200), p50 and p99 of every answer, and the share
// of 503s (load shed; a client turned away waits its Retry-After before asking again), and
// at 200 clients on a page what /healthz answered meanwhile. Everything listens on
// 127.0.0.1. Asserts nothing.
import { randomUUID } from "node:crypto";
import http from "node:http";
import path from "node:path";
import pg from "pg";
import { reloadConfig } from "#app/lib/config.server.ts";
import { getPrisma } from "#app/lib/db.server.ts";
import { buildApp, buildIsStale } from "#scripts/lib/build.ts";
import { main, withServices } from "#scripts/lib/cli.ts";
import { meili } from "#app/lib/meili.server.ts";
import { profilesIndex, reindexProfiles } from "#search/profiles.server.ts";
import { evalSet } from "#search/quality.server.ts";
import { applySearchSettings } from "#search/setup.server.ts";
import { postingsIndex, reindexPostings } from "#search/sync.server.ts";
import { runTs, waitForOutput, type Proc } from "#tests/helpers/processes.ts";
import { dropDbs, freshDb, percentile, productionEnv, seconds } from "#bench/lib.ts";

function option(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  if (i === -1) return fallback;
  const n = Number(process.argv[i + 1]);
  if (!Number.isInteger(n) || n <= 0) {
    console.error(`--${name} needs a whole number above 0, not ${JSON.stringify(process.argv[i + 1] ?? "")}`);
    process.exit(2);
  }
  return n;
}

const CLIENTS = [10, 50, 200];

// ---------------------------------------------------------------------------------------
// The baseline server: run as `bench/load.ts --baseline-server` in a process of its own,
// like the web process, so both compete with the load generator for the same cores.

const BASELINE_PAGE = (title: string) =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title.replace(/[<&"]/g, (c) => `&#${c.charCodeAt(0)};`)}</title></head><body><main>` +
  "<p>Samband baseline: one indexed query, then a fixed page of about fifteen kilobytes.</p>".repeat(170) +
  "</main></body></html>";

async function baselineServer(): Promise<void> {
  const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 10 });
  const ids = (await pool.query<{ id: string }>(`SELECT id FROM "Posting" ORDER BY id LIMIT 1000`)).rows.map((r) => r.id);
  let next = 0;
  const server = http.createServer((_req, res) => {
    const id = ids[next++ % ids.length]!;
    pool.query<{ title: string }>(`SELECT title FROM "Posting" WHERE id = $1`, [id]).then(
      ({ rows }) => {
        res.writeHead(200, { "Content-Type": "text/html; charset=utf-8" });
        res.end(BASELINE_PAGE(rows[0]?.title ?? ""));
      },
      (error: Error) => {
        res.writeHead(500).end(error.message);
      },
    );
  });
  server.keepAliveTimeout = 60_000;
  server.listen(0, "127.0.0.1", () => {
    const address = server.address() as { port: number };
    console.log(`[baseline] listening on http://127.0.0.1:${address.port}`);
  });
  process.on("SIGTERM", () => server.close(() => void pool.end().then(() => process.exit(0))));
}

// ---------------------------------------------------------------------------------------
// Data: postings made from the hand-written evaluation postings, over 2,000 organizations.

async function seed(n: number): Promise<void> {
  const prisma = getPrisma();
  const templates = evalSet()
    .lines.map(
      (l) =>
        JSON.parse(l) as {
          type: string;
          kind: "need" | "competence";
          title: string;
          description: string;
          keywords: string[];
          subjects: string[];
          language: string;
        },
    )
    .filter((r) => r.type === "posting");
  const orgIds = Array.from({ length: 2000 }, () => randomUUID());
  const kinds = ["university", "company", "company", "company", "institute"] as const;
  await prisma.organization.createMany({
    data: orgIds.map((id, i) => ({
      id,
      name: `Load Organization ${i}`,
      kind: kinds[i % kinds.length]!,
      region: i % 3 ? "Västra Götalands län" : "Stockholms län",
    })),
  });
  const expiresAt = new Date(Date.now() + 300 * 86400_000);
  for (let start = 0; start < n; start += 5000) {
    const data = Array.from({ length: Math.min(5000, n - start) }, (_, j) => {
      const i = start + j;
      const t = templates[i % templates.length]!;
      return {
        kind: t.kind,
        title: `${t.title} (${i})`,
        description: t.description,
        keywords: t.keywords,
        subjects: t.subjects,
        language: t.language,
        organizationId: orgIds[i % orgIds.length]!,
        expiresAt,
        visibility: i % 10 === 9 ? ("members" as const) : ("public" as const),
      };
    });
    await prisma.posting.createMany({ data });
  }
}

// ---------------------------------------------------------------------------------------
// The load generator: `clients` loops over one keep-alive agent, each sending the next path
// as soon as its previous answer is read, for `ms` milliseconds.

interface Result {
  ok: number;
  shed: number;
  other: number;
  perSecond: number;
  p50: number;
  p99: number;
}

function get(agent: http.Agent, url: URL): Promise<{ status: number; retryAfter: number }> {
  return new Promise((resolve, reject) => {
    const req = http.get(url, { agent, headers: { "Accept-Language": "en" } }, (res) => {
      res.resume();
      res.on("end", () => resolve({ status: res.statusCode ?? 0, retryAfter: Number(res.headers["retry-after"] ?? 0) }));
      res.on("error", reject);
    });
    req.on("error", reject);
  });
}

async function load(base: string, paths: string[], clients: number, ms: number): Promise<Result> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: clients });
  const times: number[] = [];
  const counts = { ok: 0, shed: 0, other: 0 };
  let next = 0;
  const start = performance.now();
  const deadline = start + ms;
  const client = async () => {
    while (performance.now() < deadline) {
      const t = performance.now();
      const { status, retryAfter } = await get(agent, new URL(paths[next++ % paths.length]!, base)).catch(() => ({
        status: 0,
        retryAfter: 0,
      }));
      times.push(performance.now() - t);
      if (status === 200) counts.ok++;
      else if (status === 503) counts.shed++;
      else counts.other++;
      // Turned away, a well-behaved client waits as told instead of asking again at once.
      if (status === 503 && retryAfter > 0)
        await new Promise((r) => setTimeout(r, Math.min(retryAfter * 1000, deadline - performance.now())));
    }
  };
  await Promise.all(Array.from({ length: clients }, client));
  const elapsed = (performance.now() - start) / 1000;
  agent.destroy();
  return { ...counts, perSecond: counts.ok / elapsed, p50: percentile(times, 50), p99: percentile(times, 99) };
}

async function run(total: number, secondsPerCell: number): Promise<void> {
  await withServices(async (services) => {
    const db = `samband_bench_load_${process.pid}`;
    await freshDb(services.databaseUrl, db);
    process.env.SAMBAND_INDEX_PREFIX = `bench_load_${process.pid}_`;
    process.env.SAMBAND_QUEUE_PREFIX = `bench_load_${process.pid}`;
    reloadConfig();
    const root = path.resolve(import.meta.dirname, "..");
    const procs: Proc[] = [];
    try {
      console.log(`bench:load, ${total.toLocaleString("en")} postings, ${secondsPerCell} s per measurement, clients ${CLIENTS.join("/")}`);
      const seeded = await seconds(() => seed(total));
      await applySearchSettings();
      const indexed = await seconds(() => Promise.all([reindexPostings(), reindexProfiles()]));
      console.log(`(seeded in ${seeded.toFixed(0)} s, indexed in ${indexed.toFixed(0)} s)`);
      if (buildIsStale(path.join(root, "build"))) await buildApp("build");

      const env = productionEnv(services);
      const web = runTs("server/index.ts", env);
      const worker = runTs("workers/main.ts", env);
      const baseline = runTs("bench/load.ts", env, ["--baseline-server"]);
      procs.push(web, worker, baseline);
      const webUrl = (await waitForOutput(web, /listening on (http:\/\/\S+)/))[1]!;
      const baselineUrl = (await waitForOutput(baseline, /listening on (http:\/\/\S+)/))[1]!;
      await waitForOutput(worker, /\[worker\] pid \d+ processing/);

      const prisma = getPrisma();
      const postings = (
        await prisma.posting.findMany({ where: { visibility: "public" }, select: { id: true }, orderBy: { id: "asc" }, take: 20 })
      ).map((p) => `/postings/${p.id}`);
      const words = ["maskininlärning", "battery", "vibration", "hållbarhet", "sensor", "digital twin", "corrosion", "energi"];
      const targets: [string, string, string[]][] = [
        ["baseline: node:http, 1 query, 15 kB", baselineUrl, ["/"]],
        ["home page", webUrl, ["/"]],
        ["browse, /postings", webUrl, ["/postings"]],
        ["search, /postings?q=…", webUrl, words.map((w) => `/postings?q=${encodeURIComponent(w)}`)],
        ["posting page with suggestions (kept)", webUrl, postings],
        ["/healthz", webUrl, ["/healthz"]],
      ];
      // Each posting's suggestions computed once (a first view), so the measurement sees kept lists.
      const firstViews = await seconds(async () => {
        for (const p of postings) await (await fetch(webUrl + p)).text();
      });
      console.log(`(first views of ${postings.length} posting pages: ${firstViews.toFixed(1)} s)`);
      for (const [, base, paths] of targets) await load(base, paths, 10, 2000); // warm up

      const results = new Map<string, Result>();
      console.log(`${"".padEnd(40)} clients    req/s      p50      p99   503s  other`);
      for (const [name, base, paths] of targets) {
        for (const clients of CLIENTS) {
          // At the highest load on a page, one more client asks /healthz meanwhile: it must keep telling the truth (200: every part is up).
          const probe =
            clients === CLIENTS.at(-1) && base === webUrl && name !== "/healthz"
              ? load(webUrl, ["/healthz"], 1, secondsPerCell * 1000)
              : undefined;
          const r = await load(base, paths, clients, secondsPerCell * 1000);
          results.set(`${name}@${clients}`, r);
          const health = await probe;
          const all = r.ok + r.shed + r.other;
          console.log(
            `${name.padEnd(40)} ${String(clients).padStart(7)} ${r.perSecond.toFixed(0).padStart(8)} ${`${r.p50.toFixed(0)} ms`.padStart(8)} ${`${r.p99.toFixed(0)} ms`.padStart(8)} ${`${((100 * r.shed) / all).toFixed(0)}%`.padStart(6)} ${String(r.other).padStart(6)}`,
          );
          if (health)
            console.log(
              `${"".padEnd(4)}/healthz meanwhile: ${health.ok + health.shed + health.other} answers, ${health.ok} of them 200, p50 ${health.p50.toFixed(0)} ms, p99 ${health.p99.toFixed(0)} ms`,
            );
        }
      }
      const base10 = results.get(`${targets[0]![0]}@10`)!.perSecond;
      for (const name of ["home page", "browse, /postings", "search, /postings?q=…"]) {
        const ratio = results.get(`${name}@10`)!.perSecond / base10;
        console.log(`  ${name} at 10 clients: ${ratio.toFixed(2)}x the baseline's req/s (target for home and browse: 0.25x or more)`);
      }
    } finally {
      await Promise.all(procs.map((p) => p.stop()));
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
  });
}

if (process.argv.includes("--baseline-server")) {
  baselineServer().catch((error: unknown) => {
    console.error("[baseline] failed:", error);
    process.exit(1);
  });
} else {
  main(() => run(option("postings", 100_000), option("seconds", 8)));
}
