import { describe, expect, it } from "vitest";
import { domainOf, parseEmailDomains } from "#app/domain/email-domain.ts";

describe("an organization's email domains", () => {
  it.each([
    ["kau.se", { ok: true, domains: ["kau.se"] }],
    [" KAU.se, @student.kau.se ; kau.se ", { ok: true, domains: ["kau.se", "student.kau.se"] }],
    ["", { ok: true, domains: [] }],
    ["kau", { ok: false, error: "invalid", domain: "kau" }],
    ["kau..se", { ok: false, error: "invalid", domain: "kau..se" }],
    ["-kau.se", { ok: false, error: "invalid", domain: "-kau.se" }],
    ["<script>.se", { ok: false, error: "invalid", domain: "<script>.se" }],
    ["kau.se' OR 1=1", { ok: false, error: "invalid", domain: "kau.se'" }],
    ["gmail.com", { ok: false, error: "free-mail", domain: "gmail.com" }],
    ["kau.se hotmail.se", { ok: false, error: "free-mail", domain: "hotmail.se" }],
    [Array.from({ length: 11 }, (_, i) => `d${i}.se`).join(","), { ok: false, error: "too-many" }],
  ])("%j gives %j", (text, result) => {
    expect(parseEmailDomains(text)).toEqual(result);
  });

  it.each([
    ["eva@KAU.se", "kau.se"],
    ["a@b@student.kau.se", "student.kau.se"],
  ])("%j is at %j", (email, domain) => {
    expect(domainOf(email)).toBe(domain);
  });
});
