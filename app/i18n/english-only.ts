// The texts that exist only in English: every English text, and every run of it between
// placeholders, that is not also a Swedish text. A Swedish page showing one of them shows
// English a Swedish reader was meant not to see. Texts that read the same in both
// languages ("Samband", "ORCID iD") are not English-only.
import { en, type MessageKey } from "#app/i18n/en.ts";
import { sv } from "#app/i18n/sv.ts";

/** The fixed parts of a text, split at its placeholders, trimmed, without the short or empty ones. */
export function fixedParts(text: string): string[] {
  return text
    .split(/\{\w+\}/)
    .map((part) => part.replace(/\s+/g, " ").trim())
    .filter((part) => /\p{L}{3,}/u.test(part));
}

export interface EnglishOnly {
  /** Whole English texts without placeholders that no Swedish text equals. */
  texts: Map<string, MessageKey>;
  /** Fixed parts of English texts with placeholders (of four words or more) that no Swedish text contains. */
  parts: Map<string, MessageKey>;
}

export function englishOnlyStrings(english: Record<string, string> = en, swedish: Record<string, string> = sv): EnglishOnly {
  const norm = (s: string) => s.replace(/\s+/g, " ").trim();
  const swedishTexts = new Set(Object.values(swedish).map(norm));
  const swedishParts = new Set(Object.values(swedish).flatMap(fixedParts));
  const texts = new Map<string, MessageKey>();
  const parts = new Map<string, MessageKey>();
  for (const [key, text] of Object.entries(english) as [MessageKey, string][]) {
    if (norm(text) === norm(swedish[key] ?? "")) continue; // the same in both: a name, a code
    if (!/\{\w+\}/.test(text)) {
      const whole = norm(text);
      if (/\p{L}{2,}/u.test(whole) && !swedishTexts.has(whole)) texts.set(whole, key);
      continue;
    }
    for (const part of fixedParts(text)) {
      if (part.split(" ").length >= 4 && !swedishParts.has(part) && !swedishTexts.has(part)) parts.set(part, key);
    }
  }
  return { texts, parts };
}

/**
 * The English-only texts among what a page shows: `visible` holds each text node and each
 * attribute value a reader meets, one string each. A whole English text must equal one of
 * them; a fixed part of a text with placeholders may sit anywhere inside one.
 */
export function findEnglishOnly(
  visible: readonly string[],
  englishOnly: EnglishOnly = englishOnlyStrings(),
): { text: string; key: MessageKey }[] {
  const found = new Map<string, MessageKey>();
  const shown = visible.map((v) => v.replace(/\s+/g, " ").trim()).filter(Boolean);
  const all = shown.join("\n");
  for (const s of shown) {
    const key = englishOnly.texts.get(s);
    if (key) found.set(s, key);
  }
  for (const [part, key] of englishOnly.parts) if (all.includes(part)) found.set(part, key);
  return [...found].map(([text, key]) => ({ text, key }));
}
