// A partner's pledge of co-funding: cash and in kind, in kronor as people write them
// ("4 000 000", "4,5 MSEK"), each amount showing what was understood. Several partners'
// forms may show on one page (a person speaking for two), so each form's fields carry the
// organization in their ids, and a refusal's messages are keyed by those ids (as the
// decline form's are), while the names stay the ones the action reads.
import { Form } from "@remix-run/react";
import { z } from "zod";
import { CsrfField } from "#app/components/form.tsx";
import { useT } from "#app/components/i18n.tsx";
import { MoneyField } from "#app/components/money-field.tsx";
import { MAX_SEK } from "#app/domain/programme.ts";
import { kronorOrNone } from "#app/lib/form-fields.ts";
import type { Failure } from "#app/lib/forms.ts";

/** The amounts; an empty field pledges none of that kind. */
export const pledgeAmountsSchema = z.object({ pledgeCash: kronorOrNone(MAX_SEK), pledgeInKind: kronorOrNone(MAX_SEK) });

/** The field ids (after "field-") of one organization's pledge form: what the error summary links to. */
export const pledgeFieldIds = (organizationId: string) => ({
  pledgeCash: `pledgeCash-${organizationId}`,
  pledgeInKind: `pledgeInKind-${organizationId}`,
});

export function PledgeForm({
  organizationId,
  cash,
  inKind,
  failed,
}: {
  organizationId: string;
  cash: number;
  inKind: number;
  /** The page's refused form: shown here only when it was this organization's pledge. */
  failed?: Failure;
}) {
  const t = useT();
  const ids = pledgeFieldIds(organizationId);
  const mine = failed && (failed.fieldErrors[ids.pledgeCash] || failed.fieldErrors[ids.pledgeInKind]) ? failed : undefined;
  const typed = (name: "pledgeCash" | "pledgeInKind", stored: number) =>
    mine ? (mine.values[name] ?? "") : stored > 0 ? String(stored) : "";
  return (
    <Form method="post" className="pledge" noValidate>
      <CsrfField />
      <input type="hidden" name="organizationId" value={organizationId} />
      <input type="hidden" name="intent" value="pledge" />
      <MoneyField
        name="pledgeCash"
        id={`field-${ids.pledgeCash}`}
        label={t("consortium.cash")}
        error={mine?.fieldErrors[ids.pledgeCash]}
        defaultValue={typed("pledgeCash", cash)}
      />
      <MoneyField
        name="pledgeInKind"
        id={`field-${ids.pledgeInKind}`}
        label={t("consortium.inKind")}
        error={mine?.fieldErrors[ids.pledgeInKind]}
        defaultValue={typed("pledgeInKind", inKind)}
      />
      <div className="pledge-actions">
        <button type="submit">{t("consortium.savePledge")}</button>
      </div>
    </Form>
  );
}
