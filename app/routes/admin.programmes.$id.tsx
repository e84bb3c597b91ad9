// Administrators create (/admin/programmes/new) or edit a programme's rules. Bad values are
// named next to their field and nothing is saved.
import { redirect, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { CsrfField, ErrorSummary, Field, SelectField } from "#app/components/form.tsx";
import { useT } from "#app/components/i18n.tsx";
import { PROGRAMME_DEFAULTS } from "#app/domain/programme.ts";
import { formAction } from "#app/lib/action.server.ts";
import { failureOf } from "#app/lib/forms.ts";
import { requireAdmin } from "#app/lib/session.server.ts";
import { getProgramme, programmeFormSchema, saveProgramme } from "#app/models/programme.server.ts";
import { pageHandle } from "#app/components/page-title.tsx";

export const handle = pageHandle("admin.programmes.title");

async function load(id: string | undefined) {
  if (id === "new") return null;
  const p = await getProgramme(id ?? "");
  if (!p) throw new Response("Not found", { status: 404 });
  return p;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireAdmin(request);
  const p = await load(params.id);
  const d = PROGRAMME_DEFAULTS;
  return {
    isNew: !p,
    values: {
      name: p?.name ?? "",
      projectType: p?.projectType ?? d.projectType,
      minIndependentCompanies: String(p?.minIndependentCompanies ?? d.minIndependentCompanies),
      coFundingRatio: String(p?.coFundingRatio ?? d.coFundingRatio),
      instituteCapPercent: String(Math.round((p?.instituteCapShare ?? d.instituteCapShare) * 10_000) / 100),
      requireEligibleApplicant: (p?.requireEligibleApplicant ?? d.requireEligibleApplicant) ? "on" : "",
      deadline: p?.deadline?.toISOString().slice(0, 10) ?? "",
    } satisfies Record<string, string>,
  };
}

export const action = formAction({ access: "admin", schema: programmeFormSchema, fieldErrors: true }, async ({ params, input }) => {
  const existing = await load(params.id);
  const id = await saveProgramme(existing?.id ?? null, input);
  if (!id) throw new Response("Not found", { status: 404 });
  return redirect("/admin/programmes?saved=1");
});

export default function EditProgramme() {
  const t = useT();
  const loaded = useLoaderData<typeof loader>();
  const failed = failureOf(useActionData<typeof action>());
  const v: Record<string, string> = failed?.values ?? loaded.values;
  const e = failed?.fieldErrors ?? {};
  return (
    <section className="narrow admin">
      <h1>{loaded.isNew ? t("admin.programmes.new") : t("admin.programmes.edit", { name: loaded.values.name! })}</h1>
      <Form method="post" noValidate>
        <CsrfField />
        <ErrorSummary failure={failed} />
        <Field name="name" label={t("programme.field.name")} error={e.name} defaultValue={v.name} maxLength={300} required />
        <SelectField name="projectType" label={t("programme.field.projectType")} error={e.projectType} defaultValue={v.projectType}>
          <option value="research">{t("programme.type.research")}</option>
          <option value="education">{t("programme.type.education")}</option>
        </SelectField>
        <Field
          name="minIndependentCompanies"
          label={t("programme.field.minIndependentCompanies")}
          error={e.minIndependentCompanies}
          defaultValue={v.minIndependentCompanies}
          inputMode="numeric"
          required
        />
        <Field
          name="coFundingRatio"
          label={t("programme.field.coFundingRatio")}
          hint={t("programme.hint.coFundingRatio")}
          error={e.coFundingRatio}
          defaultValue={v.coFundingRatio}
          inputMode="decimal"
          required
        />
        <Field
          name="instituteCapPercent"
          label={t("programme.field.instituteCapPercent")}
          error={e.instituteCapPercent}
          defaultValue={v.instituteCapPercent}
          inputMode="decimal"
          required
        />
        <div className="field checkbox">
          <label>
            <input type="checkbox" name="requireEligibleApplicant" defaultChecked={v.requireEligibleApplicant === "on"} />{" "}
            {t("programme.field.requireEligibleApplicant")}
          </label>
        </div>
        <Field name="deadline" label={t("programme.field.deadline")} error={e.deadline} defaultValue={v.deadline} type="date" />
        <button type="submit">{t("admin.programmes.save")}</button>
      </Form>
    </section>
  );
}
