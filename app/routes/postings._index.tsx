import type { LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData, useSearchParams, useSubmit } from "@remix-run/react";
import { useEffect, useRef, type ReactNode } from "react";
import { CsrfField } from "#app/components/form.tsx";
import { useLocale, useT } from "#app/components/i18n.tsx";
import { translateCount } from "#app/i18n/index.ts";
import { Marked } from "#app/components/marked.tsx";
import { label, researchSubject } from "#app/domain/classification.ts";
import { withoutForbidden } from "#app/domain/text.ts";
import { keptUntilChange } from "#app/lib/kept.server.ts";
import { getUser } from "#app/lib/session.server.ts";
import { PAGE_SIZE } from "#app/models/posting.server.ts";
import { FACETS, type Facet } from "#app/domain/facets.ts";
import { searchPostings, type SearchResult } from "#search/query.server.ts";
import { pageHandle } from "#app/components/page-title.tsx";
import { byLine } from "#app/components/posting-card.tsx";

export const handle = pageHandle("browse.title");

// The page as most arrive at it (no words, no filters, first page) is the same for every
// visitor, and its facet counts are the costliest part of a search: kept per audience until
// postings or organizations change, and at most 10 s, because the index takes a moment to
// catch up with a change (a new posting shows here within 10 s of being searchable). A
// fallback computed while Meilisearch is down is not kept.
const firstPage = keptUntilChange(
  (audience) => searchPostings({ q: "", selection: {}, page: 1, sort: "relevance", signedIn: audience === "members", viewerId: null }),
  { maxAgeMs: 10_000, keep: (r) => (r as SearchResult).source === "meilisearch" },
);

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await getUser(request);
  const params = new URL(request.url).searchParams;
  const page = Math.min(1000, Math.max(1, Number.parseInt(params.get("page") ?? "1", 10) || 1));
  // Control characters in a link are never meant and PostgreSQL refuses NUL: search without them.
  const selection = Object.fromEntries(FACETS.map((f) => [f, params.getAll(f).map(withoutForbidden)]));
  const q = withoutForbidden(params.get("q") ?? "");
  const sort = params.get("sort") === "newest" ? "newest" : "relevance";
  const plain = !q && page === 1 && sort === "relevance" && FACETS.every((f) => selection[f]!.length === 0);
  const kept = plain ? await firstPage(user ? "members" : "public") : null;
  // The PostgreSQL fallback depends on who asks, so it is always this viewer's own.
  const result =
    kept?.source === "meilisearch"
      ? kept
      : await searchPostings({ q, selection, page, sort, signedIn: Boolean(user), viewerId: user?.id ?? null });
  return { ...result, page, pages: Math.max(1, Math.ceil(result.total / PAGE_SIZE)), signedIn: Boolean(user) };
}

function facetLabel(facet: Facet, value: string, t: ReturnType<typeof useT>, locale: "sv" | "en"): string {
  if (facet === "kind") return t(`posting.kind.${value as "need"}`);
  if (facet === "language") return t(`lang.${value as "sv"}`);
  if (facet === "organizationKind") return t(`org.kind.${value as "company"}`);
  if (facet === "subjects") return researchSubject(value) ? label(researchSubject(value)!, locale) : value;
  return value;
}

/** Width at and below which the filters fold above the results (app.css, "Phone layout"). */
const FOLDED = "(max-width: 700px)";

/**
 * The filters in a disclosure: on a phone ~30 checkboxes would push the first result far
 * down, so there they start folded under a summary that says how many are chosen. Folded
 * is also how the server sends it; wide screens show the filters anyway (app.css), and once
 * the page's script runs it opens them there, for browsers without that stylesheet rule.
 */
function FacetsDisclosure({ chosen, children }: { chosen: number; children: ReactNode }) {
  const t = useT();
  const ref = useRef<HTMLDetailsElement>(null);
  useEffect(() => {
    if (ref.current && !window.matchMedia(FOLDED).matches) ref.current.open = true;
  }, []);
  return (
    <details className="facets-disclosure" ref={ref}>
      <summary>{chosen > 0 ? t("browse.filtersChosen", { count: String(chosen) }) : t("browse.filters")}</summary>
      {children}
    </details>
  );
}

/**
 * Nothing found: the ways back from here. Without the filters, with fewer words (each
 * word alone), everything, or, for what nobody offers yet, a need of one's own to publish.
 */
function EmptyResult({ params, signedIn }: { params: URLSearchParams; signedIn: boolean }) {
  const t = useT();
  const q = (params.get("q") ?? "").trim();
  const filtered = FACETS.some((f) => params.getAll(f).length > 0);
  const words = [...new Set(q.split(/\s+/).filter((w) => w.length > 1))].slice(0, 3);
  const search = (query: string) => `/postings${query ? `?${new URLSearchParams({ q: query })}` : ""}`;
  return (
    <section className="empty-result" aria-labelledby="empty-title">
      <h2 id="empty-title">{t("browse.none")}</h2>
      <ul>
        {filtered && (
          <li>
            <Link to={search(q)}>{t("browse.clearFilters")}</Link>
          </li>
        )}
        {words.length > 1 &&
          words.map((w) => (
            <li key={w}>
              <Link to={search(w)}>{t("browse.onlyWord", { word: w })}</Link>
            </li>
          ))}
        {(q || filtered) && (
          <li>
            <Link to="/postings">{t("browse.everything")}</Link>
          </li>
        )}
        <li>
          <Link to={signedIn ? "/postings/new" : "/register"}>{t(signedIn ? "browse.publishNeed" : "browse.registerToPublish")}</Link>
        </li>
      </ul>
    </section>
  );
}

export default function Browse() {
  const t = useT();
  const locale = useLocale();
  const { hits, total, page, pages, facets, source, signedIn } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const submit = useSubmit();
  const chosenCount = FACETS.reduce((n, f) => n + params.getAll(f).length, 0);
  const pageLink = (n: number) => {
    const next = new URLSearchParams(params);
    next.set("page", String(n));
    return `?${next}`;
  };
  return (
    <section className="browse">
      <h1>{t("browse.title")}</h1>
      {signedIn && (params.get("q") || FACETS.some((f) => params.getAll(f).length > 0)) && (
        // Its own form (forms cannot nest): the current search, sent to /searches.
        <Form method="post" action="/searches" className="save-search">
          <CsrfField />
          <input type="hidden" name="intent" value="save" />
          {params.get("q") && <input type="hidden" name="q" value={params.get("q")!} />}
          {FACETS.flatMap((f) => params.getAll(f).map((v) => <input key={`${f}=${v}`} type="hidden" name={f} value={v} />))}
          <label>
            {t("search.saveName")} <input type="text" name="name" maxLength={200} defaultValue={params.get("q") ?? ""} />
          </label>
          <button type="submit" className="secondary">
            {t("search.save")}
          </button>
        </Form>
      )}
      {/* A GET form: the state lives in the URL, shareable, and the back button works. */}
      <Form method="get" className="search-layout" role="search" onChange={(e) => submit(e.currentTarget, { replace: true })}>
        <div className="filters">
          <label>
            {t("browse.search")} <input type="search" name="q" defaultValue={params.get("q") ?? ""} maxLength={200} />
          </label>
          <label>
            {t("browse.sort")}{" "}
            <select name="sort" defaultValue={params.get("sort") ?? "relevance"}>
              <option value="relevance">{t("browse.sortRelevance")}</option>
              <option value="newest">{t("browse.sortNewest")}</option>
            </select>
          </label>
          <button type="submit">{t("browse.filter")}</button>
        </div>
        {source === "postgres" && (
          <p className="notice" role="status">
            {t("browse.fallback")}
          </p>
        )}
        <div className="results-with-facets">
          {source === "meilisearch" && (
            <aside className="facets" aria-label={t("browse.filters")}>
              <FacetsDisclosure chosen={chosenCount}>
                {FACETS.map((facet) => {
                  const counts = Object.entries(facets[facet] ?? {})
                    .filter(([value]) => facet !== "subjects" || value.length === 3)
                    .sort((a, b) => b[1] - a[1])
                    .slice(0, 12);
                  if (counts.length === 0) return null;
                  const chosen = new Set(params.getAll(facet));
                  return (
                    <fieldset key={facet}>
                      <legend>{t(`browse.facet.${facet}`)}</legend>
                      {counts.map(([value, n]) => (
                        <label key={value}>
                          <input type="checkbox" name={facet} value={value} defaultChecked={chosen.has(value)} />{" "}
                          {facetLabel(facet, value, t, locale)} <span className="count">({n})</span>
                        </label>
                      ))}
                    </fieldset>
                  );
                })}
              </FacetsDisclosure>
            </aside>
          )}
          <div className="results">
            <p role="status">{translateCount(locale, "browse.results", total)}</p>
            {hits.length === 0 ? (
              <EmptyResult params={params} signedIn={signedIn} />
            ) : (
              <ul className="postings">
                {hits.map((p) => (
                  <li key={p.id} className={`posting posting-${p.kind}`}>
                    <span className="badge">{t(`posting.kind.${p.kind}`)}</span>
                    <h3 lang={p.language}>
                      <Link to={`/postings/${p.id}`}>
                        <Marked text={p.titleMarked} />
                      </Link>
                    </h3>
                    <p className="org">{byLine(p, t)}</p>
                    {p.excerptMarked && (
                      <p className="excerpt" lang={p.language}>
                        <Marked text={p.excerptMarked} />
                      </p>
                    )}
                  </li>
                ))}
              </ul>
            )}
            {pages > 1 && (
              <nav aria-label={t("browse.page", { page, pages })} className="pager">
                {page > 1 && <Link to={pageLink(page - 1)}>{t("browse.prev")}</Link>}
                <span>{t("browse.page", { page, pages })}</span>
                {page < pages && <Link to={pageLink(page + 1)}>{t("browse.next")}</Link>}
              </nav>
            )}
          </div>
        </div>
      </Form>
    </section>
  );
}
