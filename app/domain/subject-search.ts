// Finding a research subject as a person types it: a code or its start ("203"), or words of
// its Swedish or English name at any level of the SCB tree, without caring about case or
// accents ("maskinteknik", "MASKINTEKNIK", "maskinteknik" for "Maskinteknik") and forgiving
// a slip of the finger ("masknteknik"). Also the reverse step for forms without JavaScript:
// a typed name resolved to its code only when it names one subject exactly.
import { fold, nameCost, words } from "#app/domain/fuzzy.ts";
import { label, researchSubject, researchSubjects, subjectWithAncestors, type ClassEntry } from "#app/domain/classification.ts";

export interface SubjectHit {
  code: string;
  level: number;
  /** The name in the asked language. */
  label: string;
  /** The names of the levels above, broadest first, in the asked language. */
  path: string[];
}

/** Longer queries say nothing more about a subject name and only cost time. */
export const MAX_QUERY_LENGTH = 100;
export const DEFAULT_LIMIT = 10;
export { editDistance, fold } from "#app/domain/fuzzy.ts";

interface Indexed {
  entry: ClassEntry;
  folded: { sv: string; en: string };
  words: { sv: string[]; en: string[] };
}

const INDEX: Indexed[] = researchSubjects.map((entry) => ({
  entry,
  folded: { sv: fold(entry.sv), en: fold(entry.en) },
  words: { sv: words(entry.sv), en: words(entry.en) },
}));

function hit(entry: ClassEntry, locale: "sv" | "en"): SubjectHit {
  return {
    code: entry.code,
    level: entry.level,
    label: label(entry, locale),
    path: subjectWithAncestors(entry.code)
      .slice(1)
      .reverse()
      .map((e) => label(e, locale)),
  };
}

/**
 * Subjects for what a person typed, best first: codes by their start, names by their
 * words in either language (the reader's language counts a little more), at most `limit`.
 */
export function searchSubjects(query: string, locale: "sv" | "en", limit = DEFAULT_LIMIT): SubjectHit[] {
  const q = query.slice(0, MAX_QUERY_LENGTH).trim();
  if (!q || limit < 1) return [];
  if (/^\d+$/u.test(q)) {
    return researchSubjects
      .filter((e) => e.code.startsWith(q))
      .slice(0, limit)
      .map((e) => hit(e, locale));
  }
  const typed = words(q);
  if (typed.length === 0) return [];
  const whole = typed.join(" ");
  const other = locale === "sv" ? "en" : "sv";
  const scored: { entry: ClassEntry; score: number }[] = [];
  for (const item of INDEX) {
    let score = Infinity;
    for (const lang of [locale, other] as const) {
      const cost = nameCost(typed, item.words[lang]);
      if (cost === null) continue;
      // The whole name typed beats a name that merely contains the words; a name starting with them beats one that ends with them.
      const name = item.folded[lang];
      const exact = name === whole ? -10 : name.startsWith(whole) ? -2 : 0;
      score = Math.min(score, cost * 10 + exact * 10 + (lang === locale ? 0 : 1) + item.words[lang].length);
    }
    if (score < Infinity) scored.push({ entry: item.entry, score });
  }
  scored.sort((a, b) => a.score - b.score || a.entry.level - b.entry.level || a.entry.code.localeCompare(b.entry.code));
  return scored.slice(0, limit).map((s) => hit(s.entry, locale));
}

export type SubjectResolution = { ok: true; code: string } | { ok: false; typed: string; suggestions: SubjectHit[] };

/**
 * A code, or a name that is exactly one subject's Swedish or English name (case and
 * accents aside), as its code; anything else is not guessed: the closest subjects are
 * offered instead.
 */
export function resolveSubject(typed: string, locale: "sv" | "en"): SubjectResolution {
  const text = typed.trim();
  const byCode = researchSubject(text);
  if (byCode) return { ok: true, code: byCode.code };
  const name = fold(text);
  if (name) {
    const exact = INDEX.filter((i) => i.folded.sv === name || i.folded.en === name);
    if (exact.length === 1) return { ok: true, code: exact[0]!.entry.code };
  }
  return { ok: false, typed: text, suggestions: searchSubjects(text, locale, 3) };
}
