import { describe, expect, it } from "vitest";
import { nameWords, parseOrgQuery, rankByName } from "#app/domain/org-search.ts";

describe("parseOrgQuery", () => {
  it.each([
    ["5560125790", "556012-5790"],
    ["556012-5790", "556012-5790"],
    ["556012 5790", "556012-5790"],
    [" 556012-57 ", "556012-57"],
    ["556012", "556012"],
    ["5560125", "556012-5"],
  ])("%j is the start of a number: %j", (text, prefix) => expect(parseOrgQuery(text)).toEqual({ kind: "number", prefix }));

  it.each(["", "   ", "a", "55601", "55601-25790", "55601255790", "556012--5790", "556012-57901", "-", "AB"])(
    "%j says too little (or is no number)",
    (text) => expect(parseOrgQuery(text).kind).toBe(text === "AB" ? "name" : "empty"),
  );

  it("keeps only letters and digits in the patterns, so nothing typed is a LIKE wildcard", () => {
    const q = parseOrgQuery("%_ Sjö'data; DROP \\ AB");
    expect(q).toMatchObject({ kind: "name", words: ["sjo", "data", "drop"] });
    if (q.kind !== "name") throw new Error("a name");
    for (const p of q.patterns) expect(p).toMatch(/^%[a-z0-9]{1,3}%$/);
  });

  it("folds å ä ö and case, drops legal forms, and caps the patterns", () => {
    expect(parseOrgQuery("SJÖDATA Aktiebolag")).toEqual({
      kind: "name",
      words: ["sjodata"],
      patterns: ["%sjo%", "%jod%", "%oda%", "%dat%", "%ata%"],
    });
    const long = parseOrgQuery("abcdefghijklmnopqrstuvwxyz0123456789 zyxwvutsrqponmlkjihgfedcba");
    expect(long.kind === "name" && long.patterns.length).toBe(40);
  });
});

describe("nameWords", () => {
  it.each([
    ["Sjödata AB", ["sjodata"]],
    ["AB Volvo", ["volvo"]],
    ["AB", ["ab"]],
    ["Karlstads universitet", ["karlstads", "universitet"]],
  ])("%j → %j", (name, words) => expect(nameWords(name)).toEqual(words));
});

describe("rankByName", () => {
  const orgs = [
    { name: "Sjödata Membership AB" },
    { name: "Sjödata AB" },
    { name: "Nordvik Drives AB" },
    { name: "Karlstads universitet" },
    { name: "Kungliga Tekniska högskolan" },
    { name: "Sjöfartsverket" },
  ];
  const names = (typed: string, limit = 10) => rankByName(nameWords(typed), orgs, limit).map((o) => o.name);

  it.each([
    // The whole word first, the shorter name before the longer.
    ["sjödata", ["Sjödata AB", "Sjödata Membership AB"]],
    ["SJODATA", ["Sjödata AB", "Sjödata Membership AB"]],
    // The start of a word, as it is being typed.
    ["sjö", ["Sjödata AB", "Sjöfartsverket", "Sjödata Membership AB"]],
    // A slip of the finger, and two in a long word.
    ["sjödsta", ["Sjödata AB", "Sjödata Membership AB"]],
    ["karlstad univresitet", ["Karlstads universitet"]],
    ["nordvk drives", ["Nordvik Drives AB"]],
    // Every typed word must fit.
    ["sjödata drives", []],
    ["tekniska högskolan", ["Kungliga Tekniska högskolan"]],
    ["xyz", []],
  ])("%j → %j", (typed, expected) => expect(names(typed)).toEqual(expected));

  it("stops at the limit", () => {
    expect(names("sjö", 1)).toEqual(["Sjödata AB"]);
  });
});
