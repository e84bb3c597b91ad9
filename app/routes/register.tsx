import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useNavigation } from "@remix-run/react";
import { CsrfField, ErrorSummary, Field, SelectField } from "~/components/form";
import { useT } from "~/components/i18n";
import { translate } from "~/i18n";
import { verifyCsrf } from "~/lib/csrf.server";
import { parseForm } from "~/lib/forms";
import { resolveLocale } from "~/lib/locale.server";
import { readForm } from "~/lib/request.server";
import { createSession, getUser } from "~/lib/session.server";
import { registerSchema, registerUser } from "~/models/user.server";

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
  if (!parsed.ok) return data({ errors: parsed.errors, values: parsed.values }, { status: 400 });
  const result = await registerUser(parsed.data, locale);
  if (!result.ok) {
    const { password: _pw, ...values } = parsed.data;
    return data({ errors: { email: translate(locale, "register.emailTaken") }, values: values as Record<string, string> }, { status: 400 });
  }
  // Asked to join an existing organization, or a choice among similar names to make: the
  // profile page shows which, and what happens next.
  const a = result.affiliation;
  const next = a.kind === "requested" ? "/profile" : a.kind === "choose" || a.kind === "unknown-number" ? `/profile?organization=${encodeURIComponent(parsed.data.organization ?? "")}#affiliation` : "/postings/mine";
  return redirect(next, { headers: { "Set-Cookie": await createSession(request, result.userId) } });
}

export default function Register() {
  const t = useT();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const errors = result?.errors as Record<string, string> | undefined;
  const values = result?.values as Record<string, string> | undefined;
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
