import { describe, expect, it } from "vitest";
import { forbiddenCharacter, isBlank, withoutForbidden } from "#app/domain/text.ts";

describe("forbiddenCharacter", () => {
  it.each([
    ["plain text", "Maskininlärning för tillståndsövervakning", null],
    ["tab, line feed and carriage return", "a\tb\r\nc", null],
    ["emoji (a surrogate pair)", "sensorer 🚀", null],
    ["zero-width joiner", "a\u200Db", null],
    ["NUL", "ab\u0000c", { position: 3, code: "U+0000" }],
    ["U+0001 (the old highlight mark)", "\u0001x", { position: 1, code: "U+0001" }],
    ["vertical tab", "a\u000Bb", { position: 2, code: "U+000B" }],
    ["form feed from a PDF", "page\u000C", { position: 5, code: "U+000C" }],
    ["escape", "\u001B[31m", { position: 1, code: "U+001B" }],
    ["DEL", "a\u007F", { position: 2, code: "U+007F" }],
    ["position counts an emoji as one character", "🚀\u0000", { position: 2, code: "U+0000" }],
    ["a lone high surrogate", "a\uD800b", { position: 2, code: "U+D800" }],
    ["a lone low surrogate", "a\uDC00", { position: 2, code: "U+DC00" }],
    ["a noncharacter (the highlight marks)", "a\uFDD0b", { position: 2, code: "U+FDD0" }],
    ["U+FFFF", "\uFFFF", { position: 1, code: "U+FFFF" }],
  ])("%s", (_, text, expected) => {
    expect(forbiddenCharacter(text)).toEqual(expected);
  });
});

describe("isBlank", () => {
  it.each([
    ["", true],
    ["   ", true],
    ["\t\n", true],
    ["\u200B", true],
    ["\u200B\u200C\u200D\u2060\uFEFF", true],
    [" \u00A0\u200B ", true],
    ["\u00AD", true],
    ["a", false],
    ["\u200Ba\u200B", false],
    ["0", false],
  ])("%j → %s", (text, expected) => {
    expect(isBlank(text)).toBe(expected);
  });
});

describe("withoutForbidden", () => {
  it.each([
    ["sensorer", "sensorer"],
    ["\u0000", " "],
    ["a\u0000b\u0001c", "a b c"],
    ["🚀\u007Få\uD800", "🚀 å "],
    ["tab\tkept", "tab\tkept"],
  ])("%j → %j", (text, expected) => {
    expect(withoutForbidden(text)).toBe(expected);
  });
});
