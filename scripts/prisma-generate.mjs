// postinstall: generates the Prisma client into app/generated/prisma.
// `prisma generate` first tries to download the native schema engine, which fails
// offline; pointing PRISMA_SCHEMA_ENGINE_BINARY at any existing file skips that. The
// client itself needs no native engine (docs/decisions/0002-offline-migrations.md).
import { spawnSync } from "node:child_process";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const cli = require.resolve("prisma/build/index.js");
const result = spawnSync(process.execPath, [cli, "generate"], {
  stdio: "inherit",
  env: {
    ...process.env,
    PRISMA_SCHEMA_ENGINE_BINARY: process.env.PRISMA_SCHEMA_ENGINE_BINARY || process.execPath,
    PRISMA_HIDE_UPDATE_MESSAGE: "1",
  },
});
process.exit(result.status ?? 1);
