// Amounts in kronor as people write them in an application: "4 000 000", "4000000 kr",
// "SEK 4 000 000", "4,5 MSEK", "4.5 Mkr", "450 tkr", "4,000,000". The answer is a whole
// number of kronor or null; never a guess. A decimal needs a unit that makes it whole
// ("4,5" alone could be four and a half kronor), and "4,500" is refused (Swedish 4.5 or
// English 4500?), while "4,000,000" can only be grouping.

const MILLION = 1_000_000;
const THOUSAND = 1_000;

/** Units after the number (or "sek" before it), with what they multiply by. */
const UNITS: [RegExp, number][] = [
  [/^(?:msek|mkr|mnkr|milj(?:\.|oner)?(?: ?(?:kr|kronor|sek))?)$/u, MILLION],
  [/^(?:tkr|ksek|tsek|tusen(?: ?(?:kr|kronor|sek))?)$/u, THOUSAND],
  [/^(?:kr|kr\.|kronor|sek|:-)?$/u, 1],
];

const SPACE_GROUPED = /^\d{1,3}(?: \d{3})+$/u;
const COMMA_GROUPED = /^\d{1,3}(?:,\d{3}){2,}$/u;
const DECIMAL = /^(\d+)[.,](\d+)$/u;

/** Whole kronor from what a person typed, or null when it is not clearly an amount. */
export function parseKronor(text: string): number | null {
  let s = text
    .trim()
    .toLowerCase()
    .replace(/[\u00A0\u202F]/gu, " ");
  s = s.replace(/^sek\s*/u, "");
  const m = /^([\d][\d ,.]*?)\s*([a-zåäö.:-]*(?: ?[a-zåäö]+)?)$/u.exec(s);
  if (!m) return null;
  const [, number, unit] = m as unknown as [string, string, string];
  const multiplier = UNITS.find(([re]) => re.test(unit))?.[1];
  if (multiplier === undefined) return null;
  return wholeKronor(number.trim(), multiplier);
}

function wholeKronor(number: string, multiplier: number): number | null {
  let digits: string;
  if (/^\d+$/u.test(number) || SPACE_GROUPED.test(number) || COMMA_GROUPED.test(number)) {
    digits = number.replace(/\D/gu, "") + String(multiplier).slice(1);
  } else {
    const d = DECIMAL.exec(number);
    // A decimal only with a unit, and no finer than the unit allows (4,5 MSEK yes, 4,5 kr no).
    const places = String(multiplier).length - 1;
    if (!d || multiplier === 1 || d[2]!.length > places) return null;
    digits = d[1]! + d[2]!.padEnd(places, "0");
  }
  digits = digits.replace(/^0+(?=\d)/u, "");
  // Beyond 15 digits a double no longer holds every whole number exactly.
  return digits.length > 15 ? null : Number(digits);
}
