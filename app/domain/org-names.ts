// Organization names as people type them: "Sjödata AB", "SJÖDATA Aktiebolag" and "Sjödata"
// are one company. Names are compared by a key without case, accents, punctuation and
// legal-form words. The key finds the organization a person most likely means before a
// second one is created (similarOrganizationName), and the likely duplicates a site
// administrator may merge (duplicateGroups).

// Legal forms that say nothing about which organization it is. Only whole words at the
// end (or start, for "AB Volvo") are dropped, so "Abba Data" keeps its "Abba".
const LEGAL_FORMS = new Set([
  "ab",
  "aktiebolag",
  "aktiebolaget",
  "publ",
  "hb",
  "kb",
  "handelsbolag",
  "kommanditbolag",
  "ek",
  "for",
  "forening",
  "ekonomisk",
  "inc",
  "incorporated",
  "ltd",
  "limited",
  "llc",
  "plc",
  "corp",
  "corporation",
  "co",
  "company",
  "gmbh",
  "ag",
  "kg",
  "oy",
  "oyj",
  "as",
  "asa",
  "aps",
  "bv",
  "nv",
  "sa",
  "sarl",
  "srl",
  "spa",
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

/** Edit distance, stopping early once it exceeds `max` (the names compared are short). */
function withinEdits(a: string, b: string, max: number): boolean {
  if (Math.abs(a.length - b.length) > max) return false;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) row[j] = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    if (Math.min(...row) > max) return false;
    prev = row;
  }
  return prev[b.length]! <= max;
}

/**
 * Whether `candidate` is close enough to what was typed to be offered before a new
 * organization is created: the same core, one core a word-prefix of the other
 * ("Nordvik" for "Nordvik Drives AB"), or a typo or two in a longer name.
 */
export function similarOrganizationName(typed: string, candidate: string): boolean {
  const x = duplicateKey(typed);
  const y = duplicateKey(candidate);
  if (x === "" || y === "") return false;
  if (x === y) return true;
  if (y.startsWith(`${x} `) || x.startsWith(`${y} `)) return true;
  return Math.min(x.length, y.length) >= 6 && withinEdits(x, y, 2);
}
