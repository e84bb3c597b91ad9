// Finding an existing organization from what a person types into the organization
// picker: a name (forgiving case, å ä ö, legal forms and a slip of the finger) or an
// organisation number, whole or its start, with or without the dash. Pure: the model
// narrows the table with the patterns made here and ranks what it read with `rankByName`.
import { duplicateKey } from "#app/domain/org-names.ts";
import { fold, nameCost } from "#app/domain/fuzzy.ts";

/** Longer than any organization's name people type: refused rather than searched. */
export const MAX_ORG_QUERY_LENGTH = 100;

export type OrgQuery =
  | { kind: "empty" }
  /** The start of an organisation number as stored (NNNNNN-NNNN): at least six digits. */
  | { kind: "number"; prefix: string }
  /** Name words to rank by, and LIKE patterns (letters and digits only) that narrow the table. */
  | { kind: "name"; words: string[]; patterns: string[] };

/** Words of a name that tell it apart: legal forms dropped ("AB", "Aktiebolag"), unless nothing else is left. */
export const nameWords = (name: string) => (duplicateKey(name) || fold(name)).split(" ").filter(Boolean);

/** The three-letter pieces of the typed words (the whole word when shorter), so one slip still leaves most of them. */
function trigrams(words: string[]): string[] {
  const out = new Set<string>();
  for (const w of words) {
    if (w.length <= 3) out.add(w);
    else for (let i = 0; i + 3 <= w.length; i++) out.add(w.slice(i, i + 3));
  }
  return [...out].slice(0, 40);
}

export function parseOrgQuery(text: string): OrgQuery {
  const trimmed = text.trim();
  // Digits with at most a dash or spaces between: a number, whole or begun.
  if (/^\d[\d\s-]*$/.test(trimmed)) {
    const digits = trimmed.replace(/\D/g, "");
    if (digits.length < 6 || digits.length > 10 || !/^\d{6}([- ]?\d{0,4})?$/.test(trimmed.replace(/\s+/g, " "))) return { kind: "empty" };
    return { kind: "number", prefix: digits.length > 6 ? `${digits.slice(0, 6)}-${digits.slice(6)}` : digits };
  }
  const words = nameWords(trimmed);
  // One letter says too little to search thousands of names by.
  if (words.join("").length < 2) return { kind: "empty" };
  return { kind: "name", words, patterns: trigrams(words).map((t) => `%${t}%`) };
}

/**
 * The names that fit every typed word, best first: whole words before starts of words
 * before slips, then the shorter name (fewer other words), then alphabetically.
 */
export function rankByName<T extends { name: string }>(words: string[], rows: readonly T[], limit: number): T[] {
  return rows
    .map((row) => ({ row, cost: nameCost(words, nameWords(row.name)), length: row.name.length }))
    .filter((r): r is { row: T; cost: number; length: number } => r.cost !== null)
    .sort((a, b) => a.cost - b.cost || a.length - b.length || a.row.name.localeCompare(b.row.name, "sv"))
    .slice(0, limit)
    .map((r) => r.row);
}
