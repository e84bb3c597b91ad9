// Likely duplicate organizations: people type a name slightly differently ("Sjödata AB",
// "SJÖDATA Aktiebolag", "Sjödata") and a second organization appears. Names are compared
// by a key without case, accents, punctuation and legal-form suffixes; a site
// administrator decides whether two of them are really one (and merges them).

// Legal forms that say nothing about which organization it is. Only whole words at the
// end (or start, for "AB Volvo") are dropped, so "Abba Data" keeps its "Abba".
const LEGAL_FORMS = new Set([
  "ab", "aktiebolag", "aktiebolaget", "publ", "hb", "kb", "handelsbolag", "kommanditbolag", "ek", "for", "forening", "ekonomisk",
  "inc", "incorporated", "ltd", "limited", "llc", "plc", "corp", "corporation", "co", "company",
  "gmbh", "ag", "kg", "oy", "oyj", "as", "asa", "aps", "bv", "nv", "sa", "sarl", "srl", "spa",
]);

/** The name reduced to what tells organizations apart; empty when nothing is left. */
export function duplicateKey(name: string): string {
  const words = name
    .normalize("NFKD")
    .replace(/\p{M}/gu, "") // accents: ö → o, é → e
    .toLowerCase()
    .replace(/&/g, " and ")
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
  let end = words.length;
  while (end > 1 && LEGAL_FORMS.has(words[end - 1]!)) end--;
  let start = 0;
  while (start < end - 1 && LEGAL_FORMS.has(words[start]!)) start++;
  return words.slice(start, end).join(" ");
}

/** Groups of two or more organizations with the same key, largest first, then by key. */
export function duplicateGroups<T extends { id: string; name: string }>(orgs: readonly T[]): T[][] {
  const byKey = new Map<string, T[]>();
  for (const o of orgs) {
    const key = duplicateKey(o.name);
    if (!key) continue;
    byKey.set(key, [...(byKey.get(key) ?? []), o]);
  }
  return [...byKey.entries()]
    .filter(([, group]) => group.length > 1)
    .sort(([a, ga], [b, gb]) => gb.length - ga.length || a.localeCompare(b))
    .map(([, group]) => group);
}
