import { describe, expect, it } from "vitest";
import { parseCsv, toCsv } from "#app/lib/csv.ts";

describe("toCsv", () => {
  it.each([
    ["plain text and numbers", [["a", 1, -2]], "a,1,-2"],
    ["a comma is quoted", [["Nordvik, Drives"]], '"Nordvik, Drives"'],
    ["a quote is doubled", [['say "hi"']], '"say ""hi"""'],
    ["a line break is quoted", [["two\nlines"]], '"two\nlines"'],
    ["Swedish letters pass", [["Sjödata AB"]], "Sjödata AB"],
    ["a formula is defused", [['=HYPERLINK("http://x")']], '"\'=HYPERLINK(""http://x"")"'],
    ["so are + - @ and tab", [["+1", "-1", "@SUM(A1)", "\tx"]], "'+1,'-1,'@SUM(A1),'\tx"],
    ["an empty cell stays empty", [["", "b"]], ",b"],
  ])("%s", (_name, rows, line) => {
    expect(toCsv(rows)).toBe(`\uFEFF${line}\r\n`);
  });

  it("ends every row with CRLF and reads back with the same cells", () => {
    const text = toCsv([
      ["name", "cash"],
      ["Nordvik Drives AB", 500000],
      ["Åre, Öst", 0],
    ]);
    expect(text.split("\r\n")).toHaveLength(4);
    expect(parseCsv(text.slice(1))).toEqual([
      { name: "Nordvik Drives AB", cash: "500000" },
      { name: "Åre, Öst", cash: "0" },
    ]);
  });
});
