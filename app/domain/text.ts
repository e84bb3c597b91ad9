// What typed or imported text may hold. PostgreSQL refuses NUL in text, and the other C0
// controls (but tab, line feed, carriage return), DEL, lone surrogates and Unicode's
// noncharacters are never part of real writing; they arrive only by accident (a paste
// from a PDF) or on purpose (search highlighting uses noncharacters as its marks, see
// search/marks.ts), so they are refused with the field named rather than stored.

export interface ForbiddenCharacter {
  /** Position in the text, counted in characters from 1, as a person would count. */
  position: number;
  /** The character as U+XXXX. */
  code: string;
}

const isControl = (c: number) => (c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) || c === 0x7f;
const isNoncharacter = (c: number) => (c >= 0xfdd0 && c <= 0xfdef) || c === 0xfffe || c === 0xffff;

/** The first character that text may not hold, or null. */
export function forbiddenCharacter(text: string): ForbiddenCharacter | null {
  // By character code: a regex with these ranges would trip the no-control-regex lint.
  let position = 0;
  for (let i = 0; i < text.length; i++) {
    position++;
    const c = text.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        i++; // a pair: one character outside the Basic Multilingual Plane, fine
        continue;
      }
      return { position, code: codePoint(text[i]!) };
    }
    if ((c >= 0xdc00 && c <= 0xdfff) || isControl(c) || isNoncharacter(c)) return { position, code: codePoint(text[i]!) };
  }
  return null;
}

/**
 * The text with every character it may not hold replaced by a space: for what is only
 * looked for, never stored (a search box), where refusing would help nobody.
 */
export function withoutForbidden(text: string): string {
  return [...text].map((c) => (forbiddenCharacter(c) ? " " : c)).join("");
}

export function codePoint(char: string): string {
  return `U+${char.codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0")}`;
}

// Zero-width and other format characters that render as nothing: a title of only these
// (or of spaces) shows as an empty line, so it counts as not filled in.
const INVISIBLE = /^[\s\u00AD\u180E\u200B-\u200F\u2060-\u2064\uFEFF]*$/u;

/** True when the text would show as nothing at all. */
export function isBlank(text: string): boolean {
  return INVISIBLE.test(text);
}
