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
  ])("%j → %j", (name, key) => expect(duplicateKey(name)).toBe(key));
});

describe("duplicateGroups", () => {
  const o = (id: string, name: string) => ({ id, name });
  it("groups names that differ only in case, accents, punctuation and legal form", () => {
    const groups = duplicateGroups([o("1", "Sjödata AB"), o("2", "Nordvik AB"), o("3", "SJODATA"), o("4", "Other"), o("5", "sjödata aktiebolag"), o("6", "nordvik"), o("7", " ")]);
    expect(groups.map((g) => g.map((x) => x.id))).toEqual([["1", "3", "5"], ["2", "6"]]);
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
  ])("%j offers %j: %s", (typed, candidate, offered) => {
    expect(similarOrganizationName(typed, candidate)).toBe(offered);
  });
});
