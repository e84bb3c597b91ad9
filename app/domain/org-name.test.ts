import { describe, expect, it } from "vitest";
import { nameCore, sameOrganizationName, similarOrganizationName } from "./org-name.ts";

describe("organization names", () => {
  it.each([
    ["Nordvik Drives AB", "nordvik drives"],
    ["Nordvik Drives Aktiebolag (publ)", "nordvik drives"],
    ["  NORDVIK   drives, ab. ", "nordvik drives"],
    ["Karlstads universitet", "karlstads universitet"],
    ["Sjödata AB", "sjödata"],
    ["AB", ""],
    ["ABB AB", "abb"],
  ])("%j has the core %j", (name, core) => {
    expect(nameCore(name)).toBe(core);
  });

  it.each([
    ["Nordvik Drives AB", "nordvik drives", true],
    ["Nordvik Drives AB", "Nordvik Drive AB", false],
    ["Volvo Cars AB", "Volvo Car Corporation", false],
    ["AB", "Aktiebolag", false],
  ])("%j and %j are the same: %s", (a, b, same) => {
    expect(sameOrganizationName(a, b)).toBe(same);
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
