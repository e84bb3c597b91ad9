import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { useT } from "~/components/i18n";
import { PostingCard } from "~/components/posting-card";
import { getUser } from "~/lib/session.server";
import { browsePostings, PAGE_SIZE } from "~/models/posting.server";

export const meta: MetaFunction = () => [{ title: "Samband: competencies and needs" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await getUser(request);
  const params = new URL(request.url).searchParams;
  const kind = params.get("kind");
  const language = params.get("language");
  const page = Math.min(10_000, Math.max(1, Number.parseInt(params.get("page") ?? "1", 10) || 1));
  const result = await browsePostings(user?.id ?? null, {
    q: params.get("q") ?? undefined,
    kind: kind === "competence" || kind === "need" ? kind : undefined,
    language: language === "sv" || language === "en" ? language : undefined,
    page,
  });
  return { ...result, page, pages: Math.max(1, Math.ceil(result.total / PAGE_SIZE)) };
}

export default function Browse() {
  const t = useT();
  const { postings, total, page, pages } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const pageLink = (n: number) => {
    const next = new URLSearchParams(params);
    next.set("page", String(n));
    return `?${next}`;
  };
  return (
    <section>
      <h1>{t("browse.title")}</h1>
      <Form method="get" className="filters" role="search">
        <label>
          {t("browse.search")} <input type="search" name="q" defaultValue={params.get("q") ?? ""} maxLength={200} />
        </label>
        <label>
          {t("browse.kind")}{" "}
          <select name="kind" defaultValue={params.get("kind") ?? ""}>
            <option value="">{t("browse.any")}</option>
            <option value="competence">{t("posting.kind.competence")}</option>
            <option value="need">{t("posting.kind.need")}</option>
          </select>
        </label>
        <label>
          {t("browse.language")}{" "}
          <select name="language" defaultValue={params.get("language") ?? ""}>
            <option value="">{t("browse.any")}</option>
            <option value="sv">{t("lang.sv")}</option>
            <option value="en">{t("lang.en")}</option>
          </select>
        </label>
        <button type="submit">{t("browse.filter")}</button>
      </Form>
      <p role="status">{t("browse.results", { count: total })}</p>
      {postings.length === 0 ? (
        <p>{t("browse.none")}</p>
      ) : (
        <ul className="postings">
          {postings.map((p) => (
            <PostingCard key={p.id} p={p} />
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
    </section>
  );
}
