import { redirect, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { CsrfField, ErrorSummary, Field, SelectField } from "#app/components/form.tsx";
import { useT } from "#app/components/i18n.tsx";
import { translate, type MessageKey } from "#app/i18n/index.ts";
import { formAction } from "#app/lib/action.server.ts";
import { withFlash } from "#app/lib/flash.ts";
import { failureOf, formValues } from "#app/lib/forms.ts";
import { requireUser } from "#app/lib/session.server.ts";
import { getOrganization, organizationSchema, updateOrganization } from "#app/models/organization.server.ts";
import { pendingParentChangeOf } from "#app/models/parent-change.server.ts";
import { pageHandle } from "#app/components/page-title.tsx";

export const handle = pageHandle("org.edit");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const org = await getOrganization(params.id!, user);
  if (!org?.canEdit) throw new Response("Not found", { status: 404 });
  const s = (v: unknown) => (v === null || v === undefined ? "" : String(v));
  // While a change of group waits for approval the form shows what was asked for, so
  // saving other fields keeps the request instead of withdrawing it.
  const pending = await pendingParentChangeOf(org.id, user);
  return {
    pending: pending && { decider: pending.decider, parent: pending.parent?.name ?? null, leaving: pending.fromParent?.name ?? null },
    values: {
      name: org.name,
      kind: org.kind,
      orgNumber: s(org.orgNumber),
      country: org.country,
      region: s(org.region),
      website: s(org.website),
      employees: s(org.employees),
      sme: org.sme === null ? "" : org.sme ? "yes" : "no",
      sniCode: s(org.sniCode),
      description: s(org.description),
      competencies: s(org.competencies),
      needs: s(org.needs),
      coFundingCapacity: s(org.coFundingCapacity),
      parentOrgNumber: pending ? s(pending.parent?.orgNumber) : s(org.parent?.orgNumber),
    } satisfies Record<string, string>,
  };
}

export const action = formAction(
  { access: "user", schema: organizationSchema, fieldErrors: true },
  async ({ params, form, locale, user, input, fail }) => {
    const result = await updateOrganization(params.id!, user, input);
    if (!result) throw new Response("Not found", { status: 404 });
    if (!result.ok)
      return fail({
        fieldErrors: { [result.field]: translate(locale, result.message as MessageKey, result.vars) },
        values: formValues(form),
      });
    return redirect(withFlash(`/organizations/${params.id}`, "organizationSaved"));
  },
);

const KINDS = ["university", "institute", "company", "public", "other"] as const;

export default function EditOrganization() {
  const t = useT();
  const loaded = useLoaderData<typeof loader>();
  const failed = failureOf(useActionData<typeof action>());
  const v: Record<string, string> = failed?.values ?? loaded.values;
  const e = failed?.fieldErrors;
  return (
    <section className="narrow">
      <h1>{t("org.edit")}</h1>
      <ErrorSummary failure={failed} />
      <Form method="post" noValidate>
        <CsrfField />
        <Field name="name" label={t("org.name")} required maxLength={300} defaultValue={v.name} error={e?.name} />
        <SelectField name="kind" label={t("org.kind")} defaultValue={v.kind} error={e?.kind}>
          {KINDS.map((k) => (
            <option key={k} value={k}>
              {t(`org.kind.${k}`)}
            </option>
          ))}
        </SelectField>
        <Field
          name="orgNumber"
          label={t("org.orgNumber")}
          inputMode="numeric"
          placeholder="556036-0793"
          defaultValue={v.orgNumber}
          error={e?.orgNumber}
        />
        <Field name="country" label={t("org.country")} maxLength={2} defaultValue={v.country} error={e?.country} />
        <Field name="region" label={t("org.region")} defaultValue={v.region} error={e?.region} />
        <Field name="website" type="url" label={t("org.website")} defaultValue={v.website} error={e?.website} />
        <Field name="employees" inputMode="numeric" label={t("org.employees")} defaultValue={v.employees} error={e?.employees} />
        <SelectField name="sme" label={t("org.sme")} defaultValue={v.sme} error={e?.sme}>
          <option value="">{t("org.smeUnknown")}</option>
          <option value="yes">{t("org.yes")}</option>
          <option value="no">{t("org.no")}</option>
        </SelectField>
        <Field name="sniCode" label={t("org.sniCode")} placeholder="62.01" defaultValue={v.sniCode} error={e?.sniCode} />
        <Field
          name="parentOrgNumber"
          label={t("org.parent")}
          hint={
            loaded.pending
              ? `${t("org.parentHint")} ${t("group.pending", {
                  decider: loaded.pending.decider ?? t("group.siteAdmins"),
                  change: loaded.pending.parent
                    ? t("group.change.join", { org: v.name ?? "", parent: loaded.pending.parent })
                    : t("group.change.leave", { org: v.name ?? "", parent: loaded.pending.leaving ?? "" }),
                })}`
              : t("org.parentHint")
          }
          inputMode="numeric"
          defaultValue={v.parentOrgNumber}
          error={e?.parentOrgNumber}
        />
        <Field
          name="description"
          label={t("org.description")}
          multiline
          maxLength={10000}
          defaultValue={v.description}
          error={e?.description}
        />
        <Field
          name="competencies"
          label={t("org.competencies")}
          multiline
          maxLength={10000}
          defaultValue={v.competencies}
          error={e?.competencies}
        />
        <Field name="needs" label={t("org.needs")} multiline maxLength={10000} defaultValue={v.needs} error={e?.needs} />
        <Field
          name="coFundingCapacity"
          inputMode="numeric"
          label={t("org.coFundingCapacity")}
          defaultValue={v.coFundingCapacity}
          error={e?.coFundingCapacity}
        />
        <button type="submit">{t("org.save")}</button>
      </Form>
    </section>
  );
}
