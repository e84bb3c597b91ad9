// Runs once per `vitest run`: finds or starts the test services (under .data/test, so
// never the ones `npm start` uses), and prepares a migrated template database that
// every test file clones.
import type { TestProject } from "vitest/node";
import { parseConfig } from "#app/lib/config.server.ts";
import { ensureServices } from "#scripts/lib/services/index.ts";
import { dropStaleTestDatabases, ensureTemplate } from "#tests/helpers/databases.ts";

declare module "vitest" {
  export interface ProvidedContext {
    databaseUrl: string;
    templateDb: string;
    redisUrl: string;
    meiliUrl: string;
    meiliKey: string;
    runId: string;
  }
}

export default async function setup(project: TestProject) {
  const config = parseConfig({ ...process.env, SAMBAND_DATA_DIR: process.env.SAMBAND_DATA_DIR || ".data/test" });
  const services = await ensureServices(config, (m) => console.log(`[test services] ${m}`));
  await dropStaleTestDatabases(services.databaseUrl);
  const templateDb = await ensureTemplate(services.databaseUrl);
  const runId = `${process.pid}`;
  project.provide("databaseUrl", services.databaseUrl);
  project.provide("templateDb", templateDb);
  project.provide("redisUrl", services.redisUrl);
  project.provide("meiliUrl", services.meiliUrl);
  project.provide("meiliKey", services.meiliKey ?? "");
  project.provide("runId", runId);
  return async () => {
    await dropStaleTestDatabases(services.databaseUrl, runId);
    await services.release();
  };
}
