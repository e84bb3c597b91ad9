// Index settings, declared here and applied idempotently at start-up
// (applySearchSettings in search/setup.server.ts); the shape of a document is in
// search/documents.server.ts.
import type { Settings } from "meilisearch";
import { meiliSynonyms } from "#search/synonyms.ts";

// Words too common to tell postings apart, in both languages of the product.
export const STOP_WORDS = [
  ...[
    "och",
    "i",
    "att",
    "det",
    "som",
    "en",
    "ett",
    "på",
    "är",
    "av",
    "för",
    "med",
    "till",
    "den",
    "de",
    "har",
    "om",
    "vi",
    "ni",
    "vår",
    "våra",
    "er",
    "oss",
    "inom",
    "kan",
    "vill",
    "eller",
    "så",
    "från",
    "hos",
    "samt",
  ],
  ...[
    "the",
    "a",
    "an",
    "and",
    "or",
    "of",
    "to",
    "in",
    "for",
    "on",
    "with",
    "is",
    "are",
    "we",
    "our",
    "us",
    "you",
    "your",
    "from",
    "at",
    "by",
    "as",
    "can",
    "would",
    "like",
  ],
];

export const POSTINGS_INDEX = "postings";

export const postingsSettings: Settings = {
  // Order matters: a match in the title outranks one in the description.
  searchableAttributes: ["title", "keywords", "subjectLabels", "organizationName", "description"],
  filterableAttributes: [
    "kind",
    "language",
    "visibility",
    "organizationKind",
    "region",
    "subjects",
    "eligibleApplicant",
    "groupId",
    "organizationId",
    "ownerId",
    "expiresAt",
    "updatedAt",
  ],
  sortableAttributes: ["updatedAt", "expiresAt"],
  rankingRules: ["words", "typo", "proximity", "attribute", "sort", "exactness"],
  typoTolerance: { enabled: true, minWordSizeForTypos: { oneTypo: 4, twoTypos: 8 } },
  stopWords: STOP_WORDS,
  synonyms: meiliSynonyms(),
};

export const PROFILES_INDEX = "profiles";

/** Researchers' and organizations' profiles: what they can do (competencies) and, for organizations, what they need. */
export const profilesSettings: Settings = {
  searchableAttributes: ["keywords", "competencies", "needs", "subjectLabels", "name", "affiliation"],
  filterableAttributes: ["type", "organizationKind", "region", "subjects", "eligibleApplicant", "groupId", "entityId", "visibility"],
  sortableAttributes: ["updatedAt"],
  rankingRules: ["words", "typo", "proximity", "attribute", "sort", "exactness"],
  typoTolerance: { enabled: true, minWordSizeForTypos: { oneTypo: 4, twoTypos: 8 } },
  stopWords: STOP_WORDS,
  synonyms: meiliSynonyms(),
};

export const INDEXES: Record<string, { primaryKey: string; settings: Settings }> = {
  [POSTINGS_INDEX]: { primaryKey: "id", settings: postingsSettings },
  [PROFILES_INDEX]: { primaryKey: "id", settings: profilesSettings },
};
