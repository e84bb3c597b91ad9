// Reporting a message of a conversation to the administrators: the other side's messages to
// choose from (the one the link named is chosen), and a reason. A conversation one is not
// part of is not found, as everywhere (app/models/report.server.ts).
import { redirect, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { CsrfField, ErrorSummary, Field, FieldError } from "#app/components/form.tsx";
import { useLocale, useT } from "#app/components/i18n.tsx";
import { pageHandle } from "#app/components/page-title.tsx";
import { formatDateTime } from "#app/i18n/format.ts";
import { translate } from "#app/i18n/index.ts";
import { formAction } from "#app/lib/action.server.ts";
import { withFlash } from "#app/lib/flash.ts";
import { failureOf } from "#app/lib/forms.ts";
import { requireUser } from "#app/lib/session.server.ts";
import { getThread } from "#app/models/conversation.server.ts";
import { reportMessage } from "#app/models/report.server.ts";

export const handle = pageHandle("report.title");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const thread = await getThread(params.id ?? "", user);
  if (!thread) throw new Response("Not found", { status: 404 });
  const theirs = thread.messages.filter((m) => !m.mine);
  if (theirs.length === 0) throw new Response("Not found", { status: 404 });
  const asked = new URL(request.url).searchParams.get("message");
  return {
    id: thread.id,
    chosen: theirs.some((m) => m.id === asked) ? asked : theirs[theirs.length - 1]!.id,
    messages: theirs.map((m) => ({ id: m.id, body: m.body, author: m.author?.name ?? null, createdAt: m.createdAt.toISOString() })),
  };
}

const schema = z.object({ message: z.string().optional(), reason: z.string().optional() });

export const action = formAction({ access: "user", schema }, async ({ params, locale, user, input, fail }) => {
  const reason = (input.reason ?? "").replace(/\r\n?/g, "\n");
  const result = await reportMessage(input.message ?? "", user, reason);
  if (result.ok) return redirect(withFlash(`/messages/${params.id}`, "reported"));
  if (result.error === "not-found") throw new Response("Not found", { status: 404 });
  const values = { reason, message: input.message ?? "" };
  if (result.error === "own") return fail({ fieldErrors: { message: translate(locale, "report.error.own") }, values });
  return fail({
    fieldErrors: { reason: translate(locale, result.error === "empty" ? "report.error.empty" : "report.error.tooLong") },
    values,
  });
});

export default function ReportMessage() {
  const t = useT();
  const locale = useLocale();
  const { id, chosen, messages } = useLoaderData<typeof loader>();
  const failed = failureOf(useActionData<typeof action>());
  const e = failed?.fieldErrors ?? {};
  const selected = failed?.values.message || chosen;
  return (
    <section className="report-message">
      <h1>{t("report.title")}</h1>
      <ErrorSummary failure={failed} />
      <p>{t("report.intro")}</p>
      <Form method="post" noValidate>
        <CsrfField />
        <fieldset className={`field${e.message ? " field-error" : ""}`} aria-describedby={e.message ? "field-message-error" : undefined}>
          <legend>{t("report.message")}</legend>
          {e.message && <FieldError id="field-message-error">{e.message}</FieldError>}
          {messages.map((m, i) => (
            <div className="report-choice" key={m.id}>
              <input
                type="radio"
                name="message"
                value={m.id}
                id={i === 0 ? "field-message" : `field-message-${m.id}`}
                defaultChecked={m.id === selected}
              />
              <label htmlFor={i === 0 ? "field-message" : `field-message-${m.id}`}>
                <span className="meta">
                  {m.author ?? t("conversation.former")}, {formatDateTime(locale, m.createdAt)}
                </span>
                <span className="message-body">{m.body}</span>
              </label>
            </div>
          ))}
        </fieldset>
        <Field name="reason" label={t("report.reason")} error={e.reason} defaultValue={failed?.values.reason} multiline rows={4} />
        <button type="submit">{t("report.submit")}</button>
      </Form>
      <p className="back">
        <Link to={`/messages/${id}`}>{t("conversation.thread.back")}</Link>
      </p>
    </section>
  );
}
