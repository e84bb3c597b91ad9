import { data, type ActionFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData } from "@remix-run/react";
import { z } from "zod";
import { CsrfField, ErrorSummary, Field } from "#app/components/form.tsx";
import { useT } from "#app/components/i18n.tsx";
import { verifyCsrf } from "#app/lib/csrf.server.ts";
import { parseForm } from "#app/lib/forms.ts";
import { resolveLocale } from "#app/lib/locale.server.ts";
import { clientIp, readForm } from "#app/lib/request.server.ts";
import { resetAllowed } from "#app/lib/throttle.server.ts";
import { email, requestPasswordReset } from "#app/models/user.server.ts";

export const meta: MetaFunction = () => [{ title: "Samband: reset password" }];

export async function action({ request, context }: ActionFunctionArgs) {
  const form = await readForm(request, { fieldErrors: true });
  await verifyCsrf(request, form);
  const locale = await resolveLocale(request);
  const parsed = parseForm(z.object({ email }), form, locale);
  if (!parsed.ok) return data({ errors: parsed.errors, sent: null }, { status: 400 });
  // Over the limit, no mail goes out, and the page says the same as when one does: the
  // answer never tells whether the address has an account or has been asked for often.
  if (await resetAllowed(parsed.data.email, clientIp(context))) await requestPasswordReset(parsed.data.email, locale);
  return data({ errors: undefined, sent: parsed.data.email });
}

export default function ForgotPassword() {
  const t = useT();
  const result = useActionData<typeof action>();
  return (
    <section className="narrow">
      <h1>{t("forgot.title")}</h1>
      {result?.sent ? (
        <p role="status">{t("forgot.sent", { email: result.sent })}</p>
      ) : (
        <>
          <p>{t("forgot.intro")}</p>
          <ErrorSummary errors={result?.errors as Record<string, string> | undefined} />
          <Form method="post" noValidate>
            <CsrfField />
            <Field name="email" type="email" label={t("login.email")} autoComplete="email" required error={(result?.errors as Record<string, string> | undefined)?.email} />
            <button type="submit">{t("forgot.submit")}</button>
          </Form>
        </>
      )}
    </section>
  );
}
