import { data, redirect, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useNavigation } from "@remix-run/react";
import { CsrfField, ErrorSummary, Field, SelectField } from "#app/components/form.tsx";
import { useT } from "#app/components/i18n.tsx";
import { formAction } from "#app/lib/action.server.ts";
import { failureOf } from "#app/lib/forms.ts";
import { getUser } from "#app/lib/session.server.ts";
import { addressMailAllowed } from "#app/lib/throttle.server.ts";
import { registerSchema, registerUser, tellOwnerOfTakenAddress } from "#app/models/user.server.ts";
import { pageHandle } from "#app/components/page-title.tsx";

export const handle = pageHandle("register.title");

export async function loader({ request }: LoaderFunctionArgs) {
  if (await getUser(request)) throw redirect("/postings/mine");
  return null;
}

export const action = formAction({ access: "anonymous", schema: registerSchema, fieldErrors: true }, async ({ locale, input }) => {
  // A new address and a taken one get the same answer; neither signs in. The new one is
  // mailed a link that confirms it and signs in; the taken one's owner is told how to
  // sign in or reset.
  const result = await registerUser(input, locale);
  if (!result.ok && (await addressMailAllowed(input.email))) await tellOwnerOfTakenAddress(input.email);
  return data({ status: "sent" as const, sent: input.email });
});

export default function Register() {
  const t = useT();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const failed = failureOf(result);
  const errors = failed?.fieldErrors;
  const values = failed?.values;
  if (result?.status === "sent") {
    return (
      <section className="narrow">
        <h1>{t("register.sent.title")}</h1>
        <p role="status">{t("register.sent.body", { email: result.sent })}</p>
      </section>
    );
  }
  return (
    <section className="narrow">
      <h1>{t("register.title")}</h1>
      <ErrorSummary failure={failed} />
      <Form method="post" noValidate>
        <CsrfField />
        <Field
          name="name"
          label={t("register.name")}
          autoComplete="name"
          required
          maxLength={200}
          defaultValue={values?.name}
          error={errors?.name}
        />
        <Field
          name="email"
          type="email"
          label={t("register.email")}
          autoComplete="email"
          required
          defaultValue={values?.email}
          error={errors?.email}
        />
        <Field
          name="password"
          type="password"
          label={t("register.password")}
          hint={t("register.passwordHint")}
          autoComplete="new-password"
          required
          minLength={10}
          error={errors?.password}
        />
        <SelectField name="role" label={t("register.role")} defaultValue={values?.role ?? "researcher"} error={errors?.role}>
          <option value="researcher">{t("role.researcher")}</option>
          <option value="company_rep">{t("role.company_rep")}</option>
          <option value="coordinator">{t("role.coordinator")}</option>
        </SelectField>
        <Field
          name="organization"
          label={t("register.organization")}
          hint={t("register.organizationHint")}
          autoComplete="organization"
          maxLength={300}
          defaultValue={values?.organization}
          error={errors?.organization}
        />
        <button type="submit" disabled={busy}>
          {t("register.submit")}
        </button>
      </Form>
      <p>
        <Link to="/login">{t("register.haveAccount")}</Link>
      </p>
    </section>
  );
}
