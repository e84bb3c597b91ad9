// The link in the confirmation email. Opening it shows a button; the address is confirmed
// (and its owner signed in) only when the button is pressed (a POST), so a mail scanner
// that follows every link does not use the token up on the person's behalf.
import { data, redirect, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { CsrfField } from "#app/components/form.tsx";
import { useT } from "#app/components/i18n.tsx";
import { z } from "zod";
import { formAction } from "#app/lib/action.server.ts";
import { createSession } from "#app/lib/session.server.ts";
import { confirmationTokenValid, confirmEmail } from "#app/models/email-confirmation.server.ts";
import { pageHandle } from "#app/components/page-title.tsx";

export const handle = pageHandle("confirm.title");

export async function loader({ request }: LoaderFunctionArgs) {
  const params = new URL(request.url).searchParams;
  const token = params.get("token") ?? "";
  return { token, organization: params.get("organization")?.slice(0, 300) ?? "", valid: await confirmationTokenValid(token) };
}

const schema = z.object({ token: z.string().max(200).optional(), organization: z.string().optional() });

export const action = formAction({ access: "anonymous", schema }, async ({ request, input }) => {
  const result = await confirmEmail(input.token ?? "");
  if (!result) return data({ confirmed: false, joined: [] as string[] }, { status: 400 });
  // The link proves the mailbox: its owner is signed in, and goes on where there is a
  // next step (a choice among organizations, a request waiting) or to the home, whose
  // guided start says what to do first.
  const typed = (input.organization ?? "").trim().slice(0, 300);
  const next = typed
    ? `/profile?organization=${encodeURIComponent(typed)}#affiliation`
    : result.joined.length || result.pending
      ? "/profile"
      : "/";
  return redirect(next, { headers: { "Set-Cookie": await createSession(request, result.userId) } });
});

export default function ConfirmEmail() {
  const t = useT();
  const { token, organization, valid } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
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
        {organization && <input type="hidden" name="organization" value={organization} />}
        <button type="submit">{t("confirm.submit")}</button>
      </Form>
    </section>
  );
}
