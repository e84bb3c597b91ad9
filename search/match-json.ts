// The exchange shape of suggestions, shared by the command line and the JSON endpoint:
// refs as imported, reasons as short English sentences.
import { reasonText } from "./match.ts";
import type { Suggestion } from "./match.server.ts";

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
  return list.map((s) => ({ ref: s.ref, kind: s.kind, title: s.title, ownerRef: s.ownerRef, organizationRef: s.organizationRef, score: s.score, reasons: s.reasons.map((r) => reasonText(r, "en")) }));
}
