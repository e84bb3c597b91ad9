import { describe, expect, it } from "vitest";
import { flashKey, withFlash } from "#app/lib/flash.ts";

describe("flash names", () => {
  it.each([
    ["published", "flash.published"],
    ["withdrawn", "flash.withdrawn"],
    ["profileSaved", "flash.profileSaved"],
    ["<script>alert(1)</script>", null],
    ["toString", null],
    ["__proto__", null],
    ["", null],
    [null, null],
  ])("%s → %s", (name, key) => {
    expect(flashKey(name)).toBe(key);
  });

  it.each([
    ["/consortia/1", "/consortia/1?done=withdrawn"],
    ["/consortia?x=1", "/consortia?x=1&done=withdrawn"],
    ["/profile#affiliation", "/profile?done=withdrawn#affiliation"],
  ])("%s gets the name added: %s", (path, expected) => {
    expect(withFlash(path, "withdrawn")).toBe(expected);
  });
});
