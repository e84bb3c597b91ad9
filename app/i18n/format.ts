// Numbers, money and dates as each language writes them, through Intl: "4 000 000 kr" and
// "1 december 2026" in Swedish, "SEK 4,000,000" and "1 December 2026" in English. One place,
// so a page never shows two spellings of one amount.
import type { Locale } from "#app/i18n/index.ts";

const TAGS: Record<Locale, string> = { sv: "sv-SE", en: "en-GB" };
/** Samband's dates are Swedish dates: a deadline is the day in Stockholm, wherever the server runs. */
export const TIME_ZONE = "Europe/Stockholm";

export function formatNumber(locale: Locale, n: number): string {
  return new Intl.NumberFormat(TAGS[locale], { maximumFractionDigits: 1 }).format(n);
}

/** Whole kronor: "4 000 000 kr" / "SEK 4,000,000". */
export function formatKronor(locale: Locale, n: number): string {
  return new Intl.NumberFormat(TAGS[locale], {
    style: "currency",
    currency: "SEK",
    maximumFractionDigits: 0,
    minimumFractionDigits: 0,
  }).format(Math.round(n));
}

/** A share as a percentage: 0.4 → "40 %" / "40%". */
export function formatPercent(locale: Locale, share: number): string {
  return new Intl.NumberFormat(TAGS[locale], { style: "percent", maximumFractionDigits: 1 }).format(share);
}

/** A day: "1 december 2026" / "1 December 2026". */
export function formatDate(locale: Locale, date: Date | string): string {
  return new Intl.DateTimeFormat(TAGS[locale], { dateStyle: "long", timeZone: TIME_ZONE }).format(new Date(date));
}

/** A moment, to the minute (never seconds): "1 dec. 2026 14:05" / "1 Dec 2026, 14:05". */
export function formatDateTime(locale: Locale, date: Date | string): string {
  return new Intl.DateTimeFormat(TAGS[locale], { dateStyle: "medium", timeStyle: "short", timeZone: TIME_ZONE }).format(new Date(date));
}

/** A list of names: "A, B och C" / "A, B and C". */
export function formatList(locale: Locale, items: string[]): string {
  return new Intl.ListFormat(TAGS[locale], { style: "long", type: "conjunction" }).format(items);
}

/** A month written YYYY-MM: "november 2026" / "November 2026". */
export function formatMonth(locale: Locale, month: string): string {
  return new Intl.DateTimeFormat(TAGS[locale], { month: "long", year: "numeric", timeZone: "UTC" }).format(
    new Date(`${month}-01T00:00:00Z`),
  );
}
