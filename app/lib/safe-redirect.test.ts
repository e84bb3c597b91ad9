import { describe, expect, it } from "vitest";
import { safeRedirect } from "#app/lib/session.server.ts";

describe("safeRedirect", () => {
  it.each([
    ["/postings/mine", "/postings/mine"],
    ["/postings?q=machine%20learning&kind=need", "/postings?q=machine%20learning&kind=need"],
    ["/consortia/abc#members", "/consortia/abc#members"],
  ])("keeps the same-site path %s", (to, want) => {
    expect(safeRedirect(to)).toBe(want);
  });

  it.each([
    "https://evil.example/phish",
    "//evil.example/phish",
    "/\\evil.example/phish",
    "/\t/evil.example/phish", // what ?redirectTo=/%09/evil.example/phish decodes to
    "/\n/evil.example",
    "/%09/evil.example".replace("%09", "\t"),
    "\\\\evil.example",
    "/\\/evil.example",
    "javascript:alert(1)",
    "evil.example",
    "",
    "/" + "a".repeat(3000),
  ])("falls back for %j", (to) => {
    expect(safeRedirect(to, "/home")).toBe("/home");
  });

  it("falls back for anything that is not a string", () => {
    expect(safeRedirect(null)).toBe("/");
    expect(safeRedirect(undefined)).toBe("/");
  });
});
