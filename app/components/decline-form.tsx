// Declining an invitation: the kind of reason (too early, outside our focus, no capacity,
// budget, another) and a text, which another reason needs. Several invitations may wait on
// one page, so each form's fields carry the organization in their ids.
import { Form } from "@remix-run/react";
import { CsrfField, FieldError } from "#app/components/form.tsx";
import { useT } from "#app/components/i18n.tsx";
import { INVITATION_DECLINE_REASONS, type InvitationDeclineReason } from "#app/domain/invitation-decline.ts";
import type { Failure } from "#app/lib/forms.ts";

/** The field ids of one organization's decline form: what the error summary links to. */
export const declineFieldIds = (organizationId: string) => ({
  reason: `declineReason-${organizationId}`,
  text: `declineText-${organizationId}`,
});

export function DeclineForm({ organizationId, failed }: { organizationId: string; failed?: Failure }) {
  const t = useT();
  const ids = declineFieldIds(organizationId);
  const reasonError = failed?.fieldErrors[ids.reason];
  const textError = failed?.fieldErrors[ids.text];
  const mine = failed?.values.organizationId === organizationId;
  return (
    <details className="decline" open={Boolean(reasonError || textError)}>
      <summary>{t("consortium.decline")}</summary>
      <Form method="post" noValidate>
        <CsrfField />
        <input type="hidden" name="organizationId" value={organizationId} />
        <input type="hidden" name="intent" value="decline" />
        <div className={`field${reasonError ? " field-error" : ""}`}>
          <label htmlFor={`field-${ids.reason}`}>{t("invitation.decline.reason")}</label>
          {reasonError && <FieldError id={`field-${ids.reason}-error`}>{reasonError}</FieldError>}
          <select
            id={`field-${ids.reason}`}
            name="declineReason"
            defaultValue={mine ? failed?.values.declineReason : ""}
            aria-invalid={reasonError ? true : undefined}
            aria-describedby={reasonError ? `field-${ids.reason}-error` : undefined}
          >
            <option value="">{t("invitation.decline.choose")}</option>
            {INVITATION_DECLINE_REASONS.map((r) => (
              <option key={r} value={r}>
                {t(`invitation.decline.reason.${r}`)}
              </option>
            ))}
          </select>
        </div>
        <div className={`field${textError ? " field-error" : ""}`}>
          <label htmlFor={`field-${ids.text}`}>{t("invitation.decline.text")}</label>
          {textError && <FieldError id={`field-${ids.text}-error`}>{textError}</FieldError>}
          <input
            type="text"
            id={`field-${ids.text}`}
            name="reason"
            maxLength={2000}
            defaultValue={mine ? failed?.values.reason : ""}
            aria-invalid={textError ? true : undefined}
            aria-describedby={textError ? `field-${ids.text}-error` : undefined}
          />
        </div>
        <button type="submit" className="secondary">
          {t("consortium.decline")}
        </button>
      </Form>
    </details>
  );
}

/** "Too early for us: not before 2028", or the text alone for answers given before reasons had kinds. */
export function DeclineReasonText({ kind, text }: { kind: InvitationDeclineReason | null; text: string | null }) {
  const t = useT();
  if (!kind) return text ? <>{text}</> : null;
  return (
    <>
      {t(`invitation.decline.reason.${kind}`)}
      {text && `: ${text}`}
    </>
  );
}
