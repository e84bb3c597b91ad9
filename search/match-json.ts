// The exchange shape of suggestions, shared by the command line and the JSON endpoint:
// refs as imported, reasons as short English sentences.
import { reasonText } from "#search/match.ts";
import type { Suggestion } from "#search/match.server.ts";
import type { PartnerSuggestion } from "#search/partners.server.ts";

export interface SuggestionJson {
  ref: string | null;
  kind: string;
  title: string;
  ownerRef: string | null;
  organizationRef: string | null;
  score: number;
  reasons: string[];
}

export function toJson(list: Suggestion[]): SuggestionJson[] {
  return list.map((s) => ({
    ref: s.ref,
    kind: s.kind,
    title: s.title,
    ownerRef: s.ownerRef,
    organizationRef: s.organizationRef,
    score: s.score,
    reasons: s.reasons.map((r) => reasonText(r, "en")),
  }));
}

export interface PartnerJson {
  type: "organization" | "person";
  organizationRef: string | null;
  /** The organization's ref, or the person's for a person posting on their own. */
  ref: string | null;
  name: string;
  score: number;
  reasons: string[];
  /** The postings that make the match. */
  postings: { ref: string | null; title: string }[];
}

export function partnersToJson(list: PartnerSuggestion[]): PartnerJson[] {
  return list.map((s) => ({
    type: s.type,
    organizationRef: s.organizationRef,
    ref: s.ref,
    name: s.name,
    score: s.score,
    reasons: s.reasons.map((r) => reasonText(r, "en")),
    postings: s.postings.map((p) => ({ ref: p.ref, title: p.title })),
  }));
}
