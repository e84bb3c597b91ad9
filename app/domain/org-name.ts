// Organization names as people type them: "Nordvik Drives AB", "nordvik drives",
// "Nordvik Drives Aktiebolag (publ)" are one company. The core of a name (lower case,
// no punctuation, no legal-form suffix) finds the existing organization a person most
// likely means before a second one is created.

const LEGAL_FORMS = new Set(["ab", "aktiebolag", "publ", "hb", "kb", "ek", "för", "inc", "ltd", "llc", "gmbh", "ag", "as", "asa", "oy", "oyj", "sa", "bv", "nv", "plc", "co", "corp", "corporation", "limited", "company"]);

/** Lower-case words of the name without punctuation and legal-form words. */
export function nameCore(name: string): string {
  const words = name
    .normalize("NFKC")
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim()
    .split(" ")
    .filter((w) => w && !LEGAL_FORMS.has(w));
  return words.join(" ");
}

/** Whether two names most likely mean the same organization. */
export function sameOrganizationName(a: string, b: string): boolean {
  const x = nameCore(a);
  const y = nameCore(b);
  return x !== "" && x === y;
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
  const x = nameCore(typed);
  const y = nameCore(candidate);
  if (x === "" || y === "") return false;
  if (x === y) return true;
  if (y.startsWith(`${x} `) || x.startsWith(`${y} `)) return true;
  return Math.min(x.length, y.length) >= 6 && withinEdits(x, y, 2);
}
