import { describe, expect, it } from "vitest";
import { luhnCheckDigit, parseOrgNumber } from "#app/domain/org-number.ts";

describe("luhnCheckDigit", () => {
  it.each([
    ["202100401", 1], // Blekinge tekniska högskola 202100-4011
    ["202100292", 4], // Örebro universitet 202100-2924
    ["556036079", 3], // an aktiebolag 556036-0793
    ["000000000", 0],
  ])("of %s is %i", (digits, check) => expect(luhnCheckDigit(digits)).toBe(check));
});

describe("parseOrgNumber", () => {
  it.each([
    ["202100-4011", "202100-4011"],
    ["2021004011", "202100-4011"],
    ["202100 4011", "202100-4011"],
    ["  556036-0793 ", "556036-0793"],
  ])("accepts %j as %s", (input, value) => expect(parseOrgNumber(input)).toEqual({ ok: true, value }));

  it.each([
    ["", /10 digits/],
    ["202100-401", /10 digits/],
    ["202100-40111", /10 digits/],
    ["20210O-4011", /10 digits/],
    ["202100--4011", /10 digits/],
    ["<b>202100-4011</b>", /10 digits/],
    ["202100-4012", /check digit/],
    ["811218-9876", /personal identity number/],
    ["1".repeat(10_000), /10 digits/],
  ])("rejects %j", (input, error) => {
    const r = parseOrgNumber(input);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatch(error);
  });
});
