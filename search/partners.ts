// Partners, not postings: how the evidence for one organization (or person) adds up.
// Pure; partners.server.ts gathers the evidence. The constants were chosen on the
// development folds of real consortia (bench:match -- --real) and are explained in
// docs/decisions/0006-match-suggestions.md.

export const PARTNER_WEIGHTS = {
  /** How many of a partner's matching postings and projects count, best first… */
  depth: 5,
  /** …each counting this much less than the one before: six relevant postings beat one lucky title, but not six times. */
  decay: 0.7,
  /** A past project counts as evidence of what its partners can do, at this share of a posting… */
  projectShare: 0.5,
  /** …and so does a profile (a researcher's competencies, an organization's description). */
  profileShare: 0.5,
  /** Weight of having worked with the author's organization or a consortium member. */
  collaboration: 0.7,
  /** What a shared project counts even when its subject is unrelated to the query. */
  collaborationBase: 0.05,
};

/**
 * Completing a consortium: its members are many known partners, and whom they have
 * worked with says more than one author's history does (measured on both folds: consortium
 * hit@10 up by a third on one, unchanged on the other; on needs the same weights hurt).
 */
export const CONSORTIUM_WEIGHTS: typeof PARTNER_WEIGHTS = { ...PARTNER_WEIGHTS, collaboration: 2, collaborationBase: 0.3 };

export interface Evidence {
  id: string;
  kind: "posting" | "project" | "profile";
  /** 0–1: how well this posting or project answers the query. */
  relevance: number;
}

export interface SharedProject {
  projectId: string;
  /** The author's organization or consortium member it was shared with. */
  withId: string;
  /** 0–1: how relevant the shared project is to the query. */
  relevance: number;
}

/** One posting's relevance from both retrievers, each 0–1: found by either is found; by both, more so. */
export function combinedRelevance(meili: number, fullText: number): number {
  const clamp = (x: number) => Math.max(0, Math.min(1, x));
  return 1 - (1 - clamp(meili)) * (1 - clamp(fullText));
}

/** The text evidence of a partner: its best postings and projects, each counting less than the one before. */
export function textEvidence(evidence: Evidence[], w = PARTNER_WEIGHTS): number {
  return evidence
    .map((e) => e.relevance * (e.kind === "project" ? w.projectShare : e.kind === "profile" ? w.profileShare : 1))
    .sort((a, b) => b - a)
    .slice(0, w.depth)
    .reduce((sum, r, i) => sum + r * w.decay ** i, 0);
}

/** Shared past projects, the relevant ones most; logarithmic, so ten shared projects are not ten times one. */
export function collaborationEvidence(shared: SharedProject[], w = PARTNER_WEIGHTS): number {
  const sum = shared.reduce((s, p) => s + w.collaborationBase + p.relevance, 0);
  return w.collaboration * Math.log1p(sum);
}

/** The score from 0 to 100 that orders partners: text and collaboration add up, then saturate. */
export function partnerScore(text: number, collaboration: number): number {
  const raw = Math.max(0, text) + Math.max(0, collaboration);
  return Math.round(100 * (1 - Math.exp(-raw)));
}

/** Sorts best first (ties by key, so the order is stable) and keeps at most `perGroup` per corporate group. */
export function rankPartners<T extends { key: string; group: string; raw: number }>(items: T[], perGroup: number, limit: number): T[] {
  const count = new Map<string, number>();
  const out: T[] = [];
  for (const item of [...items].sort((a, b) => b.raw - a.raw || a.key.localeCompare(b.key))) {
    const n = count.get(item.group) ?? 0;
    if (n >= perGroup) continue;
    count.set(item.group, n + 1);
    out.push(item);
    if (out.length >= limit) break;
  }
  return out;
}
