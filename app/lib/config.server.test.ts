import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { CONFIG_VARIABLES, ConfigError, parseConfig } from "#app/lib/config.server.ts";

function problems(env: Record<string, string>): string[] {
  try {
    parseConfig(env, "/srv/app");
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

describe("parseConfig", () => {
  it("gives every variable a working default", () => {
    const c = parseConfig({}, "/srv/app");
    expect(c.PORT).toBe(3000);
    expect(c.HOST).toBe("127.0.0.1");
    expect(c.TRUST_PROXY).toBe(0); // X-Forwarded-For is ignored unless proxies are declared
    expect(c.DATABASE_URL).toBeUndefined();
    expect(c.dataDir).toBe("/srv/app/.data");
    expect(c.SAMBAND_QUEUE_PREFIX).toBe("samband");
    expect(c.SAMBAND_WORKER_QUEUES).toEqual(["maintenance", "email", "search", "consortia"]);
    expect([c.SAMBAND_WEB_CONCURRENCY, c.SAMBAND_WEB_QUEUE]).toEqual([10, 100]);
  });

  it("lets a worker process serve some queues only", () => {
    expect(parseConfig({ SAMBAND_WORKER_QUEUES: " consortia, email ,consortia" }).SAMBAND_WORKER_QUEUES).toEqual(["consortia", "email"]);
  });

  it("accepts well-formed values", () => {
    const c = parseConfig(
      {
        PORT: "8080",
        DATABASE_URL: "postgresql://u:p@db:5432/x",
        REDIS_URL: "redis://r:6379/2",
        MEILI_URL: "https://search.example",
        SAMBAND_DATA_DIR: "/var/lib/samband",
      },
      "/srv/app",
    );
    expect(c.PORT).toBe(8080);
    expect(c.REDIS_URL).toBe("redis://r:6379/2");
    expect(c.dataDir).toBe("/var/lib/samband");
    expect(c.documentsDir).toBe("/var/lib/samband/documents");
    expect(c.SAMBAND_LETTER_MAX_BYTES).toBe(5 * 1024 * 1024);
    expect(parseConfig({ SAMBAND_DOCUMENTS_DIR: "docs-store", SAMBAND_LETTER_MAX_BYTES: "2048" }, "/srv/app")).toMatchObject({
      documentsDir: "/srv/app/docs-store",
      SAMBAND_LETTER_MAX_BYTES: 2048,
    });
  });

  it("treats an empty value as not set", () => {
    expect(parseConfig({ DATABASE_URL: "", PORT: "" }).PORT).toBe(3000);
  });

  it.each([
    [{ DATABASE_URL: "nonsense" }, /^DATABASE_URL="nonsense": must be a URL starting with postgres:\/\//],
    [{ DATABASE_URL: "mysql://x@y/z" }, /^DATABASE_URL=.*postgres/],
    [{ REDIS_URL: "127.0.0.1:6379" }, /^REDIS_URL=.*redis:\/\//],
    [{ MEILI_URL: "ftp://x" }, /^MEILI_URL=.*http:\/\//],
    [{ PORT: "eighty" }, /^PORT="eighty": must be a whole number/],
    [{ PORT: "70000" }, /^PORT="70000"/],
    [{ PORT: "-1" }, /^PORT="-1"/],
    [{ TRUST_PROXY: "yes" }, /^TRUST_PROXY="yes": must be a whole number/],
    [{ SAMBAND_LETTER_MAX_BYTES: "5MB" }, /^SAMBAND_LETTER_MAX_BYTES="5MB": must be a whole number/],
    [{ SAMBAND_LETTER_MAX_BYTES: "10" }, /^SAMBAND_LETTER_MAX_BYTES="10"/],
    [{ TRUST_PROXY: "11" }, /^TRUST_PROXY="11"/],
    [{ NODE_ENV: "staging" }, /^NODE_ENV="staging"/],
    [{ SAMBAND_INDEX_PREFIX: "a b" }, /^SAMBAND_INDEX_PREFIX=/],
    [{ SAMBAND_QUEUE_PREFIX: "x:y" }, /^SAMBAND_QUEUE_PREFIX=/],
    [{ SAMBAND_HEARTBEAT_MS: "10" }, /^SAMBAND_HEARTBEAT_MS="10"/],
    [{ SAMBAND_DATA_DIRR: ".data" }, /^SAMBAND_DATA_DIRR: unknown variable/],
    [{ SAMBAND_WORKER_QUEUES: "email,mail" }, /^SAMBAND_WORKER_QUEUES="email,mail".*one of maintenance, email, search, consortia/],
    [{ SAMBAND_WORKER_QUEUES: " , " }, /^SAMBAND_WORKER_QUEUES=.*at least one queue/],
    [{ SAMBAND_WEB_CONCURRENCY: "0" }, /^SAMBAND_WEB_CONCURRENCY="0"/],
    [{ SAMBAND_WEB_QUEUE: "lots" }, /^SAMBAND_WEB_QUEUE="lots": must be a whole number/],
  ])("rejects %o naming the variable", (env, message) => {
    const found = problems(env);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatch(message);
  });

  it("reports every problem at once", () => {
    expect(problems({ DATABASE_URL: "x", PORT: "y", SAMBAND_NOPE: "1" })).toHaveLength(3);
  });

  it("never echoes a secret", () => {
    const [p] = problems({ MEILI_MASTER_KEY: "short-secret" });
    expect(p).toContain("MEILI_MASTER_KEY=(hidden)");
    expect(p).not.toContain("short-secret");
  });

  it("ignores variables outside its namespace", () => {
    expect(problems({ PATH: "/bin", MEILI_NO_ANALYTICS: "true", HOSTNAME: "x" })).toEqual([]);
  });
});

describe("loadConfig with a .env file", () => {
  it("fills in what the environment leaves unset, and the environment wins", async () => {
    const { mkdtempSync, writeFileSync } = await import("node:fs");
    const os = await import("node:os");
    const path = await import("node:path");
    const { reloadConfig } = await import("#app/lib/config.server.ts");
    const dir = mkdtempSync(path.join(os.tmpdir(), "samband-env-"));
    writeFileSync(path.join(dir, ".env"), "PORT=4321\nSAMBAND_QUEUE_PREFIX=from_file\n");
    const saved = { cwd: process.cwd(), NODE_ENV: process.env.NODE_ENV, PORT: process.env.PORT, Q: process.env.SAMBAND_QUEUE_PREFIX };
    try {
      process.chdir(dir);
      process.env.NODE_ENV = "development";
      delete process.env.PORT;
      process.env.SAMBAND_QUEUE_PREFIX = "from_env";
      const c = reloadConfig();
      expect(c.PORT).toBe(4321);
      expect(c.SAMBAND_QUEUE_PREFIX).toBe("from_env");
    } finally {
      process.chdir(saved.cwd);
      const env = process.env as Record<string, string | undefined>;
      for (const [k, v] of [
        ["NODE_ENV", saved.NODE_ENV],
        ["PORT", saved.PORT],
        ["SAMBAND_QUEUE_PREFIX", saved.Q],
      ] as const) {
        if (v === undefined) delete env[k];
        else env[k] = v;
      }
      reloadConfig();
    }
  });
});

describe("documentation", () => {
  it("docs/configuration.md (linked from the README) and .env.example describe every variable", () => {
    const readme = readFileSync(new URL("../../README.md", import.meta.url), "utf8");
    expect(readme).toContain("(docs/configuration.md)");
    const docs = readFileSync(new URL("../../docs/configuration.md", import.meta.url), "utf8");
    const example = readFileSync(new URL("../../.env.example", import.meta.url), "utf8");
    for (const name of CONFIG_VARIABLES) {
      expect(docs, `docs/configuration.md: ${name}`).toContain(`| \`${name}\` |`);
      expect(example, `.env.example: ${name}`).toMatch(new RegExp(`^# ${name}=`, "m"));
    }
  });
});
