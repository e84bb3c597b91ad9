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
    [Array.from({ length: 10 }, (_, i) => `d${i}.se`).join(","), { ok: true, domains: Array.from({ length: 10 }, (_, i) => `d${i}.se`) }],
    ["a.se\tb.se,,c.se", { ok: true, domains: ["a.se", "b.se", "c.se"] }],
    ["@@kau.se", { ok: false, error: "invalid", domain: "@kau.se" }],
    ["kau-.se", { ok: false, error: "invalid", domain: "kau-.se" }],
    ["k.se", { ok: true, domains: ["k.se"] }],
    [
      `${"a".repeat(60)}.${"b".repeat(60)}.${"c".repeat(60)}.${"d".repeat(60)}.abcdefg.se`,
      { ok: false, error: "invalid", domain: "a".repeat(60) },
    ], // 254 characters
    [
      `${"a".repeat(60)}.${"b".repeat(60)}.${"c".repeat(60)}.${"d".repeat(60)}.abcdef.se`,
      { ok: true, domains: [`${"a".repeat(60)}.${"b".repeat(60)}.${"c".repeat(60)}.${"d".repeat(60)}.abcdef.se`] },
    ], // 253
    [`${"x".repeat(70)}.se`, { ok: false, error: "invalid", domain: "x".repeat(60) }],
  ])("%j gives %j", (text, result) => {
    expect(parseEmailDomains(text)).toEqual(result);
  });

  it.each([
    "gmail.com",
    "googlemail.com",
    "outlook.com",
    "hotmail.com",
    "hotmail.se",
    "live.com",
    "live.se",
    "msn.com",
    "yahoo.com",
    "yahoo.se",
    "icloud.com",
    "me.com",
    "mac.com",
    "aol.com",
    "proton.me",
    "protonmail.com",
    "gmx.com",
    "gmx.net",
    "mail.com",
    "telia.com",
    "spray.se",
    "bredband.net",
    "comhem.se",
  ])("%s is a free mail service, never an organization's domain", (domain) => {
    expect(parseEmailDomains(domain)).toEqual({ ok: false, error: "free-mail", domain });
  });

  it.each([
    ["eva@KAU.se", "kau.se"],
    ["a@b@student.kau.se", "student.kau.se"],
  ])("%j is at %j", (email, domain) => {
    expect(domainOf(email)).toBe(domain);
  });
});
