// Where the application stands, on the consortium page: submitted, granted or not granted
// with their days, and for the coordinator (or an admin of the lead) the form that records
// the next step (app/domain/outcome.ts says which steps may follow).
import { Form } from "@remix-run/react";
import { CsrfField, Field, SelectField } from "#app/components/form.tsx";
import { useLocale, useT } from "#app/components/i18n.tsx";
import { nextOutcomes, type OutcomeState } from "#app/domain/outcome.ts";
import { formatDate } from "#app/i18n/format.ts";
import type { Failure } from "#app/lib/forms.ts";

export function OutcomeSection({
  state,
  mayRecord,
  today,
  failed,
}: {
  state: OutcomeState;
  mayRecord: boolean;
  /** The day the form suggests, YYYY-MM-DD. */
  today: string;
  failed?: Failure;
}) {
  const t = useT();
  const locale = useLocale();
  const date = (d: string | null) => (d ? formatDate(locale, `${d}T12:00:00Z`) : "");
  const next = mayRecord ? nextOutcomes(state) : [];
  const mine = failed?.values.intent === "outcome";
  return (
    <section className="outcome" aria-labelledby="outcome-title">
      <h2 id="outcome-title">{t("outcome.title")}</h2>
      <p className={`outcome-state ${state.outcome ?? "none"}`}>
        {state.outcome === null
          ? t("outcome.state.none")
          : state.outcome === "submitted"
            ? t("outcome.state.submitted", { date: date(state.submittedOn) })
            : t(`outcome.state.${state.outcome}`, { submitted: date(state.submittedOn), date: date(state.decidedOn) })}
      </p>
      {state.outcome === "granted" && <p className="hint">{t("outcome.grantedHint")}</p>}
      {next.length > 0 && (
        <Form method="post" noValidate className="outcome-form">
          <CsrfField />
          <input type="hidden" name="intent" value="outcome" />
          <SelectField
            name="outcome"
            label={t("outcome.kind")}
            defaultValue={mine ? failed?.values.outcome : next[0]}
            error={mine ? failed?.fieldErrors.outcome : undefined}
          >
            {next.map((k) => (
              <option key={k} value={k}>
                {t(`outcome.kind.${k}`)}
              </option>
            ))}
          </SelectField>
          <Field
            name="outcomeOn"
            type="date"
            label={t("outcome.date")}
            hint={t("outcome.dateHint")}
            max={today}
            defaultValue={mine ? failed?.values.outcomeOn : today}
            error={mine ? failed?.fieldErrors.outcomeOn : undefined}
          />
          <button type="submit">{t("outcome.record")}</button>
        </Form>
      )}
    </section>
  );
}
