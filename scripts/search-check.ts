// npm run search:check: reports postings missing from, out of date in, or wrongly
// present in the search index. Exit status 1 when anything is off.
import { disconnectPrisma } from "#app/lib/db.server.ts";
import { checkPostingsIndex } from "#search/sync.server.ts";
import { main, withServices } from "#scripts/lib/cli.ts";

main(() =>
  withServices(async () => {
    const r = await checkPostingsIndex();
    await disconnectPrisma();
    console.log(`postings: ${r.expected} active in PostgreSQL, ${r.indexed} in the index`);
    const show = (what: string, ids: string[]) =>
      ids.length && console.log(`${what} (${ids.length}): ${ids.slice(0, 20).join(", ")}${ids.length > 20 ? ", …" : ""}`);
    show("missing from the index", r.missing);
    show("out of date in the index", r.stale);
    show("in the index but not active", r.extra);
    const ok = !r.missing.length && !r.stale.length && !r.extra.length;
    console.log(ok ? "The index is in step." : "Run npm run search:reindex to rebuild it.");
    return ok ? 0 : 1;
  }),
);
