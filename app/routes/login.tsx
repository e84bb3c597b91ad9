import { redirect, type HeadersFunction, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useNavigation, useSearchParams } from "@remix-run/react";
import { z } from "zod";
import { CsrfField, ErrorSummary, Field } from "#app/components/form.tsx";
import { useT } from "#app/components/i18n.tsx";
import { translate } from "#app/i18n/index.ts";
import { formAction } from "#app/lib/action.server.ts";
import { failureOf } from "#app/lib/forms.ts";
import { clientIp } from "#app/lib/request.server.ts";
import { createSession, getUser, safeRedirect } from "#app/lib/session.server.ts";
import { signInGate } from "#app/lib/throttle.server.ts";
import { resendConfirmation } from "#app/models/email-confirmation.server.ts";
import { authenticate } from "#app/models/user.server.ts";
import { pageHandle } from "#app/components/page-title.tsx";

// Single fetch passes an action's headers on only through this (Retry-After on 429).
export const headers: HeadersFunction = ({ actionHeaders }) => {
  const headers = new Headers();
  const retry = actionHeaders.get("Retry-After");
  if (retry) headers.set("Retry-After", retry);
  return headers;
};

export const handle = pageHandle("login.title");

const schema = z.object({
  email: z.string().trim().toLowerCase().min(1).max(254),
  password: z.string().min(1).max(200),
  redirectTo: z.string().optional(),
});

export async function loader({ request }: LoaderFunctionArgs) {
  if (await getUser(request)) throw redirect(safeRedirect(new URL(request.url).searchParams.get("redirectTo"), "/postings/mine"));
  return null;
}

export const action = formAction({ access: "anonymous", schema, fieldErrors: true }, async ({ request, context, locale, input, fail }) => {
  const { email, password, redirectTo } = input;
  // The attempt is counted before the password is checked: concurrent guesses cannot all
  // pass a check made before any of them was counted.
  const gate = await signInGate(email, clientIp(context));
  if (!gate.allowed) {
    const minutes = Math.ceil(gate.retryAfterSeconds / 60);
    return fail({ formErrors: [translate(locale, "login.throttled", { minutes })], values: { email } }, 429, {
      "Retry-After": String(gate.retryAfterSeconds),
    });
  }
  const user = await authenticate(email, password);
  if (!user) {
    await gate.failed();
    return fail({ formErrors: [translate(locale, "login.failed")], values: { email } });
  }
  await gate.succeeded();
  // Only someone who knows the password learns that the account is suspended.
  if (user.suspended) return fail({ formErrors: [translate(locale, "login.suspended")], values: { email } }, 403);
  // Only someone who knows the password learns that the address waits for confirmation.
  if (!user.confirmed) {
    await resendConfirmation(user.id);
    return fail({ formErrors: [translate(locale, "login.unconfirmed")], values: { email } }, 403);
  }
  return redirect(safeRedirect(redirectTo, "/postings/mine"), { headers: { "Set-Cookie": await createSession(request, user.id) } });
});

export default function Login() {
  const t = useT();
  const failed = failureOf(useActionData<typeof action>());
  const [params] = useSearchParams();
  const busy = useNavigation().state === "submitting";
  return (
    <section className="narrow">
      <h1>{t("login.title")}</h1>
      <ErrorSummary failure={failed} />
      <Form method="post" noValidate>
        <CsrfField />
        <input type="hidden" name="redirectTo" value={params.get("redirectTo") ?? ""} />
        <Field
          name="email"
          type="email"
          label={t("login.email")}
          autoComplete="email"
          required
          defaultValue={failed?.values.email}
          error={failed?.fieldErrors.email}
        />
        <Field
          name="password"
          type="password"
          label={t("login.password")}
          autoComplete="current-password"
          required
          error={failed?.fieldErrors.password}
        />
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
