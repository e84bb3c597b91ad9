import { describe, expect, it } from "vitest";
import { duplicateGroups, duplicateKey, similarOrganizationName } from "#app/domain/org-names.ts";

describe("duplicateKey", () => {
  it.each([
    ["Sjödata AB", "sjodata"],
    ["SJÖDATA Aktiebolag", "sjodata"],
    ["Sjödata", "sjodata"],
    ["sjödata ab (publ)", "sjodata"],
    ["Nordvik Drives AB", "nordvik drives"],
    ["nordvik drives ab", "nordvik drives"],
    ["Nordvik-Drives, AB.", "nordvik drives"],
    ["AB Volvo", "volvo"],
    ["Volvo Car Sverige AB", "volvo car sverige"],
    ["Abba Data AB", "abba data"],
    ["Siemens AG", "siemens"],
    ["Smith & Sons Ltd", "smith and sons"],
    ["Smith and Sons Limited", "smith and sons"],
    ["Karlstads universitet", "karlstads universitet"],
    // A name that is only a legal form keeps it, rather than matching every other such name.
    ["AB", "ab"],
    ["  ", ""],
    ["AB AB Volvo AB AB", "volvo"],
    ["Ekonomisk Förening Lantmännen Ek För", "lantmannen"],
    ["Bygg--och  Mark", "bygg och mark"],
  ])("%j → %j", (name, key) => expect(duplicateKey(name)).toBe(key));

  // Every legal form is dropped after a name, and before it: "X form" and "form X" are "x".
  it.each([
    "ab",
    "aktiebolag",
    "aktiebolaget",
    "publ",
    "hb",
    "kb",
    "handelsbolag",
    "kommanditbolag",
    "ek",
    "for",
    "forening",
    "ekonomisk",
    "inc",
    "incorporated",
    "ltd",
    "limited",
    "llc",
    "plc",
    "corp",
    "corporation",
    "co",
    "company",
    "gmbh",
    "ag",
    "kg",
    "oy",
    "oyj",
    "as",
    "asa",
    "aps",
    "bv",
    "nv",
    "sa",
    "sarl",
    "srl",
    "spa",
  ])("drops the legal form %j", (form) => {
    expect(duplicateKey(`Nordvik ${form.toUpperCase()}`)).toBe("nordvik");
    expect(duplicateKey(`${form} Nordvik`)).toBe("nordvik");
  });
});

describe("duplicateGroups", () => {
  const o = (id: string, name: string) => ({ id, name });
  it("groups names that differ only in case, accents, punctuation and legal form", () => {
    const groups = duplicateGroups([
      o("1", "Sjödata AB"),
      o("2", "Nordvik AB"),
      o("3", "SJODATA"),
      o("4", "Other"),
      o("5", "sjödata aktiebolag"),
      o("6", "nordvik"),
      o("7", " "),
    ]);
    expect(groups.map((g) => g.map((x) => x.id))).toEqual([
      ["1", "3", "5"],
      ["2", "6"],
    ]);
  });
  it("orders groups largest first, then by key, and keeps each group's order", () => {
    const groups = duplicateGroups([
      o("1", "Zeta AB"),
      o("2", "Beta AB"),
      o("3", "zeta"),
      o("4", "Alfa AB"),
      o("5", "beta"),
      o("6", "ZETA Ltd"),
      o("7", "alfa"),
    ]);
    expect(groups.map((g) => g.map((x) => x.id))).toEqual([
      ["1", "3", "6"],
      ["4", "7"],
      ["2", "5"],
    ]);
  });
  it("leaves out names with nothing left of them", () => {
    expect(duplicateGroups([o("1", "—"), o("2", "..."), o("3", "Alfa")])).toEqual([]);
  });
  it("finds none among distinct names", () => {
    expect(duplicateGroups([o("1", "Alfa AB"), o("2", "Beta AB"), o("3", "Alfa Beta AB")])).toEqual([]);
  });
});

describe("names offered before creating a new organization", () => {
  it.each([
    ["nordvik drives", "Nordvik Drives AB", true],
    ["Nordvik", "Nordvik Drives AB", true],
    ["Nordvik Drive AB", "Nordvik Drives AB", true],
    ["Nordvk Drives", "Nordvik Drives AB", true],
    ["Karlstad universitet", "Karlstads universitet", true],
    ["Volvo", "Volvo Cars AB", true],
    ["Volvo Cars", "Scania CV AB", false],
    ["ABB", "ABC AB", false],
    ["Drives", "Nordvik Drives AB", false],
    ["AB", "Nordvik Drives AB", false],
    ["", "Nordvik Drives AB", false],
    ["Nordvik Drives AB", "  ", false],
    ["Nordvik Drives AB", "Nordvik", true], // either may be the shorter
    ["Volvx", "Volvo AB", false], // five letters: too short for typos
    ["Sjödat", "Sjödata AB", true], // six letters: one typo allowed
    ["Sjöda", "Sjödata AB", false], // five: too short
    ["Nordvik Drivers Group", "Nordvik Drives AB", false], // more than two edits
    ["Kalrstad univ", "Karlstad univ", true], // a swap is two edits
    ["abcdefgh", "abcdefxy", true],
    ["abcdefgh", "abcdexyz", false],
    ["abcdefgh", "xbcdefgy", true],
    ["abcdefghij", "abcdefgh", true], // two letters missing
    ["abcdefghijk", "abcdefgh", false], // three
    ["abcdefgh", "abxyzfgh", false],
  ])("%j offers %j: %s", (typed, candidate, offered) => {
    expect(similarOrganizationName(typed, candidate)).toBe(offered);
  });
});
