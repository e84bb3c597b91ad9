// Deleting one's own account, after the password and a ticked box. What goes and what stays
// is app/models/account-deletion.server.ts; a coordinator of a consortium is told to hand it
// over first. Afterwards the browser is signed out (the session row went with the account).
import { redirect, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData } from "@remix-run/react";
import { z } from "zod";
import { CsrfField, ErrorSummary, Field, FieldError } from "#app/components/form.tsx";
import { useT } from "#app/components/i18n.tsx";
import { pageHandle } from "#app/components/page-title.tsx";
import { formatList } from "#app/i18n/format.ts";
import { translate } from "#app/i18n/index.ts";
import { formAction } from "#app/lib/action.server.ts";
import { withFlash } from "#app/lib/flash.ts";
import { failureOf } from "#app/lib/forms.ts";
import { destroySession, requireUser } from "#app/lib/session.server.ts";
import { deleteAccount } from "#app/models/account-deletion.server.ts";

export const handle = pageHandle("account.delete.title");

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request);
  return null;
}

const schema = z.object({ password: z.string().max(200).optional(), confirm: z.string().optional() });

export const action = formAction({ access: "user", schema }, async ({ request, locale, user, input, fail }) => {
  const fieldErrors: Record<string, string> = {};
  if (!input.password) fieldErrors.password = translate(locale, "account.delete.error.password");
  if (input.confirm !== "on") fieldErrors.confirm = translate(locale, "account.delete.error.confirm");
  if (Object.keys(fieldErrors).length > 0) return fail({ fieldErrors });
  const result = await deleteAccount(user.id, input.password!);
  if (result.ok) return redirect(withFlash("/", "accountDeleted"), { headers: { "Set-Cookie": await destroySession(request) } });
  if (result.error === "password") return fail({ fieldErrors: { password: translate(locale, "account.delete.error.password") } });
  return fail(
    { formErrors: [translate(locale, "account.delete.error.coordinator", { consortia: formatList(locale, result.consortia) })] },
    409,
  );
});

export default function DeleteAccount() {
  const t = useT();
  const failed = failureOf(useActionData<typeof action>());
  const e = failed?.fieldErrors ?? {};
  return (
    <section className="delete-account">
      <h1>{t("account.delete.title")}</h1>
      <ErrorSummary failure={failed} />
      <p>{t("account.delete.intro")}</p>
      <Form method="post" noValidate>
        <CsrfField />
        <Field name="password" type="password" autoComplete="current-password" label={t("account.delete.password")} error={e.password} />
        <div className={`field checkbox${e.confirm ? " field-error" : ""}`}>
          {e.confirm && <FieldError id="field-confirm-error">{e.confirm}</FieldError>}
          <label>
            <input
              type="checkbox"
              id="field-confirm"
              name="confirm"
              aria-invalid={e.confirm ? true : undefined}
              aria-describedby={e.confirm ? "field-confirm-error" : undefined}
            />{" "}
            {t("account.delete.confirm")}
          </label>
        </div>
        <button type="submit" className="danger">
          {t("account.delete.submit")}
        </button>
      </Form>
    </section>
  );
}
