// npm run import -- FILE [--strict]: imports JSON Lines (docs/import-export.md).
import { createReadStream, existsSync, statSync } from "node:fs";
import { importLines } from "#app/import/import.server.ts";
import { splitLines } from "#app/import/lines.ts";
import { disconnectPrisma } from "#app/lib/db.server.ts";
import { main, withServices } from "#scripts/lib/cli.ts";
import { migrate } from "#scripts/lib/migrate.ts";
import { progressBar } from "#scripts/lib/progress.ts";

const USAGE = "Usage: npm run import -- FILE [--strict]   (FILE: JSON Lines, one record per line; - for standard input)";

main(async () => {
  const args = process.argv.slice(2);
  const strict = args.includes("--strict");
  const files = args.filter((a) => a !== "--strict");
  const unknown = files.filter((a) => a.startsWith("--"));
  if (unknown.length || files.length !== 1) {
    console.error(unknown.length ? `Unknown option ${unknown.join(", ")}\n${USAGE}` : USAGE);
    return 2;
  }
  const file = files[0]!;
  if (file !== "-" && (!existsSync(file) || !statSync(file).isFile())) {
    console.error(`${file}: no such file`);
    return 2;
  }
  return withServices(
    async (services) => {
      await migrate(services.databaseUrl);
      const lines = splitLines(file === "-" ? process.stdin : createReadStream(file));
      const bar = progressBar(process.stderr);
      const summary = await importLines(lines, { strict, onProgress: bar.update });
      bar.done();
      await disconnectPrisma();
      for (const e of summary.errors) console.error(`line ${e.line}: ${e.error}`);
      const counts = `created ${summary.created}, updated ${summary.updated}, unchanged ${summary.unchanged}, rejected ${summary.rejected}`;
      if (!summary.written) console.error(`Nothing was imported (--strict): ${summary.rejected} line(s) rejected.`);
      else console.log(counts);
      return summary.rejected > 0 ? 1 : 0;
    },
    { needs: ["postgres"], quiet: true },
  );
});
