import { describe, expect, it } from "vitest";
import { subjectWithAncestors } from "#app/domain/classification.ts";
import {
  capPerGroup,
  contentWords,
  counterpart,
  textAsKeywords,
  matchScore,
  planQueries,
  reasonsFor,
  reasonText,
  subjectGroups,
  subjectSimilarity,
  type Reason,
  type TermHit,
} from "#search/match.ts";

// Candidate subject lists are indexed with every ancestor, as in documents.server.ts.
const indexed = (...codes: string[]) => [...new Set(codes.flatMap((c) => subjectWithAncestors(c).map((e) => e.code)))];

describe("planQueries", () => {
  it.each([
    {
      why: "title first, then each keyword",
      source: { title: "Bearing failures", keywords: ["vibration analysis", "machine learning"] },
      want: ["Bearing failures", "vibration analysis", "machine learning"],
    },
    {
      why: "a keyword repeating the title or another keyword is asked once",
      source: { title: "Machine learning", keywords: ["machine learning", "Machine Learning", " AI "] },
      want: ["Machine learning", "AI"],
    },
    { why: "blank keywords are skipped", source: { title: "T", keywords: ["", "   "] }, want: ["T"] },
    {
      why: "at most eight keywords",
      source: { title: "T", keywords: Array.from({ length: 20 }, (_, i) => `k${i}`) },
      want: ["T", ...Array.from({ length: 8 }, (_, i) => `k${i}`)],
    },
    {
      why: "then the description's phrases, at most six, none repeating a keyword",
      source: { title: "T", keywords: ["gearbox"], phrases: ["gearbox", "wind turbines", ...Array.from({ length: 8 }, (_, i) => `p${i}`)] },
      want: ["T", "gearbox", "wind turbines", "p0", "p1", "p2", "p3"],
    },
  ])("$why", ({ source, want }) => {
    expect(planQueries({ kind: "need", subjects: [], ...source }).map((p) => p.term)).toEqual(want);
  });

  it("cuts a query to the ten words Meilisearch reads, and weighs the title above a keyword", () => {
    const [title, keyword] = planQueries({
      kind: "need",
      subjects: [],
      title: "one two three four five six seven eight nine ten eleven twelve",
      keywords: ["k"],
    });
    expect(title!.q.split(" ")).toHaveLength(10);
    expect(title!.weight).toBeGreaterThan(keyword!.weight);
    expect(title!.strategy).toBe("frequency");
    expect(keyword!.strategy).toBe("all");
    const [, kw, phrase] = planQueries({ kind: "need", subjects: [], title: "t", keywords: ["k"], phrases: ["p"] });
    expect(phrase!.weight).toBeLessThan(kw!.weight);
  });

  it("answers a need with competencies and a competence with needs", () => {
    expect(counterpart("need")).toBe("competence");
    expect(counterpart("competence")).toBe("need");
  });
});

describe("contentWords", () => {
  it.each([
    {
      text: "We are looking for help with the analysis of vibration data and vibration models.",
      want: "looking help analysis vibration data models",
    },
    { text: "Vi söker stöd för analys av data från sensorer i våra maskiner.", want: "söker stöd analys data sensorer maskiner" },
    { text: "", want: "" },
    { text: "<b>a</b> ' OR 1=1 -- AI", want: "ai" },
  ])("$text", ({ text, want }) => expect(contentWords(text)).toBe(want));

  it("keeps at most n words", () => {
    expect(contentWords("alpha beta gamma delta epsilon zeta eta theta iota kappa lambda", 3)).toBe("alpha beta gamma");
  });
});

describe("textAsKeywords", () => {
  it.each([
    {
      text: "We need machine learning for condition monitoring.",
      want: ["need machine", "machine learning", "learning condition", "condition monitoring"],
    },
    { text: "Robotik", want: ["robotik"] },
    { text: "  ", want: [] },
  ])("$text", ({ text, want }) => expect(textAsKeywords(text)).toEqual(want));

  it("gives at most eight pairs", () => {
    expect(textAsKeywords(Array.from({ length: 30 }, (_, i) => `word${i}`).join(" "))).toHaveLength(8);
  });
});

describe("subjectSimilarity", () => {
  it.each([
    { why: "the same subject", source: ["20205"], candidate: indexed("20205"), score: 1, shared: [{ code: "20205", level: "same" }] },
    {
      why: "a neighbour in the same group",
      source: ["20205"],
      candidate: indexed("20201"),
      score: 0.6,
      shared: [{ code: "202", level: "group" }],
    },
    { why: "only the same broad area", source: ["20205"], candidate: indexed("20301"), score: 0.2, shared: [] },
    { why: "nothing in common", source: ["20205"], candidate: indexed("60101"), score: 0, shared: [] },
    {
      why: "averaged over the source's subjects",
      source: ["20205", "60101"],
      candidate: indexed("20205"),
      score: 0.5,
      shared: [{ code: "20205", level: "same" }],
    },
    {
      why: "a source chosen at group level meets any subject in it",
      source: ["202"],
      candidate: indexed("20205"),
      score: 1,
      shared: [{ code: "202", level: "same" }],
    },
    { why: "no subjects on the source", source: [], candidate: indexed("20205"), score: 0, shared: [] },
    {
      why: "unknown codes are ignored, not counted as misses",
      source: ["20205", "99999"],
      candidate: indexed("20205"),
      score: 1,
      shared: [{ code: "20205", level: "same" }],
    },
    {
      why: "duplicates count once",
      source: ["20205", "20205", "60101"],
      candidate: indexed("20205"),
      score: 0.5,
      shared: [{ code: "20205", level: "same" }],
    },
  ])("$why", ({ source, candidate, score, shared }) => {
    const r = subjectSimilarity(source, candidate);
    expect(r.score).toBeCloseTo(score, 5);
    expect(r.shared).toEqual(shared);
  });

  it("names the groups around the source's subjects for the neighbourhood query", () => {
    expect(subjectGroups(["20205", "20201", "10201", "nonsense"]).sort()).toEqual(["102", "202"]);
  });
});

describe("matchScore", () => {
  const hit = (weight: number, relevance: number): TermHit => ({ term: "t", weight, relevance, matched: [] });
  it.each([
    { why: "nothing at all", hits: [], subjects: { score: 0 }, want: 0 },
    { why: "subjects only, the same subject", hits: [], subjects: { score: 1 }, want: 30 },
    { why: "one keyword", hits: [hit(1, 1)], subjects: null, want: 49 },
    { why: "one keyword found only through a weak synonym still counts", hits: [hit(1, 0)], subjects: null, want: 28 },
    {
      why: "title and three keywords, same subjects",
      hits: [hit(1.5, 1), hit(1, 1), hit(1, 1), hit(1, 1)],
      subjects: { score: 1 },
      want: 97,
    },
    { why: "relevance out of range is clamped", hits: [hit(1, 7)], subjects: null, want: 49 },
    { why: "a flood of weak hits never passes 100", hits: Array.from({ length: 50 }, () => hit(1, 1)), subjects: { score: 1 }, want: 100 },
  ])("$why → $want", ({ hits, subjects, want }) => {
    expect(matchScore(hits, subjects)).toBe(want);
  });

  it("grows with every further matched keyword, and with shared subjects", () => {
    const scores = [1, 2, 3, 4].map((n) =>
      matchScore(
        Array.from({ length: n }, () => hit(1, 0.8)),
        { score: 0 },
      ),
    );
    expect(scores).toEqual([...scores].sort((a, b) => a - b));
    expect(new Set(scores).size).toBe(4);
    expect(matchScore([hit(1, 0.8)], { score: 1 })).toBeGreaterThan(matchScore([hit(1, 0.8)], { score: 0 }));
  });
});

describe("reasonText", () => {
  it.each<{ reason: Reason; en: string; sv: string }>([
    {
      reason: { type: "term", term: "machine learning", matched: ["maskininlärning"] },
      en: "Matches “machine learning” (as “maskininlärning”)",
      sv: "Matchar ”machine learning” (som ”maskininlärning”)",
    },
    {
      reason: { type: "term", term: "machine learning", matched: ["machine", "learning"] },
      en: "Matches “machine learning”",
      sv: "Matchar ”machine learning”",
    },
    {
      reason: { type: "term", term: "predictive maintenance", matched: ["condition monitoring", "maintenance"] },
      en: "Matches “predictive maintenance” (as “condition monitoring”)",
      sv: "Matchar ”predictive maintenance” (som ”condition monitoring”)",
    },
    {
      reason: { type: "subject", code: "20205", level: "same" },
      en: "Same research subject: Signal Processing",
      sv: "Samma forskningsämne: Signalbehandling",
    },
    {
      reason: { type: "subject", code: "202", level: "group" },
      en: "Neighbouring subject within Electrical Engineering, Electronic Engineering, Information Engineering",
      sv: "Närliggande ämne inom Elektroteknik och elektronik",
    },
    {
      reason: { type: "term", term: "robot arms", matched: ["manipulatorer", "robotarmar"] },
      en: "Matches “robot arms” (as “manipulatorer”, “robotarmar”)",
      sv: "Matchar ”robot arms” (som ”manipulatorer”, ”robotarmar”)",
    },
    {
      reason: { type: "term", term: "Machine Learning", matched: ["machine  learning"] },
      en: "Matches “Machine Learning”",
      sv: "Matchar ”Machine Learning”",
    },
    {
      reason: { type: "text", phrases: ["wind turbines", "icing"], where: "title" },
      en: "Matches “wind turbines”, “icing” in their title",
      sv: "Matchar ”wind turbines”, ”icing” i deras rubrik",
    },
    {
      reason: { type: "text", phrases: ["icing"], where: "keywords" },
      en: "Matches “icing” in their keywords",
      sv: "Matchar ”icing” i deras nyckelord",
    },
    {
      reason: { type: "text", phrases: ["icing"], where: "description" },
      en: "Matches “icing” in their description",
      sv: "Matchar ”icing” i deras beskrivning",
    },
    {
      reason: { type: "text", phrases: ["icing"], where: "project", title: "Cold climate wind" },
      en: "Matches “icing” in their project “Cold climate wind”",
      sv: "Matchar ”icing” i deras projekt ”Cold climate wind”",
    },
    {
      reason: { type: "collaboration", partner: "Halm AB", project: "Drive lines", year: 2021 },
      en: "Worked with Halm AB on “Drive lines” (2021)",
      sv: "Har arbetat med Halm AB i ”Drive lines” (2021)",
    },
    {
      reason: { type: "collaboration", partner: "Halm AB", project: "Drive lines", year: null },
      en: "Worked with Halm AB on “Drive lines”",
      sv: "Har arbetat med Halm AB i ”Drive lines”",
    },
  ])("$en", ({ reason, en, sv }) => {
    expect(reasonText(reason, "en")).toBe(en);
    expect(reasonText(reason, "sv")).toBe(sv);
  });
});

describe("reasonsFor", () => {
  it("lists the terms strongest first (weight × relevance), then the shared subjects", () => {
    const hits: TermHit[] = [
      { term: "weak", weight: 1, relevance: 0.2, matched: ["weak"] },
      { term: "strong", weight: 0.5, relevance: 1, matched: ["strong"] },
      { term: "heavy", weight: 2, relevance: 0.9, matched: ["heavy", "heavier"] },
    ];
    const before = hits.map((h) => h.term);
    expect(reasonsFor(hits, [{ code: "20205", level: "same" }])).toEqual([
      { type: "term", term: "heavy", matched: ["heavy", "heavier"] },
      { type: "term", term: "strong", matched: ["strong"] },
      { type: "term", term: "weak", matched: ["weak"] },
      { type: "subject", code: "20205", level: "same" },
    ]);
    expect(hits.map((h) => h.term)).toEqual(before); // the caller's list is left as it was
    expect(reasonsFor([], [])).toEqual([]);
  });
});

describe("capPerGroup", () => {
  it("keeps order and at most n per group", () => {
    const items = ["a1", "a2", "b1", "a3", "c1", "b2", "b3", "a4"];
    expect(capPerGroup(items, (s) => s[0]!, 2)).toEqual(["a1", "a2", "b1", "c1", "b2"]);
    expect(capPerGroup(items, (s) => s[0]!, 1)).toEqual(["a1", "b1", "c1"]);
    expect(capPerGroup([], (s: string) => s, 2)).toEqual([]);
  });
});
