// The one place that reads process.env. Web, workers and scripts all call loadConfig(),
// so a typo or a malformed value stops every entry point with the same message.
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { parseEnv } from "node:util";
import { z } from "zod";
import { DEFAULT_DAILY_CONVERSATIONS } from "#app/domain/messaging-safety.ts";
import { QUEUE_NAMES } from "#app/lib/jobs.server.ts";

const url = (protocols: string[]) =>
  z
    .string()
    .trim()
    .refine(
      (v) => {
        try {
          return protocols.includes(new URL(v).protocol);
        } catch {
          return false;
        }
      },
      `must be a URL starting with ${protocols.map((p) => `${p}//`).join(" or ")}`,
    );

const int = (min: number, max: number) =>
  z.string().trim().regex(/^\d+$/, "must be a whole number").transform(Number).pipe(z.number().int().min(min).max(max));

// Every variable the product reads. Keep in step with .env.example and docs/configuration.md.
const schema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  PORT: int(0, 65535).default(3000),
  HOST: z.string().trim().min(1).default("127.0.0.1"),
  // Reverse proxies in front of the web server whose X-Forwarded-For entries are believed
  // (app/lib/client-ip.ts). 0: none, so a client cannot choose the address it is throttled by.
  TRUST_PROXY: int(0, 10).default(0),
  DATABASE_URL: url(["postgres:", "postgresql:"]).optional(),
  REDIS_URL: url(["redis:", "rediss:"]).optional(),
  MEILI_URL: url(["http:", "https:"]).optional(),
  MEILI_MASTER_KEY: z.string().min(16, "must be at least 16 characters").optional(),
  SMTP_URL: url(["smtp:", "smtps:"]).optional(),
  MAIL_FROM: z.string().trim().min(3).default("Samband <no-reply@samband.local>"),
  APP_URL: url(["http:", "https:"]).optional(),
  SAMBAND_DATA_DIR: z.string().trim().min(1).default(".data"),
  SAMBAND_MAIL_DIR: z.string().trim().min(1).optional(),
  // Uploaded documents (signed letters of intent): a folder every web process reaches
  // (docs/decisions/0018-documents-in-a-shared-folder.md).
  SAMBAND_DOCUMENTS_DIR: z.string().trim().min(1).optional(),
  // The largest signed letter of intent accepted, in bytes.
  SAMBAND_LETTER_MAX_BYTES: int(1024, 100 * 1024 * 1024).default(5 * 1024 * 1024),
  SAMBAND_INDEX_PREFIX: z
    .string()
    .regex(/^[a-z0-9_]*$/, "may contain only a-z, 0-9 and _")
    .default(""),
  SAMBAND_QUEUE_PREFIX: z
    .string()
    .regex(/^[a-zA-Z0-9_-]+$/, "may contain only letters, digits, _ and -")
    .default("samband"),
  SAMBAND_HEARTBEAT_MS: int(100, 600_000).default(5000),
  SAMBAND_HEALTH_TIMEOUT_MS: int(100, 60_000).default(2000),
  SAMBAND_WORKER_CONCURRENCY: int(1, 100).default(4),
  // Requests one web process renders at once, and how many more may wait their turn;
  // beyond that it answers 503 at once (server/shed.ts). Ten matches the database pool
  // (app/lib/db.server.ts): more at once would only wait for a connection instead.
  SAMBAND_WEB_CONCURRENCY: int(1, 1000).default(10),
  SAMBAND_WEB_QUEUE: int(0, 10_000).default(100),
  // Which queues this worker process serves, so busy ones can get processes of their own.
  SAMBAND_WORKER_QUEUES: z
    .string()
    .trim()
    .transform((v) => [
      ...new Set(
        v
          .split(",")
          .map((q) => q.trim())
          .filter(Boolean),
      ),
    ])
    .pipe(z.array(z.enum(QUEUE_NAMES, { message: `each must be one of ${QUEUE_NAMES.join(", ")}` })).min(1, "name at least one queue"))
    .default([...QUEUE_NAMES]),
  // New conversations one person may open in any 24 hours (app/domain/messaging-safety.ts);
  // a message in a conversation already open does not count.
  SAMBAND_DAILY_CONVERSATIONS: int(0, 10_000).default(DEFAULT_DAILY_CONVERSATIONS),
  SAMBAND_SEED: z.enum(["auto", "never"]).default("auto"),
  SAMBAND_BUILD_DIR: z.string().trim().min(1).default("build"),
});

export type Config = z.infer<typeof schema> & { dataDir: string; mailDir: string; documentsDir: string };

export class ConfigError extends Error {
  constructor(public readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    this.name = "ConfigError";
  }
}

/** Every variable the product reads. */
export const CONFIG_VARIABLES = Object.keys(schema.shape);
const KNOWN = new Set(CONFIG_VARIABLES);

/** Validates `env`; throws ConfigError naming every bad or unknown variable. */
export function parseConfig(env: Record<string, string | undefined> = process.env, cwd = process.cwd()): Config {
  const problems: string[] = [];
  // Our own namespace is closed: SAMBAND_DATA_DIRR is a typo, not a new feature.
  for (const name of Object.keys(env)) {
    if (name.startsWith("SAMBAND_") && !KNOWN.has(name)) {
      problems.push(`${name}: unknown variable (known: ${[...KNOWN].filter((k) => k.startsWith("SAMBAND_")).join(", ")})`);
    }
  }
  // Empty strings count as unset, the way shells and .env files write "not given".
  const given = Object.fromEntries([...KNOWN].map((k) => [k, env[k] === "" ? undefined : env[k]]).filter(([, v]) => v !== undefined));
  const result = schema.safeParse(given);
  if (!result.success) {
    for (const issue of result.error.issues) {
      const name = String(issue.path[0]);
      const shown = name.endsWith("KEY") || name === "SMTP_URL" ? "(hidden)" : JSON.stringify(given[name]);
      problems.push(`${name}=${shown}: ${issue.message}`);
    }
  }
  if (problems.length > 0 || !result.success) throw new ConfigError(problems);
  const dataDir = path.resolve(cwd, result.data.SAMBAND_DATA_DIR);
  const mailDir = path.resolve(cwd, result.data.SAMBAND_MAIL_DIR ?? path.join(dataDir, "mail"));
  const documentsDir = path.resolve(cwd, result.data.SAMBAND_DOCUMENTS_DIR ?? path.join(dataDir, "documents"));
  return { ...result.data, dataDir, mailDir, documentsDir };
}

/**
 * The environment, with a .env file in the working directory filling in what the
 * environment leaves unset. Tests (NODE_ENV=test) never read .env.
 */
function environment(): Record<string, string | undefined> {
  const file = path.join(process.cwd(), ".env");
  if (process.env.NODE_ENV === "test" || !existsSync(file)) return process.env;
  return { ...parseEnv(readFileSync(file, "utf8")), ...process.env };
}

let cached: Config | undefined;

/**
 * The address people reach the product at, for links in emails: APP_URL, or this
 * machine's port for development. Never taken from a request, whose Host header anyone
 * can set (a reset link must not lead to someone else's site).
 */
export function publicUrl(config: Config = loadConfig()): string {
  return (config.APP_URL ?? `http://localhost:${config.PORT}`).replace(/\/$/, "");
}

/** The process's configuration, validated once. */
export function loadConfig(): Config {
  cached ??= parseConfig(environment());
  return cached;
}

/** Re-reads process.env, after a launcher has filled in the service URLs it found. */
export function reloadConfig(): Config {
  cached = parseConfig(environment());
  return cached;
}

/** For process entry points: the config, or the problems on stderr and exit status 2. */
export function loadConfigOrExit(): Config {
  try {
    return loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(2);
    }
    throw error;
  }
}
