import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useNavigation } from "@remix-run/react";
import { CsrfField, ErrorSummary, Field, SelectField } from "#app/components/form.tsx";
import { useT } from "#app/components/i18n.tsx";
import { verifyCsrf } from "#app/lib/csrf.server.ts";
import { parseForm } from "#app/lib/forms.ts";
import { resolveLocale } from "#app/lib/locale.server.ts";
import { readForm } from "#app/lib/request.server.ts";
import { getUser } from "#app/lib/session.server.ts";
import { addressMailAllowed } from "#app/lib/throttle.server.ts";
import { registerSchema, registerUser, tellOwnerOfTakenAddress } from "#app/models/user.server.ts";

export const meta: MetaFunction = () => [{ title: "Samband: register" }];

export async function loader({ request }: LoaderFunctionArgs) {
  if (await getUser(request)) throw redirect("/postings/mine");
  return null;
}

export async function action({ request }: ActionFunctionArgs) {
  const form = await readForm(request, { fieldErrors: true });
  await verifyCsrf(request, form);
  const locale = await resolveLocale(request);
  const parsed = parseForm(registerSchema, form, locale);
  if (!parsed.ok) return data({ errors: parsed.errors, values: parsed.values, sent: undefined }, { status: 400 });
  // A new address and a taken one get the same answer; neither signs in. The new one is
  // mailed a link that confirms it and signs in; the taken one's owner is told how to
  // sign in or reset.
  const result = await registerUser(parsed.data, locale);
  if (!result.ok && (await addressMailAllowed(parsed.data.email))) await tellOwnerOfTakenAddress(parsed.data.email);
  return data({ errors: undefined, values: undefined, sent: parsed.data.email });
}

export default function Register() {
  const t = useT();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const errors = result?.errors as Record<string, string> | undefined;
  const values = result?.values as Record<string, string> | undefined;
  if (result && "sent" in result && result.sent) {
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
      <ErrorSummary errors={errors} />
      <Form method="post" noValidate>
        <CsrfField />
        <Field name="name" label={t("register.name")} autoComplete="name" required maxLength={200} defaultValue={values?.name} error={errors?.name} />
        <Field name="email" type="email" label={t("register.email")} autoComplete="email" required defaultValue={values?.email} error={errors?.email} />
        <Field name="password" type="password" label={t("register.password")} hint={t("register.passwordHint")} autoComplete="new-password" required minLength={10} error={errors?.password} />
        <SelectField name="role" label={t("register.role")} defaultValue={values?.role ?? "researcher"} error={errors?.role}>
          <option value="researcher">{t("role.researcher")}</option>
          <option value="company_rep">{t("role.company_rep")}</option>
          <option value="coordinator">{t("role.coordinator")}</option>
        </SelectField>
        <Field name="organization" label={t("register.organization")} hint={t("register.organizationHint")} autoComplete="organization" maxLength={300} defaultValue={values?.organization} error={errors?.organization} />
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
