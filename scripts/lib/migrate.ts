// Applies prisma/migrations/*/migration.sql without Prisma's (downloaded) migration
// engine. It keeps Prisma's own bookkeeping table, so `prisma migrate deploy` on a
// connected machine sees the same history (docs/decisions/0002-offline-migrations.md).
import { createHash, randomUUID } from "node:crypto";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import pg from "pg";

export const MIGRATIONS_DIR = path.resolve(import.meta.dirname, "../../prisma/migrations");

// Any constant works; it only has to be the same for every process migrating.
const LOCK_KEY = 7_262_026_001;

export interface Migration {
  name: string;
  sql: string;
  checksum: string;
}

export function readMigrations(dir = MIGRATIONS_DIR): Migration[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(path.join(dir, d.name, "migration.sql")))
    .map((d) => d.name)
    .sort()
    .map((name) => {
      const sql = readFileSync(path.join(dir, name, "migration.sql"), "utf8");
      return { name, sql, checksum: createHash("sha256").update(sql).digest("hex") };
    });
}

export class MigrationError extends Error {
  constructor(
    message: string,
    public readonly migration?: string,
  ) {
    super(message);
    this.name = "MigrationError";
  }
}

const BOOKKEEPING = `
CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
  "id" VARCHAR(36) PRIMARY KEY NOT NULL,
  "checksum" VARCHAR(64) NOT NULL,
  "finished_at" TIMESTAMPTZ,
  "migration_name" VARCHAR(255) NOT NULL,
  "logs" TEXT,
  "rolled_back_at" TIMESTAMPTZ,
  "started_at" TIMESTAMPTZ NOT NULL DEFAULT now(),
  "applied_steps_count" INTEGER NOT NULL DEFAULT 0
)`;

/**
 * Applies every pending migration, each in its own transaction, under an advisory
 * lock so concurrent callers apply each migration exactly once. Returns the names
 * applied by this call.
 */
export async function migrate(
  databaseUrl: string,
  { migrations = readMigrations(), log = (_: string) => {} }: { migrations?: Migration[]; log?: (m: string) => void } = {},
): Promise<string[]> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query("SELECT pg_advisory_lock($1)", [LOCK_KEY]);
    await client.query(BOOKKEEPING);
    const { rows } = await client.query<{ migration_name: string; checksum: string; finished_at: Date | null }>(
      `SELECT migration_name, checksum, finished_at FROM "_prisma_migrations" WHERE rolled_back_at IS NULL`,
    );
    const applied = new Map(rows.map((r) => [r.migration_name, r]));
    const known = new Set(migrations.map((m) => m.name));

    for (const row of rows) {
      if (!row.finished_at) {
        throw new MigrationError(
          `Migration ${row.migration_name} was started but never finished. Inspect the database, fix it, then mark the row in "_prisma_migrations" as rolled back.`,
          row.migration_name,
        );
      }
      if (!known.has(row.migration_name)) {
        throw new MigrationError(
          `The database has migration ${row.migration_name}, which is not in ${MIGRATIONS_DIR}. Is this checkout older than the database?`,
          row.migration_name,
        );
      }
    }

    const done: string[] = [];
    for (const m of migrations) {
      const previous = applied.get(m.name);
      if (previous) {
        if (previous.checksum !== m.checksum) {
          throw new MigrationError(
            `Migration ${m.name} was edited after it was applied (checksum differs). Write a new migration instead of changing an applied one.`,
            m.name,
          );
        }
        continue;
      }
      log(`Applying migration ${m.name}`);
      // DDL is transactional in PostgreSQL: a failing statement leaves nothing behind.
      await client.query("BEGIN");
      try {
        await client.query(m.sql);
        await client.query(
          `INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at, finished_at, applied_steps_count)
           VALUES ($1, $2, $3, now(), now(), 1)`,
          [randomUUID(), m.checksum, m.name],
        );
        await client.query("COMMIT");
      } catch (error) {
        await client.query("ROLLBACK");
        const e = error as { message: string; position?: string };
        const where = e.position ? ` (at character ${e.position} of migration.sql)` : "";
        throw new MigrationError(`Migration ${m.name} failed and was rolled back: ${e.message}${where}`, m.name);
      }
      done.push(m.name);
    }
    return done;
  } finally {
    await client.query("SELECT pg_advisory_unlock($1)", [LOCK_KEY]).catch(() => {});
    await client.end();
  }
}
