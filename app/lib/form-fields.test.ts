import { describe, expect, it } from "vitest";
import { kronor, kronorOrNone } from "#app/lib/form-fields.ts";

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
    ["1000001", "validation.kronorTooLarge"],
    ["1,5 MSEK", "validation.kronorTooLarge"],
    ["4,5", "validation.kronor"],
    ["", "validation.kronorRequired"],
    ["  ", "validation.kronorRequired"],
  ])("%j is refused with %s", (input, message) => {
    const result = field.safeParse(input);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toBe(message);
  });
});

describe("kronorOrNone", () => {
  const field = kronorOrNone(1_000_000);
  it.each([
    [undefined, 0],
    ["", 0],
    ["   ", 0],
    ["4,5 tkr", 4500],
    ["0", 0],
  ])("%j is %s", (input, expected) => {
    expect(field.parse(input)).toBe(expected);
  });

  it("refuses what is not an amount, and names the largest one allowed in both languages", () => {
    expect(field.safeParse("abc").error?.issues[0]?.message).toBe("validation.kronor");
    const tooLarge = field.safeParse("2 MSEK").error?.issues[0];
    expect(tooLarge?.message).toBe("validation.kronorTooLarge");
    expect(tooLarge?.code === "custom" && tooLarge.params?.max).toMatchObject({ sv: expect.stringMatching(/^1\s000\s000\skr$/) });
  });
});
