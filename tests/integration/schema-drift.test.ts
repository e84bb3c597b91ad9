// prisma/schema.prisma and prisma/migrations must describe the same database. Database A
// is built by our runner from the migrations; database B from the SQL Prisma's own
// schema engine renders for schema.prisma. Their catalogs must be identical.
import { readFileSync } from "node:fs";
import { afterAll, describe, expect, inject, it } from "vitest";
import pg from "pg";
import { migrate } from "#scripts/lib/migrate.ts";
import { SCHEMA_FILE, SNAPSHOT_FILE, schemaDiffSql } from "#scripts/lib/schema-engine.ts";
import { emptyDatabases } from "#tests/helpers/databases.ts";

const databases = emptyDatabases(inject("databaseUrl"), inject("runId"));
const emptyDb = databases.create;
afterAll(databases.dropAll);

/** Every table's columns, indexes, constraints and every enum, as comparable text. */
async function catalog(url: string): Promise<Record<string, string[]>> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    const q = async (sql: string) => (await c.query<{ x: string }>(sql)).rows.map((r) => r.x);
    return {
      columns: await q(`
        SELECT format('%s.%s %s %s default=%s', table_name, column_name,
               format_type(a.atttypid, a.atttypmod), CASE WHEN is_nullable = 'YES' THEN 'null' ELSE 'not null' END, column_default) AS x
        FROM information_schema.columns col
        JOIN pg_attribute a ON a.attrelid = format('public.%I', col.table_name)::regclass AND a.attname = col.column_name
        WHERE table_schema = 'public' AND table_name <> '_prisma_migrations' ORDER BY 1`),
      indexes: await q(`SELECT indexdef AS x FROM pg_indexes WHERE schemaname = 'public' AND tablename <> '_prisma_migrations' ORDER BY 1`),
      constraints: await q(`
        SELECT format('%s %s %s', conrelid::regclass, conname, pg_get_constraintdef(oid)) AS x
        FROM pg_constraint WHERE connamespace = 'public'::regnamespace AND conrelid::regclass::text <> '_prisma_migrations'
          AND contype <> 't' -- constraint triggers are hand-written SQL, like every trigger: Prisma's schema has none
        ORDER BY 1`),
      enums: await q(`
        SELECT format('%s: %s', t.typname, string_agg(e.enumlabel, ',' ORDER BY e.enumsortorder)) AS x
        FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid GROUP BY t.typname ORDER BY 1`),
    };
  } finally {
    await c.end();
  }
}

async function exec(url: string, sql: string) {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  await c.query(sql).finally(() => c.end());
}

describe("schema.prisma and the migrations", () => {
  it("describe the same database", async () => {
    const fromMigrations = await emptyDb();
    await migrate(fromMigrations);
    const fromSchema = await emptyDb();
    await exec(fromSchema, await schemaDiffSql(fromSchema, undefined, readFileSync(SCHEMA_FILE, "utf8")));

    const a = await catalog(fromMigrations);
    const b = await catalog(fromSchema);
    expect(a.columns.length).toBeGreaterThan(10);
    expect(a).toEqual(b);
  });

  it("the comparison notices a difference in nullability, type or index", async () => {
    const url = await emptyDb();
    await migrate(url);
    const before = await catalog(url);
    await exec(url, `ALTER TABLE "Posting" ALTER COLUMN "title" DROP NOT NULL`);
    await exec(url, `DROP INDEX "Posting_organizationId_idx"`);
    const after = await catalog(url);
    expect(after.columns).not.toEqual(before.columns);
    expect(after.indexes).not.toEqual(before.indexes);
  });

  it("the snapshot db:diff starts from is the schema of the newest migration", () => {
    // A schema change without `npm run db:diff` would make the next diff repeat or miss it.
    expect(readFileSync(SNAPSHOT_FILE, "utf8")).toBe(readFileSync(SCHEMA_FILE, "utf8"));
  });
});
