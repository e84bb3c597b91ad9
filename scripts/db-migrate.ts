// npm run db:migrate: applies pending migrations to the database npm start uses.
import { main, withServices } from "#scripts/lib/cli.ts";
import { migrate } from "#scripts/lib/migrate.ts";

main(() =>
  withServices(
    async (services) => {
      const applied = await migrate(services.databaseUrl, { log: console.log });
      console.log(applied.length ? `Applied ${applied.length} migration(s).` : "The database is up to date.");
    },
    { needs: ["postgres"] },
  ),
);
