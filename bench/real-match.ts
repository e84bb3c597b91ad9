// bench:match -- --real [DIR]: partner matching on real consortia (the development folds
// of CORDIS projects, DIR defaults to ../shared/eval-data/cordis-dev; read only here,
// never by the product). Each fold is imported into its own fresh database and index;
// then, per fold and in the same run:
//  - need recall@10: of the first ten distinct companies suggested for each need (from
//    `match --ref NEED --limit 50`), the share of those that really joined;
//  - consortium hit@10: whether `match --consortium` ranks the held-out company in its ten,
//    and how many suggestions fell in a corporate group already in the consortium;
// for the matcher, for each of its signals alone, and for plain BM25 over title,
// description and keywords of company postings (each company at its best posting).
import { createReadStream, existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { createInterface } from "node:readline";
import { groupOf as group } from "#app/domain/corporate-group.ts";
import { importLines } from "#app/import/import.server.ts";
import { reloadConfig } from "#app/lib/config.server.ts";
import { getPrisma } from "#app/lib/db.server.ts";
import { meili } from "#app/lib/meili.server.ts";
import {
  consortiumSource,
  partnersForConsortium,
  partnersForPosting,
  type PartnerSuggestion,
  type Tuning,
} from "#search/partners.server.ts";
import { queryTerms, rankPostings } from "#search/retrieve.server.ts";
import { applySearchSettings } from "#search/setup.server.ts";
import { postingsIndex, reindexPostings } from "#search/sync.server.ts";
import { profilesIndex } from "#search/profiles.server.ts";
import { dropDbs, freshDb, percentile } from "#bench/lib.ts";

interface Labels {
  needs: Record<string, string[]>;
  consortia: Record<string, { heldOut: string; companies: string[] }>;
}

type Method = { name: string; need: (ref: string) => Promise<string[]>; consortium: (ref: string) => Promise<string[]> };

const refsOf = (list: PartnerSuggestion[]) => list.map((s) => s.organizationRef ?? "");

function methods(): Method[] {
  const variant = (name: string, tuning?: Tuning): Method => ({
    name,
    need: async (ref) => refsOf(await partnersForPosting({ ref }, { signedIn: true, limit: 50, tuning })),
    consortium: async (ref) => {
      return refsOf((await partnersForConsortium(await consortiumSource({ ref }), { limit: 10, tuning })).list);
    },
  });
  const noCollaboration = { collaboration: 0 };
  const bestPostingOnly = { ...noCollaboration, depth: 1, projectShare: 0 };
  return [
    {
      name: "baseline: plain BM25, best posting",
      need: (ref) => bm25Baseline({ ref }),
      consortium: (ref) => bm25Baseline({ consortiumRef: ref }),
    },
    variant("BM25 retriever, best posting only", { weights: bestPostingOnly, meili: false }),
    variant("+ all postings and projects", { weights: noCollaboration, meili: false }),
    variant("+ collaboration history", { meili: false }),
    variant("matcher (+ Meilisearch and vocabulary)"),
  ];
}

/** Plain BM25 over every stem of the query: companies in the order of their best posting. */
async function bm25Baseline(q: { ref: string } | { consortiumRef: string }): Promise<string[]> {
  const prisma = getPrisma();
  let text, exclude: string[];
  if ("ref" in q) {
    const p = await prisma.posting.findFirstOrThrow({
      where: { ref: q.ref },
      select: { title: true, keywords: true, description: true, organizationId: true },
    });
    text = { title: p.title, keywords: p.keywords, body: p.description };
    exclude = p.organizationId ? [p.organizationId] : [];
  } else {
    const c = await prisma.consortium.findUniqueOrThrow({
      where: { ref: q.consortiumRef },
      select: { title: true, keywords: true, summary: true, members: { select: { organizationId: true } } },
    });
    text = { title: c.title, keywords: c.keywords, body: c.summary };
    exclude = c.members.map((m) => m.organizationId);
  }
  const hits = await rankPostings(
    await queryTerms(text, "posting", 10_000),
    { kind: "competence", signedIn: true, now: new Date(), excludeOrganizationIds: exclude, organizationKind: "company" },
    300,
  );
  const refs = new Map(
    (
      await prisma.organization.findMany({
        where: { id: { in: hits.map((h) => h.organizationId!).filter(Boolean) } },
        select: { id: true, ref: true },
      })
    ).map((o) => [o.id, o.ref ?? ""]),
  );
  return [...new Set(hits.map((h) => refs.get(h.organizationId!) ?? ""))].slice(0, 50);
}

async function evaluateFold(labels: Labels, kinds: Map<string, string>, groupOf: (ref: string) => string, m: Method) {
  const recall: number[] = [];
  const hits: number[] = [];
  const times: number[] = [];
  let sameGroup = 0;
  for (const [need, real] of Object.entries(labels.needs)) {
    const t = performance.now();
    const got = await m.need(need);
    times.push(performance.now() - t);
    const companies = [...new Set(got.filter((r) => kinds.get(r) === "company"))].slice(0, 10);
    recall.push(real.filter((r) => companies.includes(r)).length / Math.min(real.length, 10));
  }
  for (const [ref, lab] of Object.entries(labels.consortia)) {
    const t = performance.now();
    const got = (await m.consortium(ref)).slice(0, 10);
    times.push(performance.now() - t);
    const present = new Set(lab.companies.map(groupOf));
    sameGroup += got.filter((o) => present.has(groupOf(o))).length;
    hits.push(got.includes(lab.heldOut) ? 1 : 0);
  }
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);
  return { recall: mean(recall), hit: mean(hits), sameGroup, p50: percentile(times, 50), needs: recall.length, consortia: hits.length };
}

export async function realMatchBench(databaseUrl: string, dir: string): Promise<void> {
  const folds = ["fold1", "fold2"].filter((f) => existsSync(path.join(dir, `${f}.jsonl`)));
  if (folds.length === 0) throw new Error(`${dir} has no fold1.jsonl or fold2.jsonl (the development split of real consortia)`);
  console.log(`bench:match --real: ${folds.length} folds from ${dir}`);
  for (const fold of folds) {
    const db = `samband_bench_real_${fold}_${process.pid}`;
    await freshDb(databaseUrl, db);
    process.env.SAMBAND_INDEX_PREFIX = `bench_real_${fold}_${process.pid}_`;
    reloadConfig();
    try {
      const file = path.join(dir, `${fold}.jsonl`);
      const labels = JSON.parse(readFileSync(path.join(dir, `${fold}.labels.json`), "utf8")) as Labels;
      const t = performance.now();
      const summary = await importLines(createInterface({ input: createReadStream(file, { encoding: "utf8" }), crlfDelay: Infinity }));
      await applySearchSettings();
      const indexed = await reindexPostings();
      console.log(
        `\n${fold}: ${summary.created} records (${summary.rejected} rejected), ${indexed} postings indexed in ${((performance.now() - t) / 1000).toFixed(0)} s; ${Object.keys(labels.needs).length} needs, ${Object.keys(labels.consortia).length} consortia`,
      );
      const orgs = await getPrisma().organization.findMany({ select: { id: true, ref: true, kind: true, parentId: true } });
      const refOf = new Map(orgs.map((o) => [o.id, o.ref ?? o.id]));
      const kinds = new Map(orgs.map((o) => [o.ref ?? o.id, o.kind as string]));
      const parent = new Map(orgs.map((o) => [o.ref ?? o.id, o.parentId ? refOf.get(o.parentId)! : null]));
      const groupOf = (ref: string) => group(ref, parent);
      let base: { recall: number; hit: number } | undefined;
      for (const m of methods()) {
        const r = await evaluateFold(labels, kinds, groupOf, m);
        base ??= r;
        const ratio = (x: number, b: number) => (b > 0 ? `${(x / b).toFixed(2)}x` : "-");
        console.log(
          `  ${m.name.padEnd(42)} need recall@10 ${r.recall.toFixed(3)} (${ratio(r.recall, base.recall)})   consortium hit@10 ${r.hit.toFixed(3)} (${ratio(r.hit, base.hit)})   same group ${r.sameGroup}   ${r.p50.toFixed(0)} ms per suggestion (p50)`,
        );
      }
    } finally {
      await meili()
        .deleteIndex(postingsIndex().uid)
        .waitTask({ timeout: 120_000 })
        .catch(() => {});
      await meili()
        .deleteIndex(profilesIndex().uid)
        .waitTask({ timeout: 120_000 })
        .catch(() => {});
      await dropDbs(databaseUrl, [db]);
    }
  }
}
