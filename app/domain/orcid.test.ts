import { describe, expect, it } from "vitest";
import { parseOrcid } from "#app/domain/orcid.ts";

describe("parseOrcid", () => {
  it.each([
    ["0000-0002-1825-0097", "0000-0002-1825-0097"], // ORCID's own example
    ["0000-0001-5109-3700", "0000-0001-5109-3700"],
    ["0000-0002-1694-233X", "0000-0002-1694-233X"], // check character X
    ["0000-0002-1694-233x", "0000-0002-1694-233X"],
    ["https://orcid.org/0000-0002-1825-0097", "0000-0002-1825-0097"],
    ["  0000000218250097 ", "0000-0002-1825-0097"],
  ])("accepts %j as %s", (input, value) => expect(parseOrcid(input)).toEqual({ ok: true, value }));

  it.each([
    ["", /must look like/],
    ["0000-0002-1825-009", /must look like/],
    ["0000-0002-1825-00977", /must look like/],
    ["0000-0002-1825-0098", /check character/],
    ["0000-0002-1694-2330", /check character/],
    ["https://evil.example/0000-0002-1825-0097", /must look like/],
    ["'; DROP TABLE users; --", /must look like/],
  ])("rejects %j", (input, error) => {
    const r = parseOrcid(input);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatch(error);
  });
});
