// Runs before each integration and browser test file, in its worker: a fresh database cloned from the migrated
// template, and its own Meilisearch index prefix and Redis key prefix, all removed
// after the file. Nothing a test writes is seen by another file or a later run.
import { randomBytes } from "node:crypto";
import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, inject } from "vitest";
import { reloadConfig } from "#app/lib/config.server.ts";
import { disconnectPrisma } from "#app/lib/db.server.ts";
import { closeMail } from "#app/lib/mail.server.ts";
import { startMailCatcher } from "#scripts/lib/mail-catcher.ts";
import { createTestDatabase, dropDatabase, withDatabase } from "#tests/helpers/databases.ts";
import { dropRedisPrefix, dropIndexPrefix } from "#tests/helpers/isolation.ts";

const base = inject("databaseUrl");
const runId = inject("runId");
const tag = `${runId}_${randomBytes(3).toString("hex")}`;
const dbName = await createTestDatabase(base, inject("templateDb"), runId);

Object.assign(process.env, {
  NODE_ENV: "test",
  DATABASE_URL: withDatabase(base, dbName),
  REDIS_URL: inject("redisUrl"),
  MEILI_URL: inject("meiliUrl"),
  MEILI_MASTER_KEY: inject("meiliKey"),
  SAMBAND_INDEX_PREFIX: `t${tag}_`,
  SAMBAND_QUEUE_PREFIX: `t${tag}`,
  SAMBAND_HEARTBEAT_MS: "200",
  // Generous: on a loaded 2-core machine a cold process's first query can take seconds.
  SAMBAND_HEALTH_TIMEOUT_MS: "15000",
  SAMBAND_MAIL_DIR: mkdtempSync(path.join(os.tmpdir(), `samband-mail-${tag}-`)),
});
// Every file has its own local SMTP catcher: mail the code sends over SMTP lands, as .eml
// files, in this file's SAMBAND_MAIL_DIR (tests/helpers/mail.ts reads them).
const catcher = await startMailCatcher(process.env.SAMBAND_MAIL_DIR!);
process.env.SMTP_URL = catcher.url;
reloadConfig();

afterAll(async () => {
  closeMail();
  await catcher.stop();
  await disconnectPrisma();
  await dropDatabase(base, dbName);
  await dropIndexPrefix(inject("meiliUrl"), inject("meiliKey"), `t${tag}_`);
  await dropRedisPrefix(inject("redisUrl"), `t${tag}`);
});
