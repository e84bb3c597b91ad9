// The offline migration runner against a real PostgreSQL.
import { afterAll, describe, expect, it } from "vitest";
import { inject } from "vitest";
import pg from "pg";
import { migrate, MigrationError, readMigrations, type Migration } from "#scripts/lib/migrate.ts";
import { emptyDatabases } from "#tests/helpers/databases.ts";

const databases = emptyDatabases(inject("databaseUrl"), inject("runId"));
const emptyDb = databases.create;
afterAll(databases.dropAll);

async function query<T extends pg.QueryResultRow>(url: string, sql: string): Promise<T[]> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return (await c.query<T>(sql)).rows;
  } finally {
    await c.end();
  }
}

const m = (name: string, sql: string): Migration => ({ name, sql, checksum: name + sql.length });

describe("migrate", () => {
  it("applies every migration to an empty database, then nothing the second time", async () => {
    const url = await emptyDb();
    const all = readMigrations();
    expect(all.length).toBeGreaterThan(0);
    expect(await migrate(url)).toEqual(all.map((x) => x.name));
    expect(await migrate(url)).toEqual([]);
    const rows = await query<{ migration_name: string; finished_at: Date }>(
      url,
      `SELECT migration_name, finished_at FROM "_prisma_migrations"`,
    );
    expect(rows.map((r) => r.migration_name)).toEqual(all.map((x) => x.name));
    expect(rows.every((r) => r.finished_at instanceof Date)).toBe(true);
  });

  it("applies each migration exactly once when several processes migrate at the same time", async () => {
    const url = await emptyDb();
    const migrations = [m("001_a", "CREATE TABLE a (id int)"), m("002_b", "CREATE TABLE b (id int); INSERT INTO a VALUES (1)")];
    const results = await Promise.all(Array.from({ length: 6 }, () => migrate(url, { migrations })));
    expect(results.flat().sort()).toEqual(["001_a", "002_b"]);
    expect(await query(url, "SELECT * FROM a")).toEqual([{ id: 1 }]);
    expect(await query(url, `SELECT count(*)::int AS n FROM "_prisma_migrations"`)).toEqual([{ n: 2 }]);
  });

  it("rolls back a failing migration completely and names it", async () => {
    const url = await emptyDb();
    const migrations = [
      m("001_ok", "CREATE TABLE ok (id int)"),
      m("002_broken", "CREATE TABLE half (id int); INSERT INTO missing_table VALUES (1)"),
      m("003_later", "CREATE TABLE later (id int)"),
    ];
    const error = await migrate(url, { migrations }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MigrationError);
    expect((error as MigrationError).message).toMatch(
      /Migration 002_broken failed and was rolled back: relation "missing_table" does not exist/,
    );
    const tables = await query<{ tablename: string }>(url, "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY 1");
    expect(tables.map((t) => t.tablename)).toEqual(["_prisma_migrations", "ok"]);
    expect(await query(url, `SELECT migration_name FROM "_prisma_migrations"`)).toEqual([{ migration_name: "001_ok" }]);

    // Fixed, it goes through on the next run.
    migrations[1] = m("002_broken", "CREATE TABLE half (id int)");
    expect(await migrate(url, { migrations })).toEqual(["002_broken", "003_later"]);
  });

  it("refuses a migration that was edited after it was applied", async () => {
    const url = await emptyDb();
    await migrate(url, { migrations: [m("001_a", "CREATE TABLE a (id int)")] });
    await expect(migrate(url, { migrations: [m("001_a", "CREATE TABLE a (id bigint)")] })).rejects.toThrow(
      /001_a was edited after it was applied/,
    );
  });

  it("refuses a database that has migrations this checkout does not know", async () => {
    const url = await emptyDb();
    await migrate(url, { migrations: [m("001_a", "SELECT 1"), m("002_new", "SELECT 1")] });
    await expect(migrate(url, { migrations: [m("001_a", "SELECT 1")] })).rejects.toThrow(/has migration 002_new, which is not in/);
  });

  it("stops at a migration some earlier run left unfinished", async () => {
    const url = await emptyDb();
    await migrate(url, { migrations: [m("001_a", "SELECT 1")] });
    await query(url, `UPDATE "_prisma_migrations" SET finished_at = NULL`);
    await expect(migrate(url, { migrations: [m("001_a", "SELECT 1")] })).rejects.toThrow(/001_a was started but never finished/);
  });
});
