// Index settings, declared here and applied idempotently at start-up (applySettings).
// The search issue extends these; the shape of a document is in search/documents.ts.
import type { Settings } from "meilisearch";

export const POSTINGS_INDEX = "postings";

export const postingsSettings: Settings = {
  // Order matters: a match in the title outranks one in the description.
  searchableAttributes: ["title", "keywords", "subjectLabels", "organizationName", "description"],
  filterableAttributes: ["kind", "language", "visibility", "organizationKind", "region", "subjects", "eligibleApplicant", "groupId", "organizationId", "ownerId", "expiresAt", "updatedAt"],
  sortableAttributes: ["updatedAt", "expiresAt"],
  rankingRules: ["words", "typo", "proximity", "attribute", "sort", "exactness"],
  typoTolerance: { enabled: true, minWordSizeForTypos: { oneTypo: 4, twoTypos: 8 } },
};

export const INDEXES: Record<string, { primaryKey: string; settings: Settings }> = {
  [POSTINGS_INDEX]: { primaryKey: "id", settings: postingsSettings },
};
