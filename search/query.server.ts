// Searching postings: Meilisearch when it answers, PostgreSQL (a plain substring match,
// no facets) when it does not, so the page degrades instead of failing.
import { browsePostings, PAGE_SIZE, type PostingSummary } from "../app/models/posting.server.ts";
import { buildFilter, FACETS, type FacetSelection } from "./filters.ts";
import { postingsIndex } from "./sync.server.ts";

import { MARK_END, MARK_START } from "./marks.ts";

export interface SearchHit extends PostingSummary {
  /** Title and a description excerpt with matches between MARK_START and MARK_END. */
  titleMarked: string;
  excerptMarked: string;
}

export interface SearchResult {
  source: "meilisearch" | "postgres";
  hits: SearchHit[];
  total: number;
  facets: Partial<Record<string, Record<string, number>>>;
}

export interface SearchParams {
  q: string;
  selection: FacetSelection;
  page: number;
  sort: "relevance" | "newest";
  signedIn: boolean;
  viewerId: string | null;
}

export async function searchPostings(p: SearchParams, now = new Date()): Promise<SearchResult> {
  const base = [`expiresAt > ${Math.floor(now.getTime() / 1000)}`, ...(p.signedIn ? [] : ['visibility = "public"'])];
  try {
    const res = await postingsIndex().search(p.q.slice(0, 200), {
      filter: buildFilter(p.selection, base),
      facets: [...FACETS],
      hitsPerPage: PAGE_SIZE,
      page: p.page,
      sort: p.sort === "newest" ? ["updatedAt:desc"] : undefined,
      attributesToHighlight: ["title", "description"],
      attributesToCrop: ["description"],
      cropLength: 40,
      highlightPreTag: MARK_START,
      highlightPostTag: MARK_END,
    });
    return {
      source: "meilisearch",
      total: res.totalHits ?? res.hits.length,
      facets: res.facetDistribution ?? {},
      hits: res.hits.map((h) => ({
        id: h.id,
        kind: h.kind,
        title: h.title,
        language: h.language,
        keywords: h.keywords,
        organizationName: h.organizationName,
        status: "active",
        expiresAt: new Date(h.expiresAt * 1000).toISOString(),
        updatedAt: new Date(h.updatedAt * 1000).toISOString(),
        titleMarked: h._formatted?.title ?? h.title,
        excerptMarked: h._formatted?.description ?? h.description.slice(0, 300),
      })),
    };
  } catch {
    const kind = p.selection.kind?.[0];
    const language = p.selection.language?.[0];
    const fallback = await browsePostings(p.viewerId, {
      q: p.q || undefined,
      kind: kind === "competence" || kind === "need" ? kind : undefined,
      language: language === "sv" || language === "en" ? language : undefined,
      page: p.page,
    });
    return { source: "postgres", total: fallback.total, facets: {}, hits: fallback.postings.map((s) => ({ ...s, titleMarked: s.title, excerptMarked: "" })) };
  }
}
