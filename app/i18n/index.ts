// The interface in Swedish and English. The language comes from the language switch
// (a cookie), else the browser's Accept-Language, else English.
import { en, type MessageKey } from "#app/i18n/en.ts";
import { sv } from "#app/i18n/sv.ts";

export type Locale = "sv" | "en";
export const LOCALES: Locale[] = ["sv", "en"];
/** The language of whoever has not chosen one (or whose choice we do not have). */
export const DEFAULT_LOCALE: Locale = "en";
const dictionaries: Record<Locale, Record<MessageKey, string>> = { en, sv };

export type { MessageKey };

export function translate(locale: Locale, key: MessageKey, vars: Record<string, string | number> = {}): string {
  return dictionaries[locale][key].replace(/\{(\w+)\}/g, (_, name: string) => String(vars[name] ?? `{${name}}`));
}

/** A key whose text depends on a number: "<key>.one" and "<key>.other" both exist. */
export type CountedKey = {
  [K in MessageKey]: K extends `${infer Base}.other` ? (`${Base}.one` extends MessageKey ? Base : never) : never;
}[MessageKey];

const TAGS: Record<Locale, string> = { sv: "sv-SE", en: "en-GB" };

/** "1 konsortium", "2 konsortier": the form the language's plural rules pick for `count`, which fills {count}. */
export function translateCount(locale: Locale, key: CountedKey, count: number, vars: Record<string, string | number> = {}): string {
  const form = new Intl.PluralRules(TAGS[locale]).select(count) === "one" ? "one" : "other";
  const n = new Intl.NumberFormat(TAGS[locale]).format(count);
  return translate(locale, `${key}.${form}` as MessageKey, { ...vars, count: n });
}

/** Picks sv or en from an Accept-Language header, honouring q-values. */
export function fromAcceptLanguage(header: string | null): Locale {
  if (!header) return DEFAULT_LOCALE;
  const ranked = header
    .split(",")
    .map((part) => {
      const [tag, ...params] = part.trim().split(";");
      const q = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
      return { lang: (tag ?? "").toLowerCase().split("-")[0]!, q: q ? Number(q.slice(2)) || 0 : 1 };
    })
    .sort((a, b) => b.q - a.q);
  return (ranked.find((r) => LOCALES.includes(r.lang as Locale) && r.q > 0)?.lang as Locale) ?? DEFAULT_LOCALE;
}

/** A schema's own message: a catalogue key, checked by the compiler, translated when the form is refused (app/lib/forms.ts). */
export const msg = (key: MessageKey): MessageKey => key;

/** Whether a text is a key of the message catalogue (as a schema's own messages are). */
export function isMessageKey(value: string): value is MessageKey {
  return Object.hasOwn(en, value);
}

export function isLocale(value: unknown): value is Locale {
  return value === "sv" || value === "en";
}

/** A stored language (a user's, a request's), or `fallback` when it is missing or not one we have. */
export function localeOf(value: unknown, fallback: Locale = DEFAULT_LOCALE): Locale {
  return isLocale(value) ? value : fallback;
}
