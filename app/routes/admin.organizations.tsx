// Administrators: changes of corporate group waiting for approval (any of them may be
// decided here).
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { useT } from "~/components/i18n";
import { ParentChangeList } from "~/components/parent-change";
import { translate } from "~/i18n";
import { verifyCsrf } from "~/lib/csrf.server";
import { resolveLocale } from "~/lib/locale.server";
import { readForm } from "~/lib/request.server";
import { requireAdmin } from "~/lib/session.server";
import { allPendingParentChanges, decideParentChange } from "~/models/parent-change.server";

export const meta: MetaFunction = () => [{ title: "Samband: organizations" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAdmin(request);
  return { pending: await allPendingParentChanges() };
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
    return data({ error: result.error === "cycle" ? translate(locale, "org.parentCycle", { chain: result.chain }) : translate(locale, "group.decided") }, { status: 409 });
  }
  throw new Response("Not found", { status: 404 });
}

export default function AdminOrganizations() {
  const t = useT();
  const { pending } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  return (
    <section className="admin organizations">
      <h1>{t("admin.organizations.title")}</h1>
      <p className="hint">{t("admin.organizations.intro")}</p>
      {result?.error && (
        <p className="error" role="alert">
          {result.error}
        </p>
      )}
      <h2>{t("group.toDecide")}</h2>
      {pending.length ? <ParentChangeList requests={pending} title={false} /> : <p>{t("admin.organizations.nonePending")}</p>}
    </section>
  );
}
