// A coordinator (or a researcher) starts a consortium under a programme.
import { redirect, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { CsrfField, ErrorSummary, Field, SelectField } from "#app/components/form.tsx";
import { useT } from "#app/components/i18n.tsx";
import { MoneyField } from "#app/components/money-field.tsx";
import { SubjectPicker } from "#app/components/pickers.tsx";
import { translate } from "#app/i18n/index.ts";
import { formAction } from "#app/lib/action.server.ts";
import { withFlash } from "#app/lib/flash.ts";
import { failureOf, formValues } from "#app/lib/forms.ts";
import { requireUser } from "#app/lib/session.server.ts";
import { consortiumFormOptions, consortiumSchema, createConsortium } from "#app/models/consortium.server.ts";
import { pageHandle } from "#app/components/page-title.tsx";

export const handle = pageHandle("consortium.new");

async function requireCoordinator(request: Request) {
  const user = await requireUser(request);
  if (user.role === "company_rep") throw new Response("Consortia are started by coordinators and researchers.", { status: 403 });
  return user;
}

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireCoordinator(request);
  return consortiumFormOptions(user);
}

export const action = formAction(
  { access: requireCoordinator, schema: consortiumSchema, fieldErrors: true },
  async ({ form, locale, user, input, fail }) => {
    const created = await createConsortium(user, input);
    if (!created.ok) {
      const message = translate(locale, created.field === "leadOrganizationId" ? "consortium.leadNotYours" : "validation.choice");
      return fail({ fieldErrors: { [created.field]: message }, values: formValues(form) });
    }
    return redirect(withFlash(`/consortia/${created.id}`, "consortiumCreated"));
  },
);

export default function NewConsortium() {
  const t = useT();
  const { programmes, universities } = useLoaderData<typeof loader>();
  const failed = failureOf(useActionData<typeof action>());
  const v = failed?.values ?? {};
  const e = failed?.fieldErrors ?? {};
  return (
    <section className="narrow">
      <h1>{t("consortium.new")}</h1>
      <Form method="post" noValidate>
        <CsrfField />
        <ErrorSummary failure={failed} />
        <SelectField name="programmeId" label={t("consortium.programme")} error={e.programmeId} defaultValue={v.programmeId}>
          {programmes.map((p) => (
            <option key={p.id} value={p.id}>
              {p.name}
            </option>
          ))}
        </SelectField>
        <Field name="title" label={t("consortium.title")} error={e.title} defaultValue={v.title} maxLength={300} required />
        <Field name="summary" label={t("consortium.summary")} error={e.summary} defaultValue={v.summary} multiline required />
        <Field
          name="keywords"
          label={t("posting.field.keywords")}
          hint={t("consortium.keywordsHint")}
          error={e.keywords}
          defaultValue={v.keywords}
        />
        <SubjectPicker name="subjects" label={t("posting.field.subjects")} error={e.subjects} defaultValue={v.subjects} />
        <MoneyField
          name="requestedFunding"
          label={t("consortium.requested")}
          error={e.requestedFunding}
          defaultValue={v.requestedFunding}
        />
        {universities.length === 0 && (
          <p className="hint" id="lead-none">
            {t("consortium.noLead")} <Link to="/profile#affiliation">{t("profile.join")}</Link>
          </p>
        )}
        <SelectField
          name="leadOrganizationId"
          label={t("consortium.lead")}
          error={e.leadOrganizationId}
          defaultValue={v.leadOrganizationId}
        >
          {universities.map((u) => (
            <option key={u.id} value={u.id}>
              {u.name}
              {u.eligibleApplicant ? "" : ` (${t("consortium.notEligibleLead")})`}
            </option>
          ))}
        </SelectField>
        <button type="submit">{t("consortium.create")}</button>
      </Form>
    </section>
  );
}
