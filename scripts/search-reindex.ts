// npm run search:reindex: rebuilds the postings and profiles indexes from PostgreSQL into a fresh
// index and swaps it in; searches keep working from the old one meanwhile.
import { disconnectPrisma } from "#app/lib/db.server.ts";
import { applySearchSettings } from "#search/setup.server.ts";
import { reindexProfiles } from "#search/profiles.server.ts";
import { reindexPostings } from "#search/sync.server.ts";
import { main, withServices } from "#scripts/lib/cli.ts";
import { migrate } from "#scripts/lib/migrate.ts";
import { progressBar } from "#scripts/lib/progress.ts";

main(() =>
  withServices(async (services) => {
    await migrate(services.databaseUrl);
    await applySearchSettings();
    const bar = progressBar(process.stderr);
    const n = await reindexPostings((done, total) => bar.update("postings", done, total));
    bar.done();
    const m = await reindexProfiles((done, total) => bar.update("profiles", done, total));
    bar.done();
    await disconnectPrisma();
    console.log(`Indexed ${n} postings and ${m} profiles (researchers and organizations).`);
  }),
);
