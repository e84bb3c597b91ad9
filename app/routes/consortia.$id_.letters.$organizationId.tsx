// A co-funder's letter of intent: what it says (built from the consortium, the partner and
// its pledge), whether it is confirmed and, if not, why; the PDF in Swedish or English;
// for the partner's contact or admins, the role and motive to write, the confirmation in
// the organization's name, and the upload of a signed PDF instead; the history of who did what.
import { redirect, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { CsrfField, ErrorSummary, Field } from "#app/components/form.tsx";
import { useLocale, useT } from "#app/components/i18n.tsx";
import { LetterHistory, LetterPreview, LetterStatusLine, fileSize } from "#app/components/letters.tsx";
import { pageHandle } from "#app/components/page-title.tsx";
import { letterContent, MOTIVE_MAX, ROLE_MAX } from "#app/domain/letters.ts";
import { msg, translate, type MessageKey } from "#app/i18n/index.ts";
import { formAction } from "#app/lib/action.server.ts";
import { loadConfig } from "#app/lib/config.server.ts";
import { withFlash } from "#app/lib/flash.ts";
import { failureOf } from "#app/lib/forms.ts";
import { requireUser } from "#app/lib/session.server.ts";
import { getLetterView, saveLetter, uploadLetter, type LetterResult } from "#app/models/letter.server.ts";

export const handle = pageHandle<typeof loader>((data, t) => t("letter.pageTitle", { organization: data.organization.name }));

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const view = await getLetterView(params.id!, params.organizationId!, user.id);
  if (!view) throw new Response("Not found", { status: 404 });
  return { ...view, maxBytes: loadConfig().SAMBAND_LETTER_MAX_BYTES };
}

const text = (max: number) => z.string().trim().max(max).optional().default("");
const required = (max: number, key: MessageKey) =>
  z
    .string({ error: msg(key) })
    .trim()
    .min(1, msg(key))
    .max(max);
const schema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("save"), role: text(ROLE_MAX), motive: text(MOTIVE_MAX) }),
  z.object({
    intent: z.literal("confirm"),
    role: required(ROLE_MAX, "letter.error.role"),
    motive: required(MOTIVE_MAX, "letter.error.motive"),
  }),
  z.object({ intent: z.literal("upload") }),
]);

// The form around a file may be somewhat larger than the file itself; a file up to twice
// the limit is still read, so its sender is told its size next to the field.
const UPLOAD_FORM_BYTES = loadConfig().SAMBAND_LETTER_MAX_BYTES * 2 + 64 * 1024;

export const action = formAction({ access: "user", schema, fieldErrors: true, maxBytes: UPLOAD_FORM_BYTES }, async (ctx) => {
  const { params, user, input, locale, form, fail } = ctx;
  const id = params.id!;
  const org = params.organizationId!;
  const field = (name: string, key: MessageKey, vars?: Record<string, string | number>, status = 400) =>
    fail({ fieldErrors: { [name]: translate(locale, key, vars) } }, status);
  let result: LetterResult;
  if (input.intent === "upload") {
    const file = form.get("file");
    if (!(file instanceof File) || file.size === 0) return field("file", "letter.error.noFile");
    const max = loadConfig().SAMBAND_LETTER_MAX_BYTES;
    if (file.size > max)
      return field("file", "letter.error.tooLarge", { size: fileSize(locale, file.size), max: fileSize(locale, max) }, 413);
    result = await uploadLetter(id, org, user.id, new Uint8Array(await file.arrayBuffer()));
  } else {
    result = await saveLetter(id, org, user.id, { role: input.role, motive: input.motive }, input.intent === "confirm");
  }
  if (!result.ok) {
    if (result.error === "not-found") throw new Response("Not found", { status: 404 });
    if (result.error === "forbidden") throw new Response("Forbidden", { status: 403 });
    if (result.error === "not-owed") return fail({ formErrors: [translate(locale, "letter.error.notOwed")] }, 409);
    if (result.error === "not-pdf") return field("file", "letter.error.notPdf", undefined, 415);
    return field("file", "letter.error.noFile");
  }
  const done = input.intent === "upload" ? "letterUploaded" : input.intent === "confirm" ? "letterConfirmed" : "letterSaved";
  return redirect(withFlash(`/consortia/${id}/letters/${org}`, done));
});

export default function LetterPage() {
  const t = useT();
  const locale = useLocale();
  const v = useLoaderData<typeof loader>();
  const failed = failureOf(useActionData<typeof action>());
  const content = letterContent(locale, { ...v.facts, now: new Date(v.facts.now) });
  const base = `/consortia/${v.consortium.id}/letters/${v.organization.id}`;
  return (
    <article className="letter">
      <p>
        <Link to={`/consortia/${v.consortium.id}`}>{t("letter.back")}</Link>
      </p>
      <h1>{t("letter.pageTitle", { organization: v.organization.name })}</h1>
      <ErrorSummary failure={failed} />
      <LetterStatusLine status={v.status} lastConfirmed={v.lastConfirmed} />
      <p className="downloads">
        {t("letter.download")}: <a href={`${base}.pdf?lang=sv`}>{t("letter.downloadSv")}</a>
        {" · "}
        <a href={`${base}.pdf?lang=en`}>{t("letter.downloadEn")}</a>
        {v.hasDocument && (
          <>
            {" · "}
            <a href={`${base}/signed.pdf`}>{t("letter.signed")}</a>
          </>
        )}
      </p>
      <LetterPreview content={content} />
      {v.mayConfirm ? (
        <>
          <section aria-labelledby="write-title">
            <h2 id="write-title">{t("letter.confirm")}</h2>
            <Form method="post" noValidate>
              <CsrfField />
              <Field
                name="role"
                label={t("letter.role")}
                hint={t("letter.roleHint")}
                multiline
                rows={3}
                maxLength={ROLE_MAX}
                defaultValue={failed?.values.role ?? v.facts.role}
                error={failed?.fieldErrors.role}
              />
              <Field
                name="motive"
                label={t("letter.motive")}
                hint={t("letter.motiveHint")}
                multiline
                rows={5}
                maxLength={MOTIVE_MAX}
                defaultValue={failed?.values.motive ?? v.facts.motive}
                error={failed?.fieldErrors.motive}
              />
              <p className="hint">{t("letter.confirmHint")}</p>
              <div className="confirm-actions">
                <button type="submit" name="intent" value="confirm">
                  {t("letter.confirm")}
                </button>
                <button type="submit" name="intent" value="save" className="secondary">
                  {t("letter.save")}
                </button>
              </div>
            </Form>
          </section>
          <section aria-labelledby="upload-title">
            <h2 id="upload-title">{t("letter.upload")}</h2>
            <Form method="post" encType="multipart/form-data" noValidate>
              <CsrfField />
              <input type="hidden" name="intent" value="upload" />
              <Field
                name="file"
                type="file"
                accept="application/pdf,.pdf"
                label={t("letter.file")}
                hint={t("letter.uploadHint", { size: fileSize(locale, v.maxBytes) })}
                error={failed?.fieldErrors.file}
              />
              <button type="submit">{t("letter.uploadButton")}</button>
            </Form>
          </section>
        </>
      ) : (
        <p className="hint">{v.owed ? t("letter.readOnly") : t("letter.error.notOwed")}</p>
      )}
      <LetterHistory events={v.events} />
    </article>
  );
}
