// Shared start-up for command-line scripts: validated config, then the same services
// `npm start` uses (reused if it runs, started and afterwards stopped if not).
import { loadConfigOrExit, reloadConfig, type Config } from "#app/lib/config.server.ts";
import { ensureServices, serviceEnv, type ServiceName, type Services } from "#scripts/lib/services/index.ts";

export async function withServices<T>(
  fn: (services: Services, config: Config) => Promise<T>,
  { quiet = false, needs }: { quiet?: boolean; needs?: ServiceName[] } = {},
): Promise<T> {
  let config: Config = loadConfigOrExit();
  const log = quiet ? (m: string) => console.error(m) : (m: string) => console.log(m);
  const services = await ensureServices(config, log, needs);
  // Modules that read the config (Prisma client, Redis, Meilisearch) see these URLs.
  Object.assign(process.env, serviceEnv(services));
  config = reloadConfig();
  try {
    return await fn(services, config);
  } finally {
    await services.release();
  }
}

/** Runs main(), printing a plain message (no stack) for expected errors. */
export function main(fn: () => Promise<number | void>): void {
  fn().then(
    (code) => process.exit(code ?? 0),
    (error: unknown) => {
      console.error(error instanceof Error ? error.message : error);
      process.exit(1);
    },
  );
}
