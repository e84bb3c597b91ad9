// Prisma CLI configuration. Only `prisma generate` runs here (the migration engine is
// not available offline, see docs/decisions/0002-offline-migrations.md).
import { defineConfig } from "prisma/config";

export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
});
