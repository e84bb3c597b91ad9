// The Prisma client. One per process; kept on globalThis so Vite's hot reload in
// development does not open a new pool on every edit.
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "#app/generated/prisma/client.ts";
import { loadConfig } from "#app/lib/config.server.ts";

declare global {
  var __sambandPrisma: PrismaClient | undefined;
}

export function requireUrl(name: "DATABASE_URL" | "REDIS_URL" | "MEILI_URL", value: string | undefined): string {
  if (!value) {
    throw new Error(`${name} is not set. Start the app with \`npm start\`, which finds or starts the services, or set ${name}.`);
  }
  return value;
}

export function getPrisma(): PrismaClient {
  if (!globalThis.__sambandPrisma) {
    const url = requireUrl("DATABASE_URL", loadConfig().DATABASE_URL);
    globalThis.__sambandPrisma = new PrismaClient({ adapter: new PrismaPg({ connectionString: url, max: 10 }) });
  }
  return globalThis.__sambandPrisma;
}

export async function disconnectPrisma(): Promise<void> {
  await globalThis.__sambandPrisma?.$disconnect();
  globalThis.__sambandPrisma = undefined;
}
