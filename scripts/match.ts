// npm run --silent match -- --ref POSTING_REF [--limit N] [--json]
// npm run --silent match -- --consortium CONSORTIUM_REF [--limit N] [--json]
// The best partners for a posting (organizations, or people posting on their own, each with
// the postings that make the match), or companies to complete a consortium, best first.
// With --json, standard output carries only the JSON array; everything else (service
// start-up, errors) goes to stderr.
import { parseArgs } from "node:util";
import { disconnectPrisma } from "#app/lib/db.server.ts";
import { partnersToJson } from "#search/match-json.ts";
import { MAX_LIMIT, NotFoundError } from "#search/match.server.ts";
import { consortiumSource, partnersForConsortium, partnersForPosting } from "#search/partners.server.ts";
import { main, withServices } from "#scripts/lib/cli.ts";

const USAGE = `Usage: npm run --silent match -- (--ref POSTING_REF | --consortium CONSORTIUM_REF) [--limit N] [--json]   (N from 1 to ${MAX_LIMIT}, default 10)`;

function args(): { ref: string; consortium: boolean; limit: number; json: boolean } | string {
  let parsed;
  try {
    parsed = parseArgs({
      options: { ref: { type: "string" }, consortium: { type: "string" }, limit: { type: "string" }, json: { type: "boolean" } },
      strict: true,
      allowPositionals: false,
    });
  } catch (error) {
    return (error as Error).message;
  }
  const { ref, consortium, limit = "10", json = false } = parsed.values;
  if (ref !== undefined && consortium !== undefined) return "give --ref or --consortium, not both";
  const which = ref ?? consortium;
  if (!which?.trim()) return "--ref (or --consortium) is required";
  if (!/^\d+$/.test(limit) || Number(limit) < 1 || Number(limit) > MAX_LIMIT)
    return `--limit must be a whole number from 1 to ${MAX_LIMIT}, not "${limit}"`;
  return { ref: which.trim(), consortium: consortium !== undefined, limit: Number(limit), json };
}

main(async () => {
  const a = args();
  if (typeof a === "string") {
    console.error(`${a}\n${USAGE}`);
    return 2;
  }
  return withServices(
    async () => {
      try {
        let list;
        if (a.consortium) {
          list = (await partnersForConsortium(await consortiumSource({ ref: a.ref }), { limit: a.limit })).list;
        } else list = await partnersForPosting({ ref: a.ref }, { signedIn: true, limit: a.limit });
        const rows = partnersToJson(list);
        if (a.json) process.stdout.write(JSON.stringify(rows) + "\n");
        else if (rows.length === 0) console.log(`No suggestions for ${a.ref}.`);
        else
          for (const r of rows) {
            console.log(`${String(r.score).padStart(3)}  ${r.ref ?? "(no ref)"}  ${r.name}\n     ${r.reasons.join("; ")}`);
            for (const p of r.postings) console.log(`     · ${p.ref ?? "(no ref)"}  ${p.title}`);
          }
        return 0;
      } catch (error) {
        if (error instanceof NotFoundError) {
          console.error(error.message);
          return 1;
        }
        throw error;
      } finally {
        await disconnectPrisma();
      }
    },
    { needs: ["postgres", "meili"], quiet: true },
  );
});
