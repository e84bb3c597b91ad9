// The full-text retriever on a real PostgreSQL: the term tables follow every change of a
// posting's text in its own transaction, and BM25 ranks what a reader would.
import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { getPrisma } from "#app/lib/db.server.ts";
import { queryTerms, rankPostings, salientPhrases } from "#search/retrieve.server.ts";

let orgId: string;
const year = () => new Date(Date.now() + 365 * 86400_000);
beforeAll(async () => {
  orgId = (await getPrisma().organization.create({ data: { name: "Text Test AB", kind: "company", country: "NO" } })).id;
});

async function posting(title: string, description: string, extra: object = {}) {
  return getPrisma().posting.create({
    data: {
      kind: "competence",
      title,
      description,
      keywords: [],
      subjects: [],
      language: "en",
      organizationId: orgId,
      expiresAt: year(),
      ...extra,
    },
  });
}

/** The stored terms of a posting against the stems of its text as it is now. */
async function termsMatchText(id: string): Promise<void> {
  const prisma = getPrisma();
  const stored = await prisma.postingTerm.findMany({
    where: { postingId: id },
    select: { term: true, tf: true },
    orderBy: { term: "asc" },
  });
  const fresh = await prisma.$queryRaw<{ term: string; tf: number }[]>`
    SELECT t.term, t.tf FROM "Posting" p, samband_text_terms(samband_text_vector(p.language, p.title, p.keywords, p.description)) t WHERE p.id = ${id}::uuid ORDER BY t.term`;
  expect(stored).toEqual(fresh);
  const { termCount } = await prisma.posting.findUniqueOrThrow({ where: { id }, select: { termCount: true } });
  expect(termCount).toBe(fresh.reduce((n, t) => n + t.tf, 0));
}

describe("term tables", () => {
  it("follow a posting's text through insert, edits of every text field, other edits and delete", async () => {
    const prisma = getPrisma();
    const p = await posting("Vibration analysis of gearboxes", "We analyse vibration in wind turbine gearboxes.");
    await termsMatchText(p.id);
    expect((await prisma.postingTerm.findUniqueOrThrow({ where: { term_postingId: { term: "gearbox", postingId: p.id } } })).tf).toBe(3); // title twice, description once
    await prisma.posting.update({ where: { id: p.id }, data: { description: "Bearings, not gearboxes: acoustic emission." } });
    await termsMatchText(p.id);
    await prisma.posting.update({ where: { id: p.id }, data: { keywords: ["condition monitoring"], title: "Acoustic emission" } });
    await termsMatchText(p.id);
    await prisma.posting.update({ where: { id: p.id }, data: { language: "sv" } });
    await termsMatchText(p.id);
    const before = await prisma.postingTerm.findMany({ where: { postingId: p.id } });
    await prisma.posting.update({ where: { id: p.id }, data: { status: "paused" } });
    expect(await prisma.postingTerm.findMany({ where: { postingId: p.id } })).toEqual(before);
    await prisma.posting.delete({ where: { id: p.id } });
    expect(await prisma.postingTerm.count({ where: { postingId: p.id } })).toBe(0);
  });

  it("roll back with the transaction that changed the text", async () => {
    const prisma = getPrisma();
    const p = await posting("Hydrogen storage", "Metal hydrides for hydrogen storage.");
    await expect(
      prisma.$transaction(async (tx) => {
        await tx.posting.update({ where: { id: p.id }, data: { title: "Something else entirely" } });
        throw new Error("abort");
      }),
    ).rejects.toThrow("abort");
    await termsMatchText(p.id);
    expect(await prisma.postingTerm.count({ where: { postingId: p.id, term: "hydrogen" } })).toBe(1);
  });
});

describe("BM25 ranking", () => {
  const scope = () => ({ kind: "competence" as const, signedIn: true, now: new Date(), excludeOrganizationIds: [] });

  it("ranks the posting about the query's rare words first, and reads the whole description", async () => {
    const marker = `zq${randomUUID()
      .replace(/[^a-f]/g, "")
      .slice(0, 8)}`;
    const strong = await posting(
      "Tribology lab",
      `Friction and wear testing; ${marker} coatings for ${marker} bearings, ${marker} in depth.`,
    );
    const weak = await posting("General engineering", `We also know a little about ${marker}.`);
    await posting("Unrelated", "Sourdough bread and pastry.");
    const hits = await rankPostings(
      await queryTerms({ title: "", keywords: [], body: `Who can test ${marker} coatings?` }, "posting"),
      scope(),
    );
    expect(hits.map((h) => h.id).slice(0, 2)).toEqual([strong.id, weak.id]);
    expect(hits[0]!.score).toBeGreaterThan(hits[1]!.score);
  });

  it.each([
    { why: "tsquery and SQL syntax", body: `a' & b | !c:* ( ) ; DROP TABLE "Posting"; -- <script>alert(1)</script> \\ % _` },
    { why: "empty text", body: "" },
    { why: "only stop words and punctuation", body: "the and of ... !!! ???" },
    { why: "ten thousand characters", body: "vibration ".repeat(1000) },
    { why: "NUL-free unicode from other scripts", body: "振动分析 анализ вибрации تحليل الاهتزاز 🚀" },
  ])("takes $why as plain text", async ({ body }) => {
    const terms = await queryTerms({ title: "", keywords: [], body }, "posting");
    await expect(rankPostings(terms, scope())).resolves.toBeInstanceOf(Array);
    await expect(salientPhrases(body)).resolves.toBeInstanceOf(Array);
    expect(await getPrisma().posting.count()).toBeGreaterThan(0);
  });

  it("quotes the text's own words for its salient stems, adjacent ones as a phrase", async () => {
    await posting("Acoustic emission", "Acoustic emission monitoring of gear teeth.");
    const phrases = await salientPhrases("We need acoustic emission monitoring for our gear teeth, and the coffee machine.");
    expect(phrases.some((p) => p.includes("acoustic emission"))).toBe(true);
    expect(phrases.join(" ")).not.toContain("coffee"); // in no posting: cannot score
  });
});
