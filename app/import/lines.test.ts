import { describe, expect, it } from "vitest";
import { splitLines } from "#app/import/lines.ts";

async function lines(chunks: (string | Uint8Array)[], max?: number): Promise<string[]> {
  const out: string[] = [];
  async function* source() {
    yield* chunks;
  }
  for await (const l of splitLines(source(), max)) out.push(l);
  return out;
}
const bytes = (s: string) => new TextEncoder().encode(s);

describe("splitLines", () => {
  it.each([
    ["one line, no newline at the end", ["a"], ["a"]],
    ["newline at the end adds no empty line", ["a\nb\n"], ["a", "b"]],
    ["blank lines are kept (the importer counts them)", ["a\n\nb"], ["a", "", "b"]],
    ["CRLF", ["a\r\nb\r\n"], ["a", "b"]],
    ["a line across chunks", ["ab", "c\nd", "e"], ["abc", "de"]],
    ["empty input", [], []],
  ])("%s", async (_, chunks, expected) => {
    expect(await lines(chunks)).toEqual(expected);
  });

  it("drops a UTF-8 byte-order mark at the start only", async () => {
    expect(await lines([bytes("\uFEFF{}\n\uFEFFx\n")])).toEqual(["{}", "\uFEFFx"]);
  });

  it("keeps a character whose bytes are split across chunks", async () => {
    const all = bytes("å\nö");
    expect(await lines([all.slice(0, 1), all.slice(1, 3), all.slice(3)])).toEqual(["å", "ö"]);
  });

  it("cuts a line over the limit one character past it, and reads on after its newline", async () => {
    const out = await lines(["x".repeat(7), "y".repeat(10_000), "\nnext\n"], 10);
    expect(out).toEqual(["xxxxxxxyyyy", "next"]);
  });
});
