// The lint rules that keep dependencies pointing one way (eslint.layers.js): each case is
// a one-line module linted as if it sat at the given path.
import { ESLint } from "eslint";
import { describe, expect, it } from "vitest";

const eslint = new ESLint({ cwd: process.cwd() });

async function problems(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return result!.messages.filter((m) => m.ruleId === "no-restricted-imports").map((m) => m.message);
}

describe("layers: dependencies point one way", () => {
  it.each([
    ["app/domain/x.ts", 'import { getPrisma } from "#app/lib/db.server.ts";'],
    ["app/domain/x.ts", 'import { meili } from "#app/lib/meili.server.ts";'],
    ["app/i18n/x.ts", 'import { getPosting } from "#app/models/posting.server.ts";'],
    ["app/lib/x.ts", 'import { getPosting } from "#app/models/posting.server.ts";'],
    ["app/lib/x.ts", 'import { bm25 } from "#search/bm25.ts";'],
    ["app/models/x.server.ts", 'import { partnersForPosting } from "#search/partners.server.ts";'],
    ["app/models/x.server.ts", 'import { importFile } from "#app/import/import.server.ts";'],
    ["app/models/x.server.ts", 'import { QUEUES } from "#workers/queues.ts";'],
    ["search/x.ts", 'import { loader } from "#app/routes/_index.tsx";'],
    ["search/x.ts", 'import { Suggestions } from "#app/components/suggestions.tsx";'],
    ["app/import/x.ts", 'import { start } from "#scripts/start.ts";'],
    ["app/lib/x.ts", 'import { headers } from "#server/headers.ts";'],
  ])("%s may not import %s", async (path, code) => {
    const found = await problems(path, code);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatch(/may not import from a layer above it/);
  });

  it.each([
    ["app/lib/x.ts", 'import { isBlank } from "#app/domain/text.ts";'],
    ["app/models/x.server.ts", 'import { getPrisma } from "#app/lib/db.server.ts";'],
    ["search/x.ts", 'import { getPosting } from "#app/models/posting.server.ts";'],
    ["app/routes/x.tsx", 'import { partnersForPosting } from "#search/partners.server.ts";'],
    ["workers/x.ts", 'import { getPrisma } from "#app/lib/db.server.ts";'],
    ["scripts/x.ts", 'import { getPrisma } from "#app/lib/db.server.ts";'],
  ])("%s may import %s", async (path, code) => {
    expect(await problems(path, code)).toEqual([]);
  });
});

describe("pages reach the database through models", () => {
  it.each(["app/routes/x.tsx", "app/components/x.tsx", "app/root.tsx"])("getPrisma in %s is refused", async (path) => {
    const found = await problems(path, 'import { getPrisma } from "#app/lib/db.server.ts";');
    expect(found).toHaveLength(1);
    expect(found[0]).toMatch(/through a model module/);
  });

  it("a page may still use the database's other exports", async () => {
    expect(await problems("app/routes/x.tsx", 'import { requireUrl } from "#app/lib/db.server.ts";')).toEqual([]);
  });
});

describe("one import style", () => {
  it.each([
    ["app/models/x.server.ts", 'import { getPrisma } from "../lib/db.server.ts";'],
    ["app/routes/x.tsx", 'import { useT } from "~/components/i18n";'],
    ["workers/x.ts", 'import { QUEUES } from "./queues.ts";'],
    ["tests/integration/x.test.ts", 'import { Client } from "../helpers/http.ts";'],
  ])("%s: %s is refused", async (path, code) => {
    const found = await problems(path, code);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatch(/one style everywhere/);
  });
});
