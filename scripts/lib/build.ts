// Builds the Remix app when the build is missing or older than its sources, so a
// fresh clone needs no separate build step.
import { spawn } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";

const ROOT = path.resolve(import.meta.dirname, "../..");
const SOURCES = ["app", "search", "public", "vite.config.ts", "package-lock.json", "tsconfig.json"];

function newestMtime(p: string): number {
  if (!existsSync(p)) return 0;
  const s = statSync(p);
  if (!s.isDirectory()) return s.mtimeMs;
  return Math.max(s.mtimeMs, ...readdirSync(p).map((f) => newestMtime(path.join(p, f))));
}

export function buildIsStale(buildDir: string): boolean {
  const entry = path.join(path.resolve(ROOT, buildDir), "server/index.js");
  if (!existsSync(entry)) return true;
  const built = statSync(entry).mtimeMs;
  return SOURCES.some((s) => newestMtime(path.join(ROOT, s)) > built);
}

export function buildApp(buildDir: string): Promise<void> {
  const cli = createRequire(import.meta.url).resolve("@remix-run/dev/dist/cli.js");
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cli, "vite:build"], {
      cwd: ROOT,
      stdio: ["ignore", "inherit", "inherit"],
      env: { ...process.env, SAMBAND_BUILD_DIR: buildDir, NODE_ENV: "production" },
    });
    child.on("error", reject);
    child.on("exit", (code) => (code === 0 ? resolve() : reject(new Error(`The build failed (exit ${code})`))));
  });
}
