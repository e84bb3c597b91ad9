import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { CsrfField, ErrorSummary, Field } from "#app/components/form.tsx";
import { useT } from "#app/components/i18n.tsx";
import { verifyCsrf } from "#app/lib/csrf.server.ts";
import { parseForm } from "#app/lib/forms.ts";
import { resolveLocale } from "#app/lib/locale.server.ts";
import { readForm } from "#app/lib/request.server.ts";
import { createSession } from "#app/lib/session.server.ts";
import { password, resetPassword, resetTokenValid } from "#app/models/user.server.ts";

export const meta: MetaFunction = () => [{ title: "Samband: choose a new password" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const token = new URL(request.url).searchParams.get("token") ?? "";
  return { token, valid: token.length > 0 && token.length < 200 && (await resetTokenValid(token)) };
}

export async function action({ request }: ActionFunctionArgs) {
  const form = await readForm(request, { fieldErrors: true });
  await verifyCsrf(request, form);
  const locale = await resolveLocale(request);
  const parsed = parseForm(z.object({ token: z.string().min(1).max(200), password }), form, locale);
  if (!parsed.ok) return data({ errors: parsed.errors, invalid: false }, { status: 400 });
  const userId = await resetPassword(parsed.data.token, parsed.data.password);
  if (!userId) return data({ errors: undefined, invalid: true }, { status: 400 });
  return redirect("/postings/mine", { headers: { "Set-Cookie": await createSession(request, userId) } });
}

export default function ResetPassword() {
  const t = useT();
  const { token, valid } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  if (!valid || result?.invalid) {
    return (
      <section className="narrow">
        <h1>{t("reset.title")}</h1>
        <p role="alert">{t("reset.invalid")}</p>
        <Link to="/forgot-password">{t("forgot.title")}</Link>
      </section>
    );
  }
  const errors = result?.errors as Record<string, string> | undefined;
  return (
    <section className="narrow">
      <h1>{t("reset.title")}</h1>
      <ErrorSummary errors={errors} />
      <Form method="post" noValidate>
        <CsrfField />
        <input type="hidden" name="token" value={token} />
        <Field name="password" type="password" label={t("reset.password")} hint={t("register.passwordHint")} autoComplete="new-password" required minLength={10} error={errors?.password} />
        <button type="submit">{t("reset.submit")}</button>
      </Form>
    </section>
  );
}
