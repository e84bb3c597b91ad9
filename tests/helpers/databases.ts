// Test databases: one migrated template per set of migrations, cloned per test file.
// Names carry the creating process's pid so leftovers of a killed run can be found.
import { createHash, randomBytes } from "node:crypto";
import pg from "pg";
import { isAlive } from "#scripts/lib/proc.ts";
import { migrate, readMigrations } from "#scripts/lib/migrate.ts";

export function withDatabase(url: string, db: string): string {
  const u = new URL(url);
  u.pathname = `/${db}`;
  return u.toString();
}

export async function admin<T>(url: string, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: withDatabase(url, "postgres") });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

const TEMPLATE_LOCK = 7_262_026_002;

/** The template's name changes with the migrations, so an edited migration never reuses a stale one. */
export async function ensureTemplate(url: string): Promise<string> {
  const digest = createHash("sha256")
    .update(
      readMigrations()
        .map((m) => m.name + m.checksum)
        .join("\n"),
    )
    .digest("hex")
    .slice(0, 12);
  const name = `samband_tpl_${digest}`;
  await admin(url, async (c) => {
    await c.query("SELECT pg_advisory_lock($1)", [TEMPLATE_LOCK]);
    try {
      const exists = await c.query("SELECT 1 FROM pg_database WHERE datname = $1", [name]);
      if (exists.rowCount) return;
      const building = `${name}_building`;
      await c.query(`DROP DATABASE IF EXISTS ${building}`);
      await c.query(`CREATE DATABASE ${building}`);
      await migrate(withDatabase(url, building));
      // Renamed only when complete: a run killed mid-migration leaves no broken template.
      await c.query(`ALTER DATABASE ${building} RENAME TO ${name}`);
    } finally {
      await c.query("SELECT pg_advisory_unlock($1)", [TEMPLATE_LOCK]);
    }
  });
  return name;
}

export async function createTestDatabase(url: string, template: string, runId: string): Promise<string> {
  const name = `t_${runId}_${randomBytes(4).toString("hex")}`;
  await admin(url, (c) => c.query(`CREATE DATABASE ${name} TEMPLATE ${template}`));
  return name;
}

export async function createEmptyDatabase(url: string, runId: string): Promise<string> {
  const name = `t_${runId}_${randomBytes(4).toString("hex")}`;
  await admin(url, (c) => c.query(`CREATE DATABASE ${name}`));
  return name;
}

export async function dropDatabase(url: string, name: string): Promise<void> {
  await admin(url, (c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
}

/** Drops test databases of runs that are no longer alive (or, given runId, of that run). */
export async function dropStaleTestDatabases(url: string, runId?: string): Promise<void> {
  await admin(url, async (c) => {
    const { rows } = await c.query<{ datname: string }>("SELECT datname FROM pg_database WHERE datname LIKE 't\\_%'");
    for (const { datname } of rows) {
      const pid = Number(datname.split("_")[1]);
      if (runId ? String(pid) === runId : !isAlive(pid)) {
        await c.query(`DROP DATABASE IF EXISTS ${datname} WITH (FORCE)`);
      }
    }
  });
}

/** Fresh empty databases for one test file, all dropped by `dropAll` (call it in afterAll). */
export function emptyDatabases(url: string, runId: string) {
  const created: string[] = [];
  return {
    create: async () => {
      const name = await createEmptyDatabase(url, runId);
      created.push(name);
      return withDatabase(url, name);
    },
    dropAll: async () => {
      for (const name of created.splice(0)) await dropDatabase(url, name);
    },
  };
}
