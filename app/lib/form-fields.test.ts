import { describe, expect, it } from "vitest";
import { wholeNumber } from "#app/lib/form-fields.ts";

describe("wholeNumber", () => {
  const field = wholeNumber(1_000_000);
  it.each([
    ["4 000", 4000],
    [" 12 ", 12],
    [0, 0],
    [250_000, 250_000],
    ["1000000", 1_000_000],
  ])("%j is %s", (input, expected) => {
    expect(field.parse(input)).toBe(expected);
  });

  it.each([
    ["0x10", "validation.number"],
    ["1e3", "validation.number"],
    ["Infinity", "validation.number"],
    ["-1", "validation.number"],
    [1.5, "validation.number"],
    [-1, "validation.number"],
    ["1000001", "validation.numberTooLarge"],
    ["", "validation.required"],
    ["  ", "validation.required"],
  ])("%j is refused with %s", (input, message) => {
    const result = field.safeParse(input);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toBe(message);
  });
});
