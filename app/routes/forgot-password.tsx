import { data } from "@remix-run/node";
import { Form, useActionData } from "@remix-run/react";
import { z } from "zod";
import { CsrfField, ErrorSummary, Field } from "#app/components/form.tsx";
import { useT } from "#app/components/i18n.tsx";
import { formAction } from "#app/lib/action.server.ts";
import { failureOf } from "#app/lib/forms.ts";
import { clientIp } from "#app/lib/request.server.ts";
import { resetAllowed } from "#app/lib/throttle.server.ts";
import { email, requestPasswordReset } from "#app/models/user.server.ts";
import { pageHandle } from "#app/components/page-title.tsx";

export const handle = pageHandle("forgot.title");

export const action = formAction(
  { access: "anonymous", schema: z.object({ email }), fieldErrors: true },
  async ({ context, locale, input }) => {
    // Over the limit, no mail goes out, and the page says the same as when one does: the
    // answer never tells whether the address has an account or has been asked for often.
    if (await resetAllowed(input.email, clientIp(context))) await requestPasswordReset(input.email, locale);
    return data({ status: "sent" as const, sent: input.email });
  },
);

export default function ForgotPassword() {
  const t = useT();
  const result = useActionData<typeof action>();
  const failed = failureOf(result);
  return (
    <section className="narrow">
      <h1>{t("forgot.title")}</h1>
      {result?.status === "sent" ? (
        <p role="status">{t("forgot.sent", { email: result.sent })}</p>
      ) : (
        <>
          <p>{t("forgot.intro")}</p>
          <ErrorSummary failure={failed} />
          <Form method="post" noValidate>
            <CsrfField />
            <Field name="email" type="email" label={t("login.email")} autoComplete="email" required error={failed?.fieldErrors.email} />
            <button type="submit">{t("forgot.submit")}</button>
          </Form>
        </>
      )}
    </section>
  );
}
