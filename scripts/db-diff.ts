// npm run db:diff -- NAME: writes prisma/migrations/<timestamp>_NAME/migration.sql with
// the SQL that takes the schema of the newest migration to prisma/schema.prisma.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { main, withServices } from "#scripts/lib/cli.ts";
import { MIGRATIONS_DIR } from "#scripts/lib/migrate.ts";
import { schemaDiffSql, SNAPSHOT_FILE, SCHEMA_FILE } from "#scripts/lib/schema-engine.ts";

main(async () => {
  const name = process.argv[2] ?? "";
  if (!/^[a-z0-9_]{1,60}$/.test(name)) {
    console.error("Usage: npm run db:diff -- NAME   (NAME: 1-60 of a-z, 0-9, _; e.g. add_consortia)");
    return 2;
  }
  const from = existsSync(SNAPSHOT_FILE) ? readFileSync(SNAPSHOT_FILE, "utf8") : undefined;
  const to = readFileSync(SCHEMA_FILE, "utf8");
  const sql = await withServices((services) => schemaDiffSql(services.databaseUrl, from, to), { quiet: true, needs: ["postgres"] });
  if (!sql.trim() || /^-- This is an empty migration\.?\s*$/.test(sql.trim())) {
    console.log("prisma/schema.prisma has no changes since the newest migration.");
    return 0;
  }
  const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
  const dir = path.join(MIGRATIONS_DIR, `${stamp}_${name}`);
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, "migration.sql"), sql);
  writeFileSync(SNAPSHOT_FILE, to);
  console.log(`Wrote ${path.relative(process.cwd(), dir)}/migration.sql. Review it, then npm run db:migrate.`);
});
