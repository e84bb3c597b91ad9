// npm run export -- [FILE]: writes everything as JSON Lines (to standard output without FILE).
import { once } from "node:events";
import { createWriteStream } from "node:fs";
import { conversationCounts, exportLines } from "#app/import/export.server.ts";
import { disconnectPrisma } from "#app/lib/db.server.ts";
import { main, withServices } from "#scripts/lib/cli.ts";
import { migrate } from "#scripts/lib/migrate.ts";

main(async () => {
  const args = process.argv.slice(2);
  if (args.length > 1 || args.some((a) => a.startsWith("--"))) {
    console.error("Usage: npm run export -- [FILE]   (without FILE: standard output)");
    return 2;
  }
  return withServices(
    async (services) => {
      await migrate(services.databaseUrl);
      const out = args[0] ? createWriteStream(args[0]) : process.stdout;
      let n = 0;
      for await (const line of exportLines()) {
        if (!out.write(line + "\n")) await once(out, "drain");
        n++;
      }
      if (args[0]) {
        out.end();
        await once(out, "finish");
        console.error(`Wrote ${n} records to ${args[0]}`);
      }
      // Conversations stay private: only their number is told, on standard error so standard output stays the file.
      const c = await conversationCounts();
      console.error(`Not exported (private): ${c.conversations} conversations (${c.declined} not interested), ${c.messages} messages`);
      await disconnectPrisma();
      return 0;
    },
    { needs: ["postgres"], quiet: true },
  );
});
