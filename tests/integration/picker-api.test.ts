// The pickers' JSON over HTTP, as a hostile client would call it: markup, SQL, search-filter
// syntax and oversized queries get a clear 400 or an empty list, never an error page.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startWeb, testEnv, type Proc } from "#tests/helpers/processes.ts";

let web: Proc & { url: string };
beforeAll(async () => {
  web = await startWeb(testEnv());
});
afterAll(async () => {
  await web?.stop();
});

async function get(path: string, headers: Record<string, string> = {}) {
  const res = await fetch(web.url + path, { headers });
  expect(res.headers.get("content-type")).toMatch(/^application\/json/);
  return { status: res.status, body: (await res.json()) as { results?: ({ code: string; label: string } | null)[]; error?: string } };
}
const q = (text: string, lang = "en") => get(`/api/subjects?${new URLSearchParams({ q: text, lang })}`);

describe("GET /api/subjects", () => {
  it("finds subjects by a misspelt Swedish name, an English word and a code, labelled in the asked language", async () => {
    expect((await q("masknteknik", "sv")).body.results?.[0]).toMatchObject({ code: "203", label: "Maskinteknik" });
    expect((await q("mechanical")).body.results?.[0]).toMatchObject({ code: "203", label: "Mechanical Engineering" });
    expect((await q("20301")).body.results?.map((r) => r?.code)).toEqual(["20301"]);
  });

  it("answers in the reader's language when none is asked", async () => {
    const { body } = await get("/api/subjects?q=maskinteknik", { "Accept-Language": "sv-SE" });
    expect(body.results?.[0]?.label).toBe("Maskinteknik");
  });

  it("lists at most ten", async () => {
    expect((await q("teknik")).body.results).toHaveLength(10);
  });

  it.each([
    "",
    "<script>alert(1)</script>",
    '\' OR 1=1; DROP TABLE "User"; --',
    'subjects = "203" OR title EXISTS',
    "%00%",
    "\u0000",
    "*",
    "../../etc/passwd",
  ])("answers %j with an empty list", async (text) => {
    expect(await q(text)).toEqual({ status: 200, body: { results: [] } });
  });

  it("refuses a 10 kB query and an unknown language with 400 and says why", async () => {
    const huge = await q("a".repeat(10_000));
    expect(huge.status).toBe(400);
    expect(huge.body.error).toMatch(/q is longer than 100 characters/);
    const lang = await q("maskinteknik", "<b>");
    expect(lang.status).toBe(400);
    expect(lang.body.error).toMatch(/lang must be sv or en/);
  });

  it("resolves codes and exact names, null for the rest, and refuses too many", async () => {
    const { body } = await get(`/api/subjects?${new URLSearchParams({ resolve: "203,Maskinteknik,masknteknik,<b>", lang: "en" })}`);
    expect(body.results).toEqual([
      { code: "203", level: 2, label: "Mechanical Engineering" },
      { code: "203", level: 2, label: "Mechanical Engineering" },
      null,
      null,
    ]);
    expect((await get(`/api/subjects?resolve=${"203,".repeat(40)}`)).status).toBe(400);
  });
});
