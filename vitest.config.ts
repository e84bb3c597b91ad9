import { defineConfig } from "vitest/config";

// Two projects: unit tests (pure code, no services) and the tests under tests/integration
// and tests/e2e, which talk to real PostgreSQL, Redis and Meilisearch. The services'
// global setup belongs to the second project only, so a run with no file of it
// (`npm run test:unit`) starts none of them.
const shared = {
  pool: "forks",
  testTimeout: 60_000,
  hookTimeout: 120_000,
  teardownTimeout: 60_000,
} as const;

/** Pure code only: also what `npm run test:mutation` runs (vitest.mutation.config.ts). */
export const unitProject = {
  test: {
    ...shared,
    name: "unit",
    include: [
      "app/**/*.test.ts",
      "server/**/*.test.ts",
      "scripts/**/*.test.ts",
      "search/**/*.test.ts",
      "workers/**/*.test.ts",
      "tests/lint/**/*.test.ts",
    ],
    setupFiles: ["tests/setup/console-errors.ts"],
  },
};

export default defineConfig({
  test: {
    // These machines have two cores; the services are shared by both workers.
    maxWorkers: 2,
    projects: [
      unitProject,
      {
        test: {
          ...shared,
          name: "services",
          include: ["tests/integration/**/*.test.ts", "tests/e2e/**/*.test.ts"],
          globalSetup: ["tests/setup/global.ts"],
          setupFiles: ["tests/setup/console-errors.ts", "tests/setup/per-file.ts"],
        },
      },
    ],
  },
});
