// npm run db:seed: (re)applies the demo data; safe to run again.
import { getPrisma, disconnectPrisma } from "#app/lib/db.server.ts";
import { seedDemo } from "#prisma/seed.ts";
import { main, withServices } from "#scripts/lib/cli.ts";
import { migrate } from "#scripts/lib/migrate.ts";

main(() =>
  withServices(
    async (services) => {
      await migrate(services.databaseUrl, { log: console.log });
      const counts = await seedDemo(getPrisma());
      await disconnectPrisma();
      console.log(
        `Seeded ${counts.organizations} organizations, ${counts.people} people, ${counts.postings} postings and ${counts.consortia} consortia.`,
      );
    },
    { needs: ["postgres"] },
  ),
);
