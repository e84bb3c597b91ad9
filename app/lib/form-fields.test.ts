import { describe, expect, it } from "vitest";
import { kronor } from "#app/lib/form-fields.ts";

describe("kronor", () => {
  const field = kronor(1_000_000);
  it.each([
    ["4 000", 4000],
    [" 12 ", 12],
    [0, 0],
    [250_000, 250_000],
    ["1000000", 1_000_000],
    ["0,25 MSEK", 250_000],
    ["450 tkr", 450_000],
    ["1 MSEK", 1_000_000],
  ])("%j is %s", (input, expected) => {
    expect(field.parse(input)).toBe(expected);
  });

  it.each([
    ["0x10", "validation.kronor"],
    ["1e3", "validation.kronor"],
    ["Infinity", "validation.kronor"],
    ["-1", "validation.kronor"],
    [1.5, "validation.kronor"],
    [-1, "validation.kronor"],
    ["1000001", "validation.numberTooLarge"],
    ["1,5 MSEK", "validation.numberTooLarge"],
    ["4,5", "validation.kronor"],
    ["", "validation.kronorRequired"],
    ["  ", "validation.kronorRequired"],
  ])("%j is refused with %s", (input, message) => {
    const result = field.safeParse(input);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toBe(message);
  });
});
