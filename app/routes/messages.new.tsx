// Express interest: a short message ("what I can bring") to the author of a posting, a
// person or an organization (?posting=, ?person=, ?organization=), optionally linking one of
// one's own postings. It opens a conversation (app/models/conversation.server.ts); the side
// written to is told in the app and by email, and nobody sees the other's email address.
// The form posts to its own address, so a refused one shows again with the same target.
import { redirect, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { CsrfField, ErrorSummary, Field, SelectField } from "#app/components/form.tsx";
import { useT } from "#app/components/i18n.tsx";
import { pageHandle } from "#app/components/page-title.tsx";
import { translate } from "#app/i18n/index.ts";
import { formAction } from "#app/lib/action.server.ts";
import { withFlash } from "#app/lib/flash.ts";
import { failureOf, formValues } from "#app/lib/forms.ts";
import { requireUser } from "#app/lib/session.server.ts";
import { describeTarget, messageField, openConversation, type Target } from "#app/models/conversation.server.ts";

export const handle = pageHandle("conversation.new.title");

const KINDS = ["posting", "person", "organization"] as const;
type Kind = (typeof KINDS)[number];

const targetOf = (kind: Kind, id: string): Target =>
  kind === "posting" ? { posting: id } : kind === "person" ? { person: id } : { organization: id };

/** The target the address names: the first of ?posting=, ?person=, ?organization= given. */
function fromAddress(url: URL): { kind: Kind; id: string } | null {
  for (const kind of KINDS) {
    const id = url.searchParams.get(kind);
    if (id) return { kind, id };
  }
  return null;
}

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const named = fromAddress(new URL(request.url));
  const described = named && (await describeTarget(user.id, targetOf(named.kind, named.id)));
  if (!named || !described) throw new Response("Not found", { status: 404 });
  return { kind: named.kind, id: named.id, ...described };
}

const schema = z.object({
  kind: z.enum(KINDS),
  id: z.string(),
  body: messageField,
  linkedPostingId: z.string().optional(),
});

export const action = formAction({ access: "user", schema, fieldErrors: true }, async ({ form, locale, user, input, fail }) => {
  const opened = await openConversation(user, {
    target: targetOf(input.kind, input.id),
    body: input.body,
    linkedPostingId: input.linkedPostingId || null,
  });
  if (opened.ok) return redirect(withFlash(`/messages/${opened.id}`, "interestSent"));
  const values = formValues(form);
  switch (opened.error) {
    case "not-found":
      throw new Response("Not found", { status: 404 });
    case "linked-not-yours":
      return fail({ fieldErrors: { linkedPostingId: translate(locale, "conversation.error.linked") }, values });
    case "empty":
    case "too-long":
      // The schema already refuses these; kept for a caller that skips it.
      return fail({ fieldErrors: { body: translate(locale, "conversation.error.empty") }, values });
    default: {
      const described = await describeTarget(user.id, targetOf(input.kind, input.id));
      return fail({ formErrors: [translate(locale, `conversation.refused.${opened.error}`, { name: described?.name ?? "" })], values });
    }
  }
});

export default function ExpressInterest() {
  const t = useT();
  const { kind, id, name, posting, refusal, postings } = useLoaderData<typeof loader>();
  const failed = failureOf(useActionData<typeof action>());
  const v = failed?.values ?? {};
  const e = failed?.fieldErrors ?? {};
  return (
    <section className="narrow express-interest">
      <h1>{t("conversation.new.title")}</h1>
      <p>{t("conversation.new.to", { name })}</p>
      {posting && (
        <p>
          {t("conversation.new.about", { title: "" })}
          <Link to={`/postings/${posting.id}`} lang={posting.language}>
            {posting.title}
          </Link>
        </p>
      )}
      {refusal ? (
        <p className="notice" role="status">
          {t(`conversation.refused.${refusal}`, { name })}
        </p>
      ) : (
        <Form method="post" action={`/messages/new?${kind}=${encodeURIComponent(id)}`} noValidate>
          <CsrfField />
          <ErrorSummary failure={failed} />
          <input type="hidden" name="kind" value={kind} />
          <input type="hidden" name="id" value={id} />
          <p className="hint">{t("conversation.new.privacy", { name })}</p>
          <Field
            name="body"
            label={t("conversation.body")}
            hint={t("conversation.bodyHint")}
            error={e.body}
            defaultValue={v.body}
            multiline
            rows={8}
            required
          />
          {postings.length > 0 && (
            <SelectField
              name="linkedPostingId"
              label={t("conversation.linked")}
              error={e.linkedPostingId}
              defaultValue={v.linkedPostingId ?? ""}
            >
              <option value="">{t("conversation.linkedNone")}</option>
              {postings.map((p) => (
                <option key={p.id} value={p.id} lang={p.language}>
                  {t(`posting.kind.${p.kind}`)}: {p.title}
                </option>
              ))}
            </SelectField>
          )}
          <button type="submit">{t("conversation.send")}</button>
        </Form>
      )}
    </section>
  );
}
