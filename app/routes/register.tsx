import { data, redirect, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useNavigation } from "@remix-run/react";
import { CsrfField, ErrorSummary, Field, SelectField } from "#app/components/form.tsx";
import { useT } from "#app/components/i18n.tsx";
import { formAction } from "#app/lib/action.server.ts";
import { failure, failureOf, formValues } from "#app/lib/forms.ts";
import { OrganizationPicker } from "#app/components/organization-picker.tsx";
import { translate } from "#app/i18n/index.ts";
import { checkAffiliation } from "#app/models/membership.server.ts";
import { getUser } from "#app/lib/session.server.ts";
import { addressMailAllowed } from "#app/lib/throttle.server.ts";
import { registerSchema, registerUser, tellOwnerOfTakenAddress } from "#app/models/user.server.ts";
import { pageHandle } from "#app/components/page-title.tsx";

export const handle = pageHandle("register.title");

export async function loader({ request }: LoaderFunctionArgs) {
  if (await getUser(request)) throw redirect("/postings/mine");
  return null;
}

export const action = formAction({ access: "anonymous", schema: registerSchema, fieldErrors: true }, async ({ form, locale, input }) => {
  // The organization first: a name that may mean an existing one is answered with the
  // choice among them (the search-then-choose step without JavaScript), and no account
  // is made until the person has chosen or said "none of these". This depends only on
  // the organization's name, never on the address, so it reveals nothing about accounts.
  const check = await checkAffiliation(input);
  if (check.kind !== "ok") {
    const organization =
      check.kind === "choose"
        ? translate(locale, "membership.choose")
        : check.kind === "unknown-number"
          ? translate(locale, "membership.unknownNumber", { number: check.orgNumber })
          : translate(locale, "membership.unknownChoice");
    const { organizationId: _choice, ...values } = formValues(form);
    return data(
      {
        ...failure({ fieldErrors: { organization, password: translate(locale, "register.passwordAgain") }, values }),
        choices: check.kind === "choose" ? check.candidates : [],
      },
      { status: 400 },
    );
  }
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
        <OrganizationPicker
          name="organization"
          choiceName="organizationId"
          label={t("register.organization")}
          hint={t("register.organizationHint")}
          defaultValue={values?.organization}
          error={errors?.organization}
          choices={result && "choices" in result ? result.choices : undefined}
          allowCreate
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
