// The pickers' JSON over HTTP, as a hostile client would call it: markup, SQL, search-filter
// syntax and oversized queries get a clear 400 or an empty list, never an error page.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getPrisma } from "#app/lib/db.server.ts";
import { LIMITS } from "#app/lib/throttle.server.ts";
import { startWeb, testEnv, type Proc } from "#tests/helpers/processes.ts";

let web: Proc & { url: string };
beforeAll(async () => {
  web = await startWeb(testEnv());
  const prisma = getPrisma();
  const group = await prisma.organization.create({
    data: { name: "Sjödata Holding AB", kind: "company", orgNumber: "556677-8899", emailDomains: ["sjodata.example"] },
  });
  await prisma.organization.createMany({
    data: [
      { name: "Sjödata Analys AB", kind: "company", orgNumber: "556012-5790", region: "Värmland", parentId: group.id },
      { name: "Sjöfartsverket", kind: "public", orgNumber: "559900-1236" },
      { name: "Karlstads universitet", kind: "university", region: "Värmland", description: "Secret-free but not for the picker" },
      { name: "Åkerlunds Maskin AB", kind: "company" },
    ],
  });
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

type OrgHit = { id: string; name: string; kind: string; orgNumber: string | null; region: string | null; group: string | null };
async function orgs(text: string) {
  const res = await fetch(`${web.url}/api/organizations?${new URLSearchParams({ q: text })}`);
  expect(res.headers.get("content-type")).toMatch(/^application\/json/);
  return { status: res.status, body: (await res.json()) as { results?: OrgHit[]; error?: string } };
}
const names = async (text: string) => (await orgs(text)).body.results?.map((r) => r.name);

describe("GET /api/organizations", () => {
  it("finds organizations by part of a name, without case or accents, the shorter name first", async () => {
    expect(await names("sjödata")).toEqual(["Sjödata Analys AB", "Sjödata Holding AB"]);
    expect(await names("SJODATA ANALYS")).toEqual(["Sjödata Analys AB"]);
    expect(await names("sjö")).toEqual(["Sjöfartsverket", "Sjödata Analys AB", "Sjödata Holding AB"]);
    expect(await names("akerlunds")).toEqual(["Åkerlunds Maskin AB"]);
    expect(await names("karlstad univ")).toEqual(["Karlstads universitet"]);
  });

  it("forgives a typo or two", async () => {
    expect(await names("sjödsta analys")).toEqual(["Sjödata Analys AB"]);
    expect(await names("karlstads univresitet")).toEqual(["Karlstads universitet"]);
    expect(await names("sjofartsvreket")).toEqual(["Sjöfartsverket"]);
  });

  it("finds one by its organisation number with or without the dash, and by its first digits", async () => {
    for (const number of ["5560125790", "556012-5790", "556012 5790", " 556012-5790 "])
      expect(await names(number)).toEqual(["Sjödata Analys AB"]);
    expect(await names("556012")).toEqual(["Sjödata Analys AB"]);
    expect(await names("55")).toEqual([]);
    expect(await names("5560125791")).toEqual([]);
  });

  it("answers only what the organization's public page shows", async () => {
    const { body } = await orgs("sjödata analys");
    expect(body.results).toEqual([
      {
        id: expect.any(String),
        name: "Sjödata Analys AB",
        kind: "company",
        orgNumber: "556012-5790",
        region: "Värmland",
        group: "Sjödata Holding AB",
      },
    ]);
    const holding = (await orgs("sjödata holding")).body.results![0]!;
    expect(Object.keys(holding).sort()).toEqual(["group", "id", "kind", "name", "orgNumber", "region"]);
    expect(JSON.stringify(holding)).not.toContain("sjodata.example");
  });

  it.each([
    "",
    "   ",
    "s",
    "<script>alert(1)</script>",
    '\' OR 1=1; DROP TABLE "Organization"; --',
    "%",
    "%%%_",
    "_",
    "\u0000",
    "*",
    "../../etc/passwd",
    "kind = company OR name EXISTS",
  ])("answers %j with an empty list", async (text) => {
    expect(await orgs(text)).toEqual({ status: 200, body: { results: [] } });
  });

  it("lists at most ten", async () => {
    await getPrisma().organization.createMany({
      data: Array.from({ length: 14 }, (_, i) => ({ name: `Tiotal Teknik ${String.fromCharCode(65 + i)} AB`, kind: "company" as const })),
    });
    expect(await names("tiotal")).toHaveLength(10);
  });

  it("refuses a 10 kB query with 400 and says why; a 100-character one is searched", async () => {
    const huge = await orgs("a".repeat(10_000));
    expect(huge.status).toBe(400);
    expect(huge.body.error).toMatch(/q is longer than 100 characters/);
    expect(await orgs("sjödata ".repeat(12).slice(0, 100))).toMatchObject({ status: 200 });
  });

  // Last: it uses up this address's searches for the minute.
  it("answers 429 with Retry-After past the searches one address may make in a minute, at once and concurrently", async () => {
    // The tests above made fewer than 100 searches from this address this minute.
    const batches: number[][] = [];
    for (let i = 0; i < LIMITS.orgSearch + 25; i += 25) {
      const batch = await Promise.all(Array.from({ length: 25 }, () => fetch(`${web.url}/api/organizations?q=sj%C3%B6`)));
      batches.push(batch.map((r) => r.status));
      for (const r of batch) if (r.status === 429) expect(Number(r.headers.get("retry-after"))).toBeGreaterThan(0);
    }
    const answered = batches.flat().filter((s) => s === 200).length;
    expect(answered).toBeLessThanOrEqual(LIMITS.orgSearch);
    expect(answered).toBeGreaterThan(LIMITS.orgSearch - 100);
    expect(batches.flat().every((s) => s === 200 || s === 429)).toBe(true);
    expect(batches.at(-1)).toEqual(Array(25).fill(429));
  });
});
