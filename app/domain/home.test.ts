import { describe, expect, it } from "vitest";
import { completeness, daysLeft, guide, missingProfileParts, profilePartHref, type ProfileFacts } from "#app/domain/home.ts";

const full: ProfileFacts = {
  title: "Professor",
  languages: ["sv"],
  keywords: ["tribology"],
  subjects: ["20301"],
  researchInterests: null,
  competencies: "Wear of bearings",
  organizations: 1,
};

describe("missing profile parts", () => {
  it.each<[string, Partial<ProfileFacts>, string[]]>([
    ["a full profile", {}, []],
    ["no organization", { organizations: 0 }, ["organization"]],
    ["a blank title", { title: "  " }, ["title"]],
    ["research interests instead of competencies", { competencies: null, researchInterests: "Wear" }, []],
    ["neither text", { competencies: "", researchInterests: null }, ["competencies"]],
    ["no keywords nor subjects", { keywords: [], subjects: [] }, ["keywords", "subjects"]],
    [
      "an empty profile",
      { title: null, languages: [], keywords: [], subjects: [], competencies: null, organizations: 0 },
      ["organization", "title", "languages", "competencies", "keywords", "subjects"],
    ],
  ])("%s", (_, change, missing) => {
    expect(missingProfileParts({ ...full, ...change })).toEqual(missing);
  });

  it("links each part to its field", () => {
    expect(profilePartHref("organization")).toBe("/profile#affiliation");
    expect(profilePartHref("keywords")).toBe("/profile#field-keywords");
  });

  it.each([
    [[], 100],
    [["title"], 83],
    [["organization", "title", "languages", "competencies", "keywords", "subjects"], 0],
  ] as const)("%j → %i %", (missing, percent) => {
    expect(completeness(missing)).toBe(percent);
  });
});

describe("the guided start", () => {
  const seen = new Date("2026-12-01T10:00:00Z");
  it.each([
    ["new", { missing: ["title" as const], postings: 0, matchesSeenAt: null }, [false, false, false]],
    ["published", { missing: ["title" as const], postings: 1, matchesSeenAt: null }, [false, true, false]],
    ["seen the matches", { missing: ["title" as const], postings: 1, matchesSeenAt: seen }, [false, true, true]],
    ["profile done only", { missing: [], postings: 0, matchesSeenAt: null }, [true, false, false]],
    // Matches seen before the last posting was archived do not tick the step without a posting.
    ["seen, no posting now", { missing: [], postings: 0, matchesSeenAt: seen }, [true, false, false]],
  ])("%s", (_, facts, done) => {
    expect(guide({ ...facts, guideDismissedAt: null })?.map((s) => s.done)).toEqual(done);
  });

  it("is gone once dismissed, or once every step is done", () => {
    expect(guide({ missing: [], postings: 0, matchesSeenAt: null, guideDismissedAt: seen })).toBeNull();
    expect(guide({ missing: [], postings: 2, matchesSeenAt: seen, guideDismissedAt: null })).toBeNull();
  });
});

describe("days left", () => {
  it.each([
    ["2026-12-15", "2026-12-01T10:00:00Z", 14],
    ["2026-12-01", "2026-12-01T22:30:00Z", 0], // still 1 December in Stockholm until 23:00 UTC
    ["2026-12-02", "2026-12-01T23:30:00Z", 0], // already 2 December in Stockholm
    ["2026-11-30", "2026-12-01T10:00:00Z", -1],
  ])("deadline %s at %s: %i", (deadline, now, days) => {
    expect(daysLeft(new Date(deadline), new Date(now))).toBe(days);
  });
});
