// The link in the confirmation email. Opening it shows a button; the address is confirmed
// only when the button is pressed (a POST), so a mail scanner that follows every link
// does not use the token up on the person's behalf.
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { CsrfField } from "~/components/form";
import { useT } from "~/components/i18n";
import { verifyCsrf } from "~/lib/csrf.server";
import { readForm } from "~/lib/request.server";
import { confirmationTokenValid, confirmEmail } from "~/models/email-confirmation.server";

export const meta: MetaFunction = () => [{ title: "Samband: confirm your email address" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const token = new URL(request.url).searchParams.get("token") ?? "";
  return { token, valid: await confirmationTokenValid(token) };
}

export async function action({ request }: ActionFunctionArgs) {
  const form = await readForm(request);
  await verifyCsrf(request, form);
  const result = await confirmEmail(String(form.get("token") ?? ""));
  if (!result) return data({ confirmed: false, joined: [] as string[] }, { status: 400 });
  return data({ confirmed: true, joined: result.joined });
}

export default function ConfirmEmail() {
  const t = useT();
  const { token, valid } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  if (result?.confirmed) {
    return (
      <section className="narrow">
        <h1>{t("confirm.title")}</h1>
        <p role="status">{t("confirm.done")}</p>
        {result.joined.length > 0 && <p>{t("confirm.joined", { organizations: result.joined.join(", ") })}</p>}
        <Link to="/profile">{t("nav.profile")}</Link>
      </section>
    );
  }
  if (!valid || result) {
    return (
      <section className="narrow">
        <h1>{t("confirm.title")}</h1>
        <p role="alert">{t("confirm.invalid")}</p>
      </section>
    );
  }
  return (
    <section className="narrow">
      <h1>{t("confirm.title")}</h1>
      <p>{t("confirm.lead")}</p>
      <Form method="post">
        <CsrfField />
        <input type="hidden" name="token" value={token} />
        <button type="submit">{t("confirm.submit")}</button>
      </Form>
    </section>
  );
}
