// PDF documents built with pdf-lib from a list of blocks (a title, paragraphs, label and
// value rows, signature lines): laid out on A4 with line wrapping and page breaks. The
// standard Helvetica font needs no font file and covers Swedish (å ä ö, é, the en dash);
// a character it cannot show (Polish ł, CJK, emoji) is written as its plain letter when it
// has one, else as "?", so no name a person typed can make the document fail.
import { PDFDocument, StandardFonts, rgb, type PDFFont, type PDFPage } from "pdf-lib";

export type Block =
  | { kind: "title"; text: string }
  | { kind: "heading"; text: string }
  | { kind: "paragraph"; text: string }
  | { kind: "small"; text: string }
  | { kind: "fields"; rows: [label: string, value: string][] }
  | { kind: "signature"; labels: string[] }
  /** The first row is the header, repeated at the top of every page the table runs on; widths are shares of the line. */
  | { kind: "table"; widths: number[]; rows: string[][] };

export interface PdfSpec {
  title: string;
  /** BCP 47, e.g. "sv" or "en": read aloud in the right language. */
  language: string;
  blocks: Block[];
}

const A4: [number, number] = [595.28, 841.89];
const MARGIN = 56;
const WIDTH = A4[0] - 2 * MARGIN;
const LABEL_WIDTH = 150;

// Letters with no counterpart in the font and no decomposition to a plain one.
const PLAIN: Record<string, string> = { ł: "l", Ł: "L", đ: "d", Đ: "D", ħ: "h", ı: "i", ß: "ss", "→": "->", "←": "<-", "−": "-" };

/** The text with every character the font cannot show replaced (see above). */
export function fitToFont(text: string, font: PDFFont): string {
  const known = new Set(font.getCharacterSet());
  let out = "";
  for (const ch of text.normalize("NFC")) {
    const code = ch.codePointAt(0)!;
    if (ch === "\n" || known.has(code)) out += ch;
    else if (/\s/u.test(ch)) out += " ";
    else if (PLAIN[ch]) out += PLAIN[ch];
    else {
      const plain = ch.normalize("NFKD").replace(/\p{M}/gu, "");
      out += plain && [...plain].every((c) => known.has(c.codePointAt(0)!)) ? plain : "?";
    }
  }
  return out;
}

/** Lines of at most `width` points; a word longer than a line is cut. */
export function wrap(text: string, font: PDFFont, size: number, width: number): string[] {
  const lines: string[] = [];
  for (const para of text.split("\n")) {
    let line = "";
    for (let word of para.split(/ +/)) {
      while (font.widthOfTextAtSize(word, size) > width) {
        if (line) {
          lines.push(line);
          line = "";
        }
        let cut = word.length - 1;
        while (cut > 1 && font.widthOfTextAtSize(word.slice(0, cut), size) > width) cut--;
        lines.push(word.slice(0, cut));
        word = word.slice(cut);
      }
      const next = line ? `${line} ${word}` : word;
      if (font.widthOfTextAtSize(next, size) <= width) line = next;
      else {
        lines.push(line);
        line = word;
      }
    }
    lines.push(line);
  }
  return lines;
}

export async function renderPdf(spec: PdfSpec): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const regular = await doc.embedFont(StandardFonts.Helvetica);
  const bold = await doc.embedFont(StandardFonts.HelveticaBold);
  doc.setTitle(fitToFont(spec.title, regular));
  doc.setLanguage(spec.language);
  doc.setCreator("Samband");
  doc.setProducer("Samband (pdf-lib)");
  let page: PDFPage = doc.addPage(A4);
  let y = A4[1] - MARGIN;
  const room = (height: number) => {
    if (y - height >= MARGIN) return;
    page = doc.addPage(A4);
    y = A4[1] - MARGIN;
  };
  const write = (text: string, opts: { font: PDFFont; size: number; x?: number; width?: number; gray?: boolean }) => {
    const { font, size, x = MARGIN, width = WIDTH } = opts;
    for (const line of wrap(fitToFont(text, font), font, size, width)) {
      room(size * 1.4);
      y -= size * 1.4;
      page.drawText(line, { x, y, size, font, color: opts.gray ? rgb(0.3, 0.3, 0.3) : rgb(0, 0, 0) });
    }
  };
  for (const block of spec.blocks) {
    if (block.kind === "title") {
      write(block.text, { font: bold, size: 18 });
      y -= 10;
    } else if (block.kind === "heading") {
      y -= 6;
      write(block.text, { font: bold, size: 12 });
    } else if (block.kind === "paragraph") {
      write(block.text, { font: regular, size: 11 });
      y -= 8;
    } else if (block.kind === "small") {
      write(block.text, { font: regular, size: 9, gray: true });
      y -= 4;
    } else if (block.kind === "fields") {
      for (const [label, value] of block.rows) {
        const labelLines = wrap(fitToFont(label, bold), bold, 10, LABEL_WIDTH - 8);
        const valueLines = wrap(fitToFont(value, regular), regular, 11, WIDTH - LABEL_WIDTH);
        // A row starts on the page it fits on, as far as it can; a long value goes on over pages.
        room(Math.min(Math.max(labelLines.length, valueLines.length), 10) * 15.4);
        const top = y;
        for (const line of labelLines) {
          y -= 15.4;
          page.drawText(line, { x: MARGIN, y, size: 10, font: bold });
        }
        y = top;
        write(value, { font: regular, size: 11, x: MARGIN + LABEL_WIDTH, width: WIDTH - LABEL_WIDTH });
        y = Math.min(y, top - labelLines.length * 15.4) - 6;
      }
      y -= 6;
    } else if (block.kind === "table") {
      const [header = [], ...body] = block.rows;
      const xs = block.widths.map((_, i) => MARGIN + block.widths.slice(0, i).reduce((a, b) => a + b, 0) * WIDTH);
      const row = (cells: string[], font: PDFFont) => {
        const lines = cells.map((c, i) => wrap(fitToFont(c, font), font, 8, block.widths[i]! * WIDTH - 4));
        const height = Math.max(1, ...lines.map((l) => l.length)) * 10 + 4;
        const top = y;
        lines.forEach((cell, i) => cell.forEach((line, j) => page.drawText(line, { x: xs[i]!, y: top - 10 * (j + 1), size: 8, font })));
        y = top - height;
        page.drawLine({ start: { x: MARGIN, y: y + 2 }, end: { x: MARGIN + WIDTH, y: y + 2 }, thickness: 0.3, color: rgb(0.6, 0.6, 0.6) });
      };
      const height = (cells: string[]) =>
        Math.max(1, ...cells.map((c, i) => wrap(fitToFont(c, regular), regular, 8, block.widths[i]! * WIDTH - 4).length)) * 10 + 4;
      room(height(header) + (body[0] ? height(body[0]) : 0));
      row(header, bold);
      for (const cells of body) {
        if (y - height(cells) < MARGIN) {
          room(Infinity); // a new page, headed again
          row(header, bold);
        }
        row(cells, regular);
      }
      y -= 10;
    } else {
      for (const label of block.labels) {
        room(48);
        y -= 36;
        page.drawLine({ start: { x: MARGIN, y }, end: { x: MARGIN + 260, y }, thickness: 0.7, color: rgb(0, 0, 0) });
        y -= 12;
        page.drawText(fitToFont(label, regular), { x: MARGIN, y, size: 9, font: regular });
      }
      y -= 8;
    }
  }
  return doc.save();
}
