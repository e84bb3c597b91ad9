// Saved searches: saved from the browse page (POST intent=save with its q and facets),
// listed here, deleted here. Alerts are sent by the worker (workers/alerts.ts).
import { redirect, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { CsrfField } from "#app/components/form.tsx";
import { useLocale, useT } from "#app/components/i18n.tsx";
import { z } from "zod";
import { isMessageKey, translate } from "#app/i18n/index.ts";
import { formAction } from "#app/lib/action.server.ts";
import { failureOf } from "#app/lib/forms.ts";
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

export const action = formAction({ access: "user", schema }, async ({ form, locale, user, input, fail }) => {
  if (input.intent === "delete") {
    if (!(await deleteSavedSearch(input.id ?? "", user.id))) throw new Response("Not found", { status: 404 });
    return redirect("/searches");
  }
  // The form carries the browse page's own parameters: q and each facet, repeated.
  const params = new URLSearchParams();
  for (const [k, v] of form.entries()) if (typeof v === "string") params.append(k, v);
  const parsed = savedSearchSchema.safeParse(fromSearchParams(params, input.name?.trim() || undefined));
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const key =
      issue.code !== "custom"
        ? "validation.invalid"
        : isMessageKey(issue.message) && issue.message.startsWith("search.")
          ? issue.message
          : "search.saveEmpty";
    return fail({ fieldErrors: { [issue.path.join(".")]: translate(locale, key) } });
  }
  const result = await saveSearch(user.id, parsed.data);
  if (!result.ok) return fail({ fieldErrors: { q: translate(locale, result.error) } });
  return redirect("/searches?saved=1");
});

export default function SavedSearches() {
  const t = useT();
  const locale = useLocale();
  const { searches } = useLoaderData<typeof loader>();
  const failed = failureOf(useActionData<typeof action>());
  const [params] = useSearchParams();
  return (
    <section className="saved-searches">
      <h1>{t("search.mine")}</h1>
      {params.get("saved") && (
        <p className="notice" role="status">
          {t("search.saved")}
        </p>
      )}
      {failed && (
        <p className="error-summary" role="alert">
          {Object.values(failed.fieldErrors)[0] ?? t("form.errorSummary")}
        </p>
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
