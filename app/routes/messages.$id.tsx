// One conversation: its messages as plain text (never HTML, never the markdown component:
// what someone typed is shown exactly as typed, links included), a reply, and for the side
// written to "not interested" with a reason, which the sender reads politely worded. Not
// part of it: 404, as for one that does not exist. Where JavaScript runs, a reply from the
// other side appears as it arrives (the header's live stream, app/components/live.tsx).
import { redirect, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useRevalidator } from "@remix-run/react";
import { z } from "zod";
import { CsrfField, ErrorSummary, Field, SelectField } from "#app/components/form.tsx";
import { useLocale, useT } from "#app/components/i18n.tsx";
import { useLiveUpdates } from "#app/components/live.tsx";
import { pageHandle } from "#app/components/page-title.tsx";
import { DECLINE_REASONS } from "#app/domain/conversation.ts";
import { formatDateTime } from "#app/i18n/format.ts";
import { translate } from "#app/i18n/index.ts";
import { formAction } from "#app/lib/action.server.ts";
import { withFlash } from "#app/lib/flash.ts";
import { failureOf, formValues } from "#app/lib/forms.ts";
import { requireUser } from "#app/lib/session.server.ts";
import { decline, declineFields, getThread, messageField, reply, type ChangeResult } from "#app/models/conversation.server.ts";

export const handle = pageHandle<typeof loader>((data, t) =>
  t("conversation.thread.title", { name: data.other ?? t("conversation.former") }),
);

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const thread = await getThread(params.id!, user);
  if (!thread) throw new Response("Not found", { status: 404 });
  const other = thread.side === "sender" ? (thread.recipient?.name ?? null) : (thread.sender?.name ?? null);
  return { thread, other };
}

const schema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("reply"), body: messageField }),
  z.object({ intent: z.literal("decline"), ...declineFields }),
]);

export const action = formAction({ access: "user", schema, fieldErrors: true }, async ({ params, form, locale, user, input, fail }) => {
  const id = params.id!;
  const result: ChangeResult =
    input.intent === "reply" ? await reply(id, user, input.body) : await decline(id, user, input.reason, input.text);
  if (result.ok) return redirect(withFlash(`/messages/${id}`, input.intent === "reply" ? "replySent" : "conversationDeclined"));
  const values = { ...formValues(form) };
  switch (result.error) {
    case "not-found":
      throw new Response("Not found", { status: 404 });
    case "closed":
      return fail({ formErrors: [translate(locale, "conversation.error.closed")], values }, 409);
    case "text-needed":
      return fail({ fieldErrors: { text: translate(locale, "conversation.error.textNeeded") }, values });
    case "too-long":
      return fail({ fieldErrors: { text: translate(locale, "conversation.error.declineTooLong") }, values });
    case "empty":
      return fail({ fieldErrors: { body: translate(locale, "conversation.error.empty") }, values });
    case "blocked":
      return fail({ formErrors: [translate(locale, "conversation.error.blocked")], values }, 403);
  }
});

export default function Thread() {
  const t = useT();
  const locale = useLocale();
  const { thread: c, other } = useLoaderData<typeof loader>();
  const failed = failureOf(useActionData<typeof action>());
  const v = failed?.values ?? {};
  const e = failed?.fieldErrors ?? {};
  const revalidator = useRevalidator();
  // News for this person over the header's stream: read the conversation again.
  useLiveUpdates(() => {
    if (revalidator.state === "idle") revalidator.revalidate();
  });
  const otherName = other ?? t("conversation.former");
  const declining = v.intent === "decline";
  return (
    <article className="conversation">
      <p>
        <Link to="/messages">{t("conversation.thread.back")}</Link>
      </p>
      <h1>{t("conversation.thread.title", { name: otherName })}</h1>
      {c.side === "recipient" && c.sender && c.sender.organizations.length > 0 && (
        <p>
          {t("profile.affiliations")}: {c.sender.organizations.map((o) => o.name).join(", ")}
        </p>
      )}
      {c.subjectPosting && (
        <p>
          {t("conversation.thread.aboutLabel")}:{" "}
          <Link to={`/postings/${c.subjectPosting.id}`} lang={c.subjectPosting.language}>
            {c.subjectPosting.title}
          </Link>
        </p>
      )}
      {c.linkedPosting && (
        <p>
          {t("conversation.thread.linkedLabel")}:{" "}
          <Link to={`/postings/${c.linkedPosting.id}`} lang={c.linkedPosting.language}>
            {c.linkedPosting.title}
          </Link>
        </p>
      )}
      <p className="hint">{t("conversation.thread.privacy")}</p>

      <h2 id="messages-title">{t("conversation.thread.messages")}</h2>
      <ol className="message-list" aria-labelledby="messages-title">
        {c.messages.map((m) => (
          <li key={m.id} className={m.mine ? "message mine" : "message"}>
            <p className="meta">
              <strong>{m.mine ? t("conversation.thread.you") : (m.author?.name ?? t("conversation.former"))}</strong> ·{" "}
              <time dateTime={new Date(m.createdAt).toISOString()}>{formatDateTime(locale, m.createdAt)}</time>
            </p>
            {/* Plain text: React escapes it, and CSS keeps its line breaks. */}
            <p className="message-body">{m.body}</p>
            {!m.mine && m.author && (
              <p className="meta">
                <Link to={`/messages/${c.id}/report?message=${m.id}`}>{t("report.link")}</Link>
              </p>
            )}
          </li>
        ))}
      </ol>

      {c.decline && (
        <section className="declined" aria-labelledby="declined-title">
          {c.side === "sender" ? (
            <>
              <h2 id="declined-title">{t("conversation.declined.sender", { name: otherName })}</h2>
              <p>{t(`conversation.reason.polite.${c.decline.reason}`)}</p>
              {c.decline.text && (
                <>
                  <p>{t("conversation.declined.words")}</p>
                  <p className="message-body">{c.decline.text}</p>
                </>
              )}
            </>
          ) : (
            <>
              <h2 id="declined-title">
                {t("conversation.declined.recipient", { reason: t(`conversation.reason.${c.decline.reason}`).toLowerCase() })}
              </h2>
              {c.decline.text && (
                <>
                  <p>{t("conversation.declined.yourWords")}</p>
                  <p className="message-body">{c.decline.text}</p>
                </>
              )}
            </>
          )}
        </section>
      )}

      {c.side === "recipient" && other && (
        <Form method="post" action="/profile/blocked" className="block-form">
          <CsrfField />
          <input type="hidden" name="intent" value="block" />
          <input type="hidden" name="conversation" value={c.id} />
          <button type="submit" className="secondary">
            {t("blocks.block", { name: otherName })}
          </button>
        </Form>
      )}

      <ErrorSummary failure={failed} />
      {c.canReply && (
        <Form method="post" noValidate className="reply-form">
          <CsrfField />
          <input type="hidden" name="intent" value="reply" />
          <Field
            name="body"
            label={t("conversation.thread.reply")}
            hint={t("conversation.bodyHint")}
            error={declining ? undefined : e.body}
            defaultValue={declining ? undefined : v.body}
            multiline
            rows={5}
            required
          />
          <button type="submit">{t("conversation.thread.send")}</button>
        </Form>
      )}
      {c.canDecline && (
        <details className="decline" open={declining}>
          <summary>{t("conversation.decline.title")}</summary>
          <Form method="post" noValidate>
            <CsrfField />
            <input type="hidden" name="intent" value="decline" />
            <p className="hint">{t("conversation.decline.hint", { name: otherName })}</p>
            <SelectField name="reason" label={t("conversation.decline.reason")} error={e.reason} defaultValue={v.reason ?? "too_early"}>
              {DECLINE_REASONS.map((r) => (
                <option key={r} value={r}>
                  {t(`conversation.reason.${r}`)}
                </option>
              ))}
            </SelectField>
            <Field name="text" label={t("conversation.decline.text")} error={e.text} defaultValue={v.text} multiline rows={3} />
            <button type="submit" className="secondary">
              {t("conversation.decline.submit")}
            </button>
          </Form>
        </details>
      )}
    </article>
  );
}
