// npm test: typecheck, lint, format check, build the app for the tests, then every Vitest test
// (unit, integration and browser) against real services. Ends with one summary line.
import { spawnSync } from "node:child_process";
import { readFileSync, rmSync } from "node:fs";
import path from "node:path";
import { buildApp, buildIsStale } from "#scripts/lib/build.ts";

const ROOT = path.resolve(import.meta.dirname, "..");
const TEST_BUILD_DIR = "build-test";
const REPORT = path.join(ROOT, "test-results/vitest.json");

function step(name: string, bin: string, args: string[]): void {
  console.log(`\n▶ ${name}`);
  const result = spawnSync(process.execPath, [path.join(ROOT, "node_modules", bin), ...args], { cwd: ROOT, stdio: "inherit" });
  if (result.status !== 0) {
    console.error(`\n✖ ${name} failed`);
    process.exit(result.status ?? 1);
  }
}

step("typecheck", "typescript/bin/tsc", ["--noEmit"]);
step("lint", "eslint/bin/eslint.js", ["--max-warnings=0", "."]);
step("format", "prettier/bin/prettier.cjs", ["--check", "."]);
if (buildIsStale(TEST_BUILD_DIR)) {
  console.log("\n▶ build (for the tests, in build-test/)");
  await buildApp(TEST_BUILD_DIR);
}

console.log("\n▶ vitest");
rmSync(REPORT, { force: true });
const vitest = spawnSync(
  process.execPath,
  [
    path.join(ROOT, "node_modules/vitest/vitest.mjs"),
    "run",
    "--reporter=default",
    "--reporter=json",
    `--outputFile.json=${REPORT}`,
    ...process.argv.slice(2),
  ],
  { cwd: ROOT, stdio: "inherit", env: { ...process.env, SAMBAND_DATA_DIR: process.env.SAMBAND_DATA_DIR || ".data/test" } },
);
try {
  const r = JSON.parse(readFileSync(REPORT, "utf8")) as {
    numPassedTests: number;
    numFailedTests: number;
    numPendingTests: number;
    numTotalTests: number;
  };
  if (r.numTotalTests === 0) {
    console.error("No test ran.");
    process.exit(1);
  }
  console.log(`\nvitest: ${r.numPassedTests} passed, ${r.numFailedTests} failed, ${r.numPendingTests} skipped`);
} catch {
  console.error("Vitest wrote no report; see its output above.");
  process.exit(vitest.status || 1);
}
process.exit(vitest.status ?? 1);
