// Matching what a person types against names: without case, accents or punctuation, and
// forgiving a slip of the finger. Small and free of data, so the browser may use it too.

/** Lower case, no accents (å ä ö é ü …), punctuation as spaces: what a comparison should see. */
export function fold(text: string): string {
  return text
    .normalize("NFD")
    .replace(/\p{M}+/gu, "")
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
}

export const words = (text: string) => fold(text).split(" ").filter(Boolean);

/** Optimal string alignment distance (Levenshtein plus swapped neighbours), stopping early past `max`. */
export function editDistance(a: string, b: string, max = Infinity): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let prev2: number[] = [];
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, prev2[j - 2]! + 1);
      cur.push(d);
      rowMin = Math.min(rowMin, d);
    }
    if (rowMin > max) return max + 1;
    prev2 = prev;
    prev = cur;
  }
  return prev[b.length]!;
}

/** Slips forgiven in a word of this length: none in short words, where one letter changes the word. */
const allowedSlips = (length: number) => (length >= 8 ? 2 : length >= 4 ? 1 : 0);

/**
 * What one typed word costs against one word of a name, or null when it does not fit:
 * the word itself 0, its start 1, inside it (a part of a Swedish compound, "teknik" in
 * "maskinteknik") 2, with slips 3 and up.
 */
export function wordCost(typed: string, word: string): number | null {
  if (word === typed) return 0;
  if (word.startsWith(typed)) return 1;
  if (typed.length >= 4 && word.includes(typed)) return 2;
  const slips = allowedSlips(typed.length);
  if (!slips) return null;
  // Against the whole word, and against its start (the person is still typing).
  let best = editDistance(typed, word, slips);
  for (let len = Math.max(1, typed.length - slips); len <= Math.min(word.length - 1, typed.length + slips); len++) {
    best = Math.min(best, editDistance(typed, word.slice(0, len), slips));
  }
  return best <= slips ? 2 + best : null;
}

/** The cost of a name for the typed words (every typed word must fit some word of it), or null. */
export function nameCost(typed: string[], name: string[]): number | null {
  let total = 0;
  for (const t of typed) {
    let best: number | null = null;
    for (const w of name) {
      const c = wordCost(t, w);
      if (c !== null && (best === null || c < best)) best = c;
      if (best === 0) break;
    }
    if (best === null) return null;
    total += best;
  }
  return total;
}
