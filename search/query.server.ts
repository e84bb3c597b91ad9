// Searching postings: Meilisearch when it answers, PostgreSQL (a plain substring match,
// no facets) when it does not, so the page degrades instead of failing.
import { browsePostings, PAGE_SIZE, visibleSummaries, type PostingSummary } from "#app/models/posting.server.ts";
import { buildFilter, FACETS, type FacetSelection } from "#app/domain/facets.ts";
import { postingsIndex } from "#search/sync.server.ts";
import { isSearchUnavailable, logSearchUnavailable } from "#app/lib/meili.server.ts";

import { MARK_END, MARK_START } from "#search/marks.ts";

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
  let res;
  try {
    res = await postingsIndex().search(p.q.slice(0, 200), {
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
  } catch (error) {
    if (!isSearchUnavailable(error)) throw error;
    logSearchUnavailable("the browse page", error);
    return fallback(p);
  }
  // The index lags PostgreSQL while the search worker catches up: a posting archived,
  // expired or made members-only a moment ago is still in it. PostgreSQL decides, in one
  // query for the page's hits; what it refuses is left out. Such a page is then shorter
  // than PAGE_SIZE rather than filled from the next one, so paging never skips or repeats
  // a hit; the total drops by the hits refused on this page (stale ones on other pages
  // still count until the index catches up, as do the facet counts).
  const current = await visibleSummaries(
    res.hits.map((h) => h.id),
    p.signedIn,
    now,
  );
  const hits: SearchHit[] = [];
  for (const h of res.hits) {
    const row = current.get(h.id);
    if (!row) continue;
    // An edited title the index has not seen yet shows as it is now, without highlights.
    const titleMarked = row.title === h.title ? (h._formatted?.title ?? h.title) : row.title;
    // A confidential posting has no excerpt, even from a document written before it became confidential.
    const excerptMarked = row.confidential ? "" : (h._formatted?.description ?? h.description.slice(0, 300));
    hits.push({ ...row, titleMarked, excerptMarked });
  }
  const refused = res.hits.length - hits.length;
  return {
    source: "meilisearch",
    total: Math.max(hits.length, (res.totalHits ?? res.hits.length) - refused),
    facets: res.facetDistribution ?? {},
    hits,
  };
}

/** Meilisearch does not answer: a plain PostgreSQL substring search, without facets. */
async function fallback(p: SearchParams): Promise<SearchResult> {
  const kind = p.selection.kind?.[0];
  const language = p.selection.language?.[0];
  const found = await browsePostings(p.viewerId, {
    q: p.q || undefined,
    kind: kind === "competence" || kind === "need" ? kind : undefined,
    language: language === "sv" || language === "en" ? language : undefined,
    page: p.page,
  });
  return {
    source: "postgres",
    total: found.total,
    facets: {},
    hits: found.postings.map((s) => ({ ...s, titleMarked: s.title, excerptMarked: "" })),
  };
}
