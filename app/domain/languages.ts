// Languages as ISO 639-1 codes (what a profile stores), named in the reader's language by
// Intl.DisplayNames, found by either language's name or by the code. No data beyond the
// code list, so the browser can search them without asking the server.
import { fold, nameCost } from "#app/domain/fuzzy.ts";

/** ISO 639-1: every two-letter language code. */
export const LANGUAGE_CODES = (
  "aa ab ae af ak am an ar as av ay az ba be bg bi bm bn bo br bs ca ce ch co cr cs cu cv cy da de dv dz ee el en eo es et eu " +
  "fa ff fi fj fo fr fy ga gd gl gn gu gv ha he hi ho hr ht hu hy hz ia id ie ig ii ik io is it iu ja jv ka kg ki kj kk kl km " +
  "kn ko kr ks ku kv kw ky la lb lg li ln lo lt lu lv mg mh mi mk ml mn mr ms mt my na nb nd ne ng nl nn no nr nv ny oc oj om " +
  "or os pa pi pl ps pt qu rm rn ro ru rw sa sc sd se sg si sk sl sm sn so sq sr ss st su sv sw ta te tg th ti tk tl tn to tr " +
  "ts tt tw ty ug uk ur uz ve vi vo wa wo xh yi yo za zh zu"
).split(" ");

const CODES = new Set(LANGUAGE_CODES);
const names: Partial<Record<"sv" | "en", Intl.DisplayNames>> = {};

/** A language's name in the given language ("svenska", "Swedish"), or the code when there is none. */
export function languageName(code: string, locale: "sv" | "en"): string {
  names[locale] ??= new Intl.DisplayNames([locale], { type: "language", fallback: "code" });
  return names[locale].of(code) ?? code;
}

export interface LanguageHit {
  code: string;
  label: string;
}

/** Languages for what a person typed, best first: the code itself, then names in either language. */
export function searchLanguages(query: string, locale: "sv" | "en", limit = 10): LanguageHit[] {
  const q = fold(query.slice(0, 100));
  if (!q) return [];
  const typed = q.split(" ");
  const scored: { code: string; score: number }[] = [];
  for (const code of LANGUAGE_CODES) {
    let score = code === q ? -100 : Infinity;
    for (const lang of [locale, locale === "sv" ? "en" : "sv"] as const) {
      const name = fold(languageName(code, lang));
      const cost = nameCost(typed, name.split(" "));
      if (cost !== null) score = Math.min(score, cost * 10 + (name === q ? -50 : 0) + (lang === locale ? 0 : 1));
    }
    if (score < Infinity) scored.push({ code, score });
  }
  scored.sort((a, b) => a.score - b.score || a.code.localeCompare(b.code));
  return scored.slice(0, limit).map(({ code }) => ({ code, label: languageName(code, locale) }));
}

/** A code, or a language's exact name in Swedish or English, as its code; else null. */
export function resolveLanguage(typed: string): string | null {
  const t = fold(typed);
  if (CODES.has(t)) return t;
  return LANGUAGE_CODES.find((c) => fold(languageName(c, "sv")) === t || fold(languageName(c, "en")) === t) ?? null;
}
