// The reviewed synonym vocabulary (search/data/synonyms.json): groups of terms that
// mean the same across Swedish and English or across disciplines. Each group becomes
// mutual synonyms in Meilisearch: any term finds postings written with any other.
import groups from "#search/data/synonyms.json" with { type: "json" };

export const synonymGroups: string[][] = groups;

/** Meilisearch's synonyms setting: every term maps to the rest of its group(s), lower-cased. */
export function meiliSynonyms(list: string[][] = synonymGroups): Record<string, string[]> {
  const out: Record<string, Set<string>> = {};
  for (const group of list) {
    const terms = group.map((t) => t.toLowerCase());
    for (const term of terms) {
      out[term] ??= new Set();
      for (const other of terms) if (other !== term) out[term].add(other);
    }
  }
  return Object.fromEntries(Object.entries(out).map(([k, v]) => [k, [...v]]));
}
