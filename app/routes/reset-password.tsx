import { redirect, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { CsrfField, ErrorSummary, Field } from "#app/components/form.tsx";
import { useT } from "#app/components/i18n.tsx";
import { formAction } from "#app/lib/action.server.ts";
import { failureOf } from "#app/lib/forms.ts";
import { translate } from "#app/i18n/index.ts";
import { createSession } from "#app/lib/session.server.ts";
import { password, resetPassword, resetTokenValid } from "#app/models/user.server.ts";
import { pageHandle } from "#app/components/page-title.tsx";

export const handle = pageHandle("reset.title");

export async function loader({ request }: LoaderFunctionArgs) {
  const token = new URL(request.url).searchParams.get("token") ?? "";
  return { token, valid: token.length > 0 && token.length < 200 && (await resetTokenValid(token)) };
}

const schema = z.object({ token: z.string().min(1).max(200), password });

export const action = formAction({ access: "anonymous", schema, fieldErrors: true }, async ({ request, locale, input, fail }) => {
  const userId = await resetPassword(input.token, input.password);
  // A spent or expired link: the page shows that instead of the form.
  if (!userId) return fail({ fieldErrors: { token: translate(locale, "reset.invalid") } });
  return redirect("/postings/mine", { headers: { "Set-Cookie": await createSession(request, userId) } });
});

export default function ResetPassword() {
  const t = useT();
  const { token, valid } = useLoaderData<typeof loader>();
  const failed = failureOf(useActionData<typeof action>());
  if (!valid || failed?.fieldErrors.token) {
    return (
      <section className="narrow">
        <h1>{t("reset.title")}</h1>
        <p role="alert">{t("reset.invalid")}</p>
        <Link to="/forgot-password">{t("forgot.title")}</Link>
      </section>
    );
  }
  const errors = failed?.fieldErrors;
  return (
    <section className="narrow">
      <h1>{t("reset.title")}</h1>
      <ErrorSummary failure={failed} />
      <Form method="post" noValidate>
        <CsrfField />
        <input type="hidden" name="token" value={token} />
        <Field
          name="password"
          type="password"
          label={t("reset.password")}
          hint={t("register.passwordHint")}
          autoComplete="new-password"
          required
          minLength={10}
          error={errors?.password}
        />
        <button type="submit">{t("reset.submit")}</button>
      </Form>
    </section>
  );
}
