// Saved searches: saved from the browse page (POST intent=save with its q and facets),
// listed here, deleted here. Alerts are sent by the worker (workers/alerts.ts).
import { data, redirect, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { CsrfField, ErrorSummary, Field } from "#app/components/form.tsx";
import { useLocale, useT } from "#app/components/i18n.tsx";
import { z } from "zod";
import { FACETS } from "#app/domain/facets.ts";
import { translate, type MessageKey } from "#app/i18n/index.ts";
import { formAction } from "#app/lib/action.server.ts";
import { failure, failureOf } from "#app/lib/forms.ts";
import { requireUser } from "#app/lib/session.server.ts";
import {
  deleteSavedSearch,
  fromSearchParams,
  listSavedSearches,
  savedSearchSchema,
  saveSearch,
  searchUrl,
} from "#app/models/saved-search.server.ts";
import { pageHandle } from "#app/components/page-title.tsx";
import { formatDate } from "#app/i18n/format.ts";

export const handle = pageHandle("search.mine");

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const rows = await listSavedSearches(user.id);
  return { searches: rows.map((s) => ({ id: s.id, name: s.name, url: searchUrl(s), lastAlertAt: s.lastAlertAt?.toISOString() ?? null })) };
}

const schema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("delete"), id: z.string().optional() }),
  z.object({ intent: z.literal("save"), name: z.string().optional() }),
]);

export const action = formAction({ access: "user", schema }, async ({ form, locale, user, input }) => {
  if (input.intent === "delete") {
    if (!(await deleteSavedSearch(input.id ?? "", user.id))) throw new Response("Not found", { status: 404 });
    return redirect("/searches");
  }
  // The form carries the browse page's own parameters: q and each facet, repeated.
  const params = new URLSearchParams();
  for (const [k, v] of form.entries()) if (typeof v === "string") params.append(k, v);
  const name = input.name?.trim() || undefined;
  // A refusal lands here, away from the browse page: it keeps the search (only its q and
  // facets) so the page can offer the form again, or the way back to that search.
  const search = new URLSearchParams([...params].filter(([k]) => k === "q" || (FACETS as readonly string[]).includes(k))).toString();
  const refuse = (parts: { fieldErrors?: Record<string, string>; formErrors?: string[] }) =>
    data({ ...failure({ ...parts, values: { name: input.name ?? "" } }), search }, { status: 400 });
  const parsed = savedSearchSchema.safeParse(fromSearchParams(params, name));
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    // Only the name is typed on the form; the rest comes from the browse page's address.
    if (issue.path[0] === "name") return refuse({ fieldErrors: { name: translate(locale, "search.nameTooLong") } });
    const key: MessageKey =
      issue.message === "search.saveEmpty" ? "search.saveEmpty" : issue.path[0] === "q" ? "search.queryTooLong" : "search.filterInvalid";
    return refuse({ formErrors: [translate(locale, key)] });
  }
  const result = await saveSearch(user.id, parsed.data);
  if (!result.ok) return refuse({ formErrors: [translate(locale, result.error)] });
  return redirect("/searches?saved=1");
});

export default function SavedSearches() {
  const t = useT();
  const locale = useLocale();
  const { searches } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const failed = failureOf(result);
  const refusedSearch = result && "search" in result ? result.search : null;
  const [params] = useSearchParams();
  return (
    <section className="saved-searches">
      <h1>{t("search.mine")}</h1>
      {params.get("saved") && (
        <p className="notice" role="status">
          {t("search.saved")}
        </p>
      )}
      <ErrorSummary failure={failed} />
      {refusedSearch !== null && (
        <section className="save-again" aria-labelledby="save-again-title">
          <h2 id="save-again-title">{t("search.save")}</h2>
          {failed?.fieldErrors.name && (
            <Form method="post" noValidate>
              <CsrfField />
              <input type="hidden" name="intent" value="save" />
              {[...new URLSearchParams(refusedSearch)].map(([k, v], i) => (
                <input key={`${k}=${v}=${i}`} type="hidden" name={k} value={v} />
              ))}
              <Field
                name="name"
                label={t("search.saveName")}
                hint={t("search.nameHint")}
                maxLength={200}
                defaultValue={failed.values.name}
                error={failed.fieldErrors.name}
              />
              <button type="submit">{t("search.save")}</button>
            </Form>
          )}
          <p>
            <Link to={`/postings?${refusedSearch}`}>{t("search.backToSearch")}</Link>
          </p>
        </section>
      )}
      <p className="hint">{t("search.explain")}</p>
      {searches.length === 0 ? (
        <p>{t("search.none")}</p>
      ) : (
        <ul className="saved-list">
          {searches.map((s) => (
            <li key={s.id}>
              <Link to={s.url}>{s.name}</Link>
              {s.lastAlertAt && <span className="meta"> · {t("search.lastAlert", { date: formatDate(locale, s.lastAlertAt) })}</span>}
              <Form method="post" className="inline">
                <CsrfField />
                <input type="hidden" name="intent" value="delete" />
                <input type="hidden" name="id" value={s.id} />
                <button type="submit" className="secondary" aria-label={`${t("search.delete")}: ${s.name}`}>
                  {t("search.delete")}
                </button>
              </Form>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
