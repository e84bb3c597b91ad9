// Administrators: changes of corporate group waiting for approval (any of them may be
// decided here), and likely duplicate organizations with "merge into" buttons.
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { CsrfField, Field } from "#app/components/form.tsx";
import { useT } from "#app/components/i18n.tsx";
import { ParentChangeList } from "#app/components/parent-change.tsx";
import { translate } from "#app/i18n/index.ts";
import { verifyCsrf } from "#app/lib/csrf.server.ts";
import { resolveLocale } from "#app/lib/locale.server.ts";
import { readForm } from "#app/lib/request.server.ts";
import { requireAdmin } from "#app/lib/session.server.ts";
import { likelyDuplicates, mergeOrganizations } from "#app/models/organization-merge.server.ts";
import { allPendingParentChanges, decideParentChange } from "#app/models/parent-change.server.ts";

export const meta: MetaFunction = () => [{ title: "Samband: organizations" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAdmin(request);
  const [pending, duplicates] = await Promise.all([allPendingParentChanges(), likelyDuplicates()]);
  return { pending, duplicates };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireAdmin(request);
  const form = await readForm(request);
  await verifyCsrf(request, form);
  const locale = await resolveLocale(request, user);
  const intent = form.get("intent");
  if (intent === "approve-parent" || intent === "refuse-parent") {
    const result = await decideParentChange(String(form.get("requestId") ?? ""), user, intent === "approve-parent");
    if (result.ok) return redirect("/admin/organizations");
    if (result.error === "not-found") throw new Response("Not found", { status: 404 });
    return data({ error: result.error === "cycle" ? translate(locale, "org.parentCycle", { chain: result.chain }) : translate(locale, "group.decided"), notice: null, field: null }, { status: 409 });
  }
  if (intent !== "merge") throw new Response("Not found", { status: 404 });
  const result = await mergeOrganizations(String(form.get("from") ?? ""), String(form.get("into") ?? ""), user.id);
  if (!result.ok) return data({ error: translate(locale, result.message, result.vars), notice: null, field: result.field }, { status: 400 });
  return data({ error: null, field: null, notice: translate(locale, "admin.organizations.merged", { from: result.from, into: result.into }) });
}

export default function AdminOrganizations() {
  const t = useT();
  const { pending, duplicates } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  return (
    <section className="admin organizations">
      <h1>{t("admin.organizations.title")}</h1>
      <p className="hint">{t("admin.organizations.intro")}</p>
      {result?.notice && (
        <p className="notice" role="status">
          {result.notice}
        </p>
      )}
      {result?.error && (
        <p className="error" role="alert">
          {result.error}
        </p>
      )}
      <h2>{t("group.toDecide")}</h2>
      {pending.length ? <ParentChangeList requests={pending} title={false} /> : <p>{t("admin.organizations.nonePending")}</p>}
      <h2>{t("admin.organizations.duplicates")}</h2>
      <p className="hint">{t("admin.organizations.duplicatesHint")}</p>
      {duplicates.length === 0 && <p>{t("admin.organizations.noDuplicates")}</p>}
      {duplicates.map((group) => (
        <ul key={group[0]!.id} className="duplicates">
          {group.map((o) => (
            <li key={o.id}>
              <Link to={`/organizations/${o.id}`}>{o.name}</Link> {o.orgNumber && <span className="meta">{o.orgNumber}</span>}{" "}
              <span className="meta">{t("admin.organizations.facts", { postings: String(o.postings), people: String(o.people), seats: String(o.seats) })}</span>
              {group
                .filter((other) => other.id !== o.id)
                .map((other) => (
                  <Form method="post" className="inline" key={other.id}>
                    <CsrfField />
                    <input type="hidden" name="intent" value="merge" />
                    <input type="hidden" name="from" value={o.id} />
                    <input type="hidden" name="into" value={other.id} />
                    <button type="submit">{t("admin.organizations.mergeInto", { name: other.name })}</button>
                  </Form>
                ))}
            </li>
          ))}
        </ul>
      ))}
      <h2>{t("admin.organizations.mergeById")}</h2>
      <Form method="post" className="narrow">
        <CsrfField />
        <input type="hidden" name="intent" value="merge" />
        <Field name="from" label={t("admin.organizations.from")} required error={result?.field === "from" ? (result.error ?? undefined) : undefined} />
        <Field name="into" label={t("admin.organizations.into")} required error={result?.field === "into" ? (result.error ?? undefined) : undefined} />
        <button type="submit">{t("admin.organizations.merge")}</button>
      </Form>
    </section>
  );
}
