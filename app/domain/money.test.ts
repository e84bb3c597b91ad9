import { describe, expect, it } from "vitest";
import { parseKronor } from "#app/domain/money.ts";

describe("parseKronor", () => {
  it.each([
    ["4000000", 4_000_000],
    ["4 000 000", 4_000_000],
    ["4\u00A0000\u00A0000", 4_000_000],
    ["4\u202F000\u202F000 kr", 4_000_000],
    ["4 000 000 kr", 4_000_000],
    ["4000000kr", 4_000_000],
    ["4 000 000 kronor", 4_000_000],
    ["4 000 000 SEK", 4_000_000],
    ["SEK 4 000 000", 4_000_000],
    ["4 000 000:-", 4_000_000],
    ["4,000,000", 4_000_000],
    ["4,5 MSEK", 4_500_000],
    ["4.5 MSEK", 4_500_000],
    ["4,5 Mkr", 4_500_000],
    ["4,5 mnkr", 4_500_000],
    ["4,5 miljoner", 4_500_000],
    ["4,5 miljoner kronor", 4_500_000],
    ["4,5 milj. kr", 4_500_000],
    ["4 MSEK", 4_000_000],
    ["0,25 MSEK", 250_000],
    ["1,234567 MSEK", 1_234_567],
    ["450 tkr", 450_000],
    ["450 kSEK", 450_000],
    ["2,5 tkr", 2_500],
    ["0", 0],
    ["007", 7],
    ["  12 kr  ", 12],
  ])("%s is %d kronor", (text, kronor) => {
    expect(parseKronor(text)).toBe(kronor);
  });

  it.each([
    "",
    "kr",
    "MSEK",
    "4,5", // four and a half kronor? not a whole amount
    "12.5",
    "4,500", // Swedish 4.5 or English 4500: not a guess
    "1,2345678 MSEK", // finer than a krona
    "4,5 kr",
    "0x10",
    "1e3",
    "Infinity",
    "-5",
    "+5",
    "4 00 000",
    "4,00,000",
    "4 000 000 EUR",
    "4 000 000 dollar",
    "fyra miljoner",
    "1234567890123456", // beyond what a double holds exactly
    "4 000 000 kr; DROP TABLE",
  ])("%j is not an amount", (text) => {
    expect(parseKronor(text)).toBeNull();
  });
});
