// Loads Prisma's schema engine compiled to WebAssembly. The native schema engine is a
// download that fails offline; the wasm build ships inside an npm package and can
// render the SQL for a schema change without any database.
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";

type Bg = typeof import("@prisma/schema-engine-wasm/schema_engine_bg");

let loaded: Promise<Bg> | undefined;

export function loadSchemaEngine(): Promise<Bg> {
  loaded ??= (async () => {
    const require = createRequire(import.meta.url);
    const pkgDir = path.dirname(require.resolve("@prisma/schema-engine-wasm"));
    const bg: Bg = await import(path.join(pkgDir, "schema_engine_bg.js"));
    const bytes = await readFile(path.join(pkgDir, "schema_engine_bg.wasm"));
    const { instance } = await WebAssembly.instantiate(bytes, {
      "./schema_engine_bg.js": bg as unknown as WebAssembly.ModuleImports,
    });
    (bg as unknown as { __wbg_set_wasm(x: unknown): void }).__wbg_set_wasm(instance.exports);
    (instance.exports as { __wbindgen_start?: () => void }).__wbindgen_start?.();
    return bg;
  })();
  return loaded;
}

export const SCHEMA_FILE = path.resolve(import.meta.dirname, "../../prisma/schema.prisma");
/** prisma/schema.prisma as of the newest migration; db:diff compares against it. */
export const SNAPSHOT_FILE = path.resolve(import.meta.dirname, "../../prisma/migrations/schema.snapshot.prisma");

/**
 * SQL from one schema (undefined: an empty database) to another. The engine connects
 * to `databaseUrl` when it starts but neither reads nor changes it for this diff.
 */
export async function schemaDiffSql(databaseUrl: string, from: string | undefined, to: string): Promise<string> {
  const bg = await loadSchemaEngine();
  const { PrismaPg } = await import("@prisma/adapter-pg");
  const { bindMigrationAwareSqlAdapterFactory } = await import("@prisma/driver-adapter-utils");
  const engine = await bg.SchemaEngine.new(
    { datamodels: [["schema.prisma", to]] },
    () => {},
    bindMigrationAwareSqlAdapterFactory(new PrismaPg({ connectionString: databaseUrl })),
  );
  try {
    const filters = { externalTables: [], externalEnums: [] };
    const target = (content: string) => ({ tag: "schemaDatamodel" as const, files: [{ path: "schema.prisma", content }] });
    const result = await engine.diff({
      from: from === undefined ? { tag: "empty" } : target(from),
      to: target(to),
      script: true,
      exitCode: null,
      filters,
    });
    return result.stdout ?? "";
  } finally {
    engine.free();
  }
}
