// Match suggestions, the pure part: which queries a posting asks, how the answers
// combine into one score from 0 to 100, and why. The Meilisearch round trip is in
// match.server.ts; keeping the arithmetic here lets table tests pin it down.
import { label, researchSubject, subjectWithAncestors } from "#app/domain/classification.ts";
import { STOP_WORDS } from "#search/settings.ts";

export type PostingKind = "competence" | "need";

/** What a match is computed from: a posting, or a profile read as one. */
export interface MatchSource {
  kind: PostingKind;
  title: string;
  keywords: string[];
  /** Research subject codes as chosen (any level). */
  subjects: string[];
  /** The description's salient phrases (retrieve.server.ts salientPhrases): the whole text, as queries. */
  phrases?: string[];
}

export interface QueryPlan {
  /** The source's own words for this query, shown in reasons. */
  term: string;
  q: string;
  weight: number;
  /** Title: drop the most frequent words until something matches. Keywords: all words. */
  strategy: "frequency" | "all";
}

/** The kind of posting that answers this one: needs are answered by competencies and back. */
export const counterpart = (kind: PostingKind): PostingKind => (kind === "need" ? "competence" : "need");

const MAX_KEYWORDS = 8;
const MAX_PHRASES = 6;
// Meilisearch reads only the first ten words of a query.
const MAX_WORDS = 10;

function clip(text: string): string {
  return text.trim().split(/\s+/).slice(0, MAX_WORDS).join(" ");
}

const STOP = new Set(STOP_WORDS);

/** The first `n` words of free text that say something (no stop words, no repeats): a profile's text as a query. */
export function contentWords(text: string, n = MAX_WORDS): string {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const word of text.toLowerCase().match(/[\p{L}\p{N}][\p{L}\p{N}-]*/gu) ?? []) {
    if (STOP.has(word) || seen.has(word) || word.length < 2) continue;
    seen.add(word);
    out.push(word);
    if (out.length === n) break;
  }
  return out.join(" ");
}

/**
 * Free text (a profile's competencies, an organization's needs) as keyword-sized
 * queries: overlapping pairs of its content words. One long query would not do:
 * Meilisearch keeps the query's rarest word, and when that word occurs nowhere the whole
 * query finds nothing. Pairs still meet two-word synonyms ("machine learning").
 */
export function textAsKeywords(text: string, max = MAX_KEYWORDS): string[] {
  const words = contentWords(text, max + 1)
    .split(" ")
    .filter(Boolean);
  if (words.length <= 1) return words;
  return words
    .slice(0, -1)
    .map((w, i) => `${w} ${words[i + 1]}`)
    .slice(0, max);
}

/** One query for the title, one per distinct keyword and one per salient phrase of the description: a keyword phrased in another field or language meets the synonym vocabulary on its own. */
export function planQueries(source: MatchSource): QueryPlan[] {
  const plans: QueryPlan[] = [];
  const seen = new Set<string>();
  const add = (term: string, weight: number, strategy: QueryPlan["strategy"]) => {
    const q = clip(term);
    const key = q.toLowerCase();
    if (!q || seen.has(key)) return;
    seen.add(key);
    plans.push({ term: term.trim(), q, weight, strategy });
  };
  add(source.title, 1.5, "frequency");
  for (const k of source.keywords.slice(0, MAX_KEYWORDS)) add(k, 1, "all");
  // Phrases the description stresses count less than the author's own chosen keywords.
  for (const p of (source.phrases ?? []).slice(0, MAX_PHRASES)) add(p, 0.6, "all");
  return plans;
}

export interface SharedSubject {
  code: string;
  /** "same": the very subject; "group": a neighbour under the same three-digit group. */
  level: "same" | "group";
}

const LEVEL_SCORE = { same: 1, group: 0.6, area: 0.2 } as const;

/**
 * How close two sets of research subjects are, from 0 to 1: for each of the source's
 * subjects, 1 if the candidate has it, 0.6 for a neighbour in the same group, 0.2 for the
 * same broad area; averaged. `candidate` holds codes with their ancestors, as indexed.
 */
export function subjectSimilarity(source: string[], candidate: string[]): { score: number; shared: SharedSubject[] } {
  const own = [...new Set(source)].filter((c) => researchSubject(c));
  if (own.length === 0) return { score: 0, shared: [] };
  const theirs = new Set(candidate);
  let sum = 0;
  const shared: SharedSubject[] = [];
  for (const code of own) {
    const chain = subjectWithAncestors(code); // nearest first
    if (theirs.has(code)) {
      sum += LEVEL_SCORE.same;
      shared.push({ code, level: "same" });
      continue;
    }
    const group = chain.find((e) => e.level === 2 && e.code !== code);
    const area = chain.find((e) => e.level === 1 && e.code !== code);
    if (group && theirs.has(group.code)) {
      sum += LEVEL_SCORE.group;
      shared.push({ code: group.code, level: "group" });
    } else if (area && theirs.has(area.code)) sum += LEVEL_SCORE.area;
  }
  return { score: sum / own.length, shared };
}

/** The three-digit groups of the source's subjects: the neighbourhood a subject-only query covers. */
export function subjectGroups(subjects: string[]): string[] {
  const out = new Set<string>();
  for (const code of subjects) {
    const group = subjectWithAncestors(code).find((e) => e.level === 2);
    if (group) out.add(group.code);
  }
  return [...out];
}

export interface TermHit {
  term: string;
  weight: number;
  /** Meilisearch's ranking score for this query, 0–1. */
  relevance: number;
  /** The candidate's own words that matched, when they differ from the term. */
  matched: string[];
}

// Text evidence saturates: two strong keyword matches already make a good match, a
// fifth adds little. 1.5 is where one matched title plus one keyword reach about 0.8.
const TEXT_SATURATION = 1.5;
const TEXT_SHARE = 0.7;

/** The score from 0 to 100: mostly the words, partly the subjects (all words when the source has no subjects). */
export function matchScore(hits: TermHit[], subjects: { score: number } | null): number {
  // Being among a query's hits is already evidence (every word of a keyword, or its
  // synonym, is there); Meilisearch's own score then says how exactly and where. It
  // counts half, or a translation would weigh half as much as the same word.
  const evidence = hits.reduce((sum, h) => sum + h.weight * (0.5 + 0.5 * Math.max(0, Math.min(1, h.relevance))), 0);
  const text = 1 - Math.exp(-evidence / TEXT_SATURATION);
  const combined = subjects ? TEXT_SHARE * text + (1 - TEXT_SHARE) * subjects.score : text;
  return Math.max(0, Math.min(100, Math.round(combined * 100)));
}

export type Reason =
  | { type: "term"; term: string; matched: string[] }
  | { type: "subject"; code: string; level: SharedSubject["level"] }
  /** Words of the source's whole text found in the candidate's posting or past project. */
  | { type: "text"; phrases: string[]; where: "title" | "keywords" | "description" | "project"; title?: string }
  /** A past project the candidate shared with the author's organization or a consortium member. */
  | { type: "collaboration"; partner: string; project: string; year: number | null };

export function reasonsFor(hits: TermHit[], shared: SharedSubject[]): Reason[] {
  const terms = [...hits].sort((a, b) => b.weight * b.relevance - a.weight * a.relevance);
  return [
    ...terms.map((h): Reason => ({ type: "term", term: h.term, matched: h.matched })),
    ...shared.map((s): Reason => ({ type: "subject", code: s.code, level: s.level })),
  ];
}

const quoted = (words: string[], lang: "sv" | "en") => (lang === "sv" ? words.map((w) => `”${w}”`) : words.map((w) => `“${w}”`)).join(", ");

/** A reason as a short sentence, for people and for the command line's JSON. */
export function reasonText(r: Reason, lang: "sv" | "en" = "en"): string {
  if (r.type === "text") {
    const what = quoted(r.phrases, lang);
    if (r.where === "project")
      return lang === "sv" ? `Matchar ${what} i deras projekt ”${r.title}”` : `Matches ${what} in their project “${r.title}”`;
    const where = {
      sv: { title: "rubrik", keywords: "nyckelord", description: "beskrivning" },
      en: { title: "title", keywords: "keywords", description: "description" },
    }[lang][r.where];
    return lang === "sv" ? `Matchar ${what} i deras ${where}` : `Matches ${what} in their ${where}`;
  }
  if (r.type === "collaboration") {
    const year = r.year ? ` (${r.year})` : "";
    return lang === "sv" ? `Har arbetat med ${r.partner} i ”${r.project}”${year}` : `Worked with ${r.partner} on “${r.project}”${year}`;
  }
  if (r.type === "term") {
    const own = new Set(r.term.toLowerCase().split(/\s+/));
    const other = r.matched.filter((m) => !m.split(/\s+/).every((w) => own.has(w)));
    const said = other.length ? (lang === "sv" ? ` (som ”${other.join("”, ”")}”)` : ` (as “${other.join("”, “")}”)`) : "";
    return lang === "sv" ? `Matchar ”${r.term}”${said}` : `Matches “${r.term}”${said}`;
  }
  const entry = researchSubject(r.code);
  const name = entry ? label(entry, lang) : r.code;
  if (r.level === "same") return lang === "sv" ? `Samma forskningsämne: ${name}` : `Same research subject: ${name}`;
  return lang === "sv" ? `Närliggande ämne inom ${name}` : `Neighbouring subject within ${name}`;
}

/** Keeps at most `perGroup` items per corporate group, in order, so one prolific group cannot fill the list. */
export function capPerGroup<T>(items: T[], groupOf: (item: T) => string, perGroup: number): T[] {
  const count = new Map<string, number>();
  return items.filter((item) => {
    const g = groupOf(item);
    const n = count.get(g) ?? 0;
    count.set(g, n + 1);
    return n < perGroup;
  });
}
