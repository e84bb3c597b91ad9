import { data, redirect, type ActionFunctionArgs, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useNavigation, useSearchParams } from "@remix-run/react";
import { z } from "zod";
import { CsrfField, ErrorSummary, Field } from "#app/components/form.tsx";
import { useT } from "#app/components/i18n.tsx";
import { translate } from "#app/i18n/index.ts";
import { verifyCsrf } from "#app/lib/csrf.server.ts";
import { parseForm } from "#app/lib/forms.ts";
import { resolveLocale } from "#app/lib/locale.server.ts";
import { clientIp, readForm } from "#app/lib/request.server.ts";
import { createSession, getUser, safeRedirect } from "#app/lib/session.server.ts";
import { signInGate } from "#app/lib/throttle.server.ts";
import { resendConfirmation } from "#app/models/email-confirmation.server.ts";
import { authenticate } from "#app/models/user.server.ts";

// Single fetch passes an action's headers on only through this (Retry-After on 429).
export const headers: HeadersFunction = ({ actionHeaders }) => {
  const headers = new Headers();
  const retry = actionHeaders.get("Retry-After");
  if (retry) headers.set("Retry-After", retry);
  return headers;
};

export const meta: MetaFunction = () => [{ title: "Samband: sign in" }];

const schema = z.object({ email: z.string().trim().toLowerCase().min(1).max(254), password: z.string().min(1).max(200), redirectTo: z.string().optional() });

export async function loader({ request }: LoaderFunctionArgs) {
  if (await getUser(request)) throw redirect(safeRedirect(new URL(request.url).searchParams.get("redirectTo"), "/postings/mine"));
  return null;
}

export async function action({ request, context }: ActionFunctionArgs) {
  const form = await readForm(request, { fieldErrors: true });
  await verifyCsrf(request, form);
  const locale = await resolveLocale(request);
  const parsed = parseForm(schema, form, locale);
  if (!parsed.ok) return data({ errors: parsed.errors, values: parsed.values }, { status: 400 });
  const { email, password, redirectTo } = parsed.data;
  // The attempt is counted before the password is checked: concurrent guesses cannot all
  // pass a check made before any of them was counted.
  const gate = await signInGate(email, clientIp(context));
  if (!gate.allowed) {
    const minutes = Math.ceil(gate.retryAfterSeconds / 60);
    return data(
      { errors: { form: translate(locale, "login.throttled", { minutes }) }, values: { email } },
      { status: 429, headers: { "Retry-After": String(gate.retryAfterSeconds) } },
    );
  }
  const user = await authenticate(email, password);
  if (!user) {
    await gate.failed();
    return data({ errors: { form: translate(locale, "login.failed") }, values: { email } }, { status: 400 });
  }
  await gate.succeeded();
  // Only someone who knows the password learns that the address waits for confirmation.
  if (!user.confirmed) {
    await resendConfirmation(user.id);
    return data({ errors: { form: translate(locale, "login.unconfirmed") }, values: { email } }, { status: 403 });
  }
  return redirect(safeRedirect(redirectTo, "/postings/mine"), { headers: { "Set-Cookie": await createSession(request, user.id) } });
}

export default function Login() {
  const t = useT();
  const result = useActionData<typeof action>();
  const [params] = useSearchParams();
  const busy = useNavigation().state === "submitting";
  const errors = result?.errors as Record<string, string> | undefined;
  return (
    <section className="narrow">
      <h1>{t("login.title")}</h1>
      <ErrorSummary errors={errors} />
      <Form method="post" noValidate>
        <CsrfField />
        <input type="hidden" name="redirectTo" value={params.get("redirectTo") ?? ""} />
        <Field name="email" type="email" label={t("login.email")} autoComplete="email" required defaultValue={result?.values?.email} error={errors?.email} />
        <Field name="password" type="password" label={t("login.password")} autoComplete="current-password" required error={errors?.password} />
        <button type="submit" disabled={busy}>
          {t("login.submit")}
        </button>
      </Form>
      <p>
        <Link to="/forgot-password">{t("login.forgot")}</Link>
      </p>
      <p>
        <Link to="/register">{t("login.noAccount")}</Link>
      </p>
    </section>
  );
}
