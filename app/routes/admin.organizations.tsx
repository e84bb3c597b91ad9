// Administrators: changes of corporate group waiting for approval (any of them may be
// decided here), and likely duplicate organizations with "merge into" buttons.
import { data, redirect, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { CsrfField, ErrorSummary, Field } from "#app/components/form.tsx";
import { useT } from "#app/components/i18n.tsx";
import { ParentChangeList } from "#app/components/parent-change.tsx";
import { translate } from "#app/i18n/index.ts";
import { z } from "zod";
import { formAction } from "#app/lib/action.server.ts";
import { failureOf, formValues } from "#app/lib/forms.ts";
import { requireAdmin } from "#app/lib/session.server.ts";
import { likelyDuplicates, mergeOrganizations } from "#app/models/organization-merge.server.ts";
import { allPendingParentChanges, decideParentChange } from "#app/models/parent-change.server.ts";
import { pageHandle } from "#app/components/page-title.tsx";

export const handle = pageHandle("admin.organizations.title");

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAdmin(request);
  const [pending, duplicates] = await Promise.all([allPendingParentChanges(), likelyDuplicates()]);
  return { pending, duplicates };
}

const schema = z.discriminatedUnion("intent", [
  z.object({ intent: z.enum(["approve-parent", "refuse-parent"]), requestId: z.string().optional() }),
  z.object({ intent: z.literal("merge"), from: z.string().optional(), into: z.string().optional() }),
]);

export const action = formAction(
  { access: "admin", schema, fieldErrors: true, unknownIntent: "not-found" },
  async ({ form, locale, user, input, fail }) => {
    if (input.intent === "merge") {
      const result = await mergeOrganizations(input.from ?? "", input.into ?? "", user.id);
      if (!result.ok)
        return fail({ fieldErrors: { [result.field]: translate(locale, result.message, result.vars) }, values: formValues(form) });
      return data({
        status: "merged" as const,
        notice: translate(locale, "admin.organizations.merged", { from: result.from, into: result.into }),
      });
    }
    const result = await decideParentChange(input.requestId ?? "", user, input.intent === "approve-parent");
    if (result.ok) return redirect("/admin/organizations");
    if (result.error === "not-found") throw new Response("Not found", { status: 404 });
    return fail(
      {
        formErrors: [
          result.error === "cycle"
            ? translate(locale, "group.cycleOnApprove", { chain: result.chain })
            : translate(locale, "group.decided"),
        ],
      },
      409,
    );
  },
);

export default function AdminOrganizations() {
  const t = useT();
  const { pending, duplicates } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const failed = failureOf(result);
  return (
    <section className="admin organizations">
      <h1>{t("admin.organizations.title")}</h1>
      <p className="hint">{t("admin.organizations.intro")}</p>
      {result?.status === "merged" && (
        <p className="notice" role="status">
          {result.notice}
        </p>
      )}
      <ErrorSummary failure={failed} />
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
              <span className="meta">
                {t("admin.organizations.facts", { postings: String(o.postings), people: String(o.people), seats: String(o.seats) })}
              </span>
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
      <Form method="post" className="narrow" noValidate>
        <CsrfField />
        <input type="hidden" name="intent" value="merge" />
        <Field
          name="from"
          label={t("admin.organizations.from")}
          required
          error={failed?.fieldErrors.from}
          defaultValue={failed?.values.from}
        />
        <Field
          name="into"
          label={t("admin.organizations.into")}
          required
          error={failed?.fieldErrors.into}
          defaultValue={failed?.values.into}
        />
        <button type="submit">{t("admin.organizations.merge")}</button>
      </Form>
    </section>
  );
}
