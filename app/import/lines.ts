// The lines of an import file as it streams in. readline would hold a line of any length
// in memory before the importer could refuse it (a file without newlines is one line);
// here a line is cut at one character past the limit, which parseLine then reports as
// too long, and the rest of it is skipped as it arrives.
import { MAX_LINE } from "#app/import/records.ts";

export async function* splitLines(chunks: AsyncIterable<Uint8Array | string>, maxLength = MAX_LINE): AsyncGenerator<string> {
  // Decoding as a stream keeps characters split across chunks whole, and drops a
  // byte-order mark at the start, as Windows editors write one.
  const decoder = new TextDecoder("utf-8");
  let line = "";
  let overLong = false;
  const take = (text: string) => {
    if (overLong || text === "") return;
    line += text;
    if (line.length > maxLength) {
      line = line.slice(0, maxLength + 1);
      overLong = true;
    }
  };
  const end = () => {
    const whole = !overLong && line.endsWith("\r") ? line.slice(0, -1) : line;
    line = "";
    overLong = false;
    return whole;
  };
  for await (const chunk of chunks) {
    const text = typeof chunk === "string" ? chunk : decoder.decode(chunk, { stream: true });
    let start = 0;
    for (let nl = text.indexOf("\n"); nl !== -1; nl = text.indexOf("\n", start)) {
      take(text.slice(start, nl));
      yield end();
      start = nl + 1;
    }
    take(text.slice(start));
  }
  take(decoder.decode());
  if (line !== "") yield end();
}
