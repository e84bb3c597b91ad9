import { Form, useNavigation } from "@remix-run/react";
import { CsrfField, ErrorSummary, Field, FieldError, SelectField } from "#app/components/form.tsx";
import { useT } from "#app/components/i18n.tsx";
import { SubjectPicker } from "#app/components/pickers.tsx";
import type { Failure } from "#app/lib/forms.ts";

export interface PostingFormValues {
  kind?: string;
  title?: string;
  description?: string;
  keywords?: string;
  subjects?: string;
  language?: string;
  visibility?: string;
  /** "on" when confidential. */
  confidential?: string;
  teaser?: string;
  organizationId?: string;
}

export function PostingForm({
  values,
  failure,
  organizations,
  submitLabel,
}: {
  values?: PostingFormValues;
  /** The refused submission: its messages, and what was typed in place of `values`. */
  failure?: Failure;
  organizations: { id: string; name: string }[];
  submitLabel: string;
}) {
  const t = useT();
  const busy = useNavigation().state === "submitting";
  const errors = failure?.fieldErrors;
  if (failure) values = failure.values;
  return (
    <>
      <ErrorSummary failure={failure} />
      <Form method="post" noValidate className="posting-form">
        <CsrfField />
        <fieldset className={errors?.kind ? "field-error" : undefined}>
          <legend>{t("posting.field.kind")}</legend>
          {errors?.kind && <FieldError id="field-kind-error">{errors.kind}</FieldError>}
          <label>
            <input id="field-kind" type="radio" name="kind" value="competence" defaultChecked={values?.kind !== "need"} />{" "}
            {t("posting.field.kindCompetence")}
          </label>
          <label>
            <input type="radio" name="kind" value="need" defaultChecked={values?.kind === "need"} /> {t("posting.field.kindNeed")}
          </label>
        </fieldset>
        <Field name="title" label={t("posting.field.title")} required maxLength={200} defaultValue={values?.title} error={errors?.title} />
        <Field
          name="description"
          label={t("posting.field.description")}
          hint={t("posting.field.descriptionHint")}
          multiline
          rows={8}
          required
          maxLength={10000}
          defaultValue={values?.description}
          error={errors?.description}
        />
        <Field
          name="keywords"
          label={t("posting.field.keywords")}
          hint={t("posting.field.keywordsHint")}
          defaultValue={values?.keywords}
          error={errors?.keywords}
        />
        <SubjectPicker name="subjects" label={t("posting.field.subjects")} defaultValue={values?.subjects} error={errors?.subjects} />
        <SelectField name="language" label={t("posting.field.language")} defaultValue={values?.language ?? "sv"} error={errors?.language}>
          <option value="sv">{t("lang.sv")}</option>
          <option value="en">{t("lang.en")}</option>
        </SelectField>
        <SelectField
          name="visibility"
          label={t("posting.field.visibility")}
          defaultValue={values?.visibility ?? "public"}
          error={errors?.visibility}
        >
          <option value="public">{t("posting.visibility.public")}</option>
          <option value="members">{t("posting.visibility.members")}</option>
        </SelectField>
        <div className="field checkbox">
          <label>
            <input type="checkbox" id="field-confidential" name="confidential" defaultChecked={values?.confidential === "on"} />{" "}
            {t("reveal.field.confidential")}
          </label>
        </div>
        <Field
          name="teaser"
          label={t("reveal.field.teaser")}
          hint={t("reveal.field.teaserHint")}
          maxLength={300}
          defaultValue={values?.teaser}
          error={errors?.teaser}
        />
        {organizations.length > 0 && (
          <SelectField
            name="organizationId"
            label={t("posting.field.organization")}
            defaultValue={values?.organizationId ?? ""}
            error={errors?.organizationId}
          >
            <option value="">{t("posting.field.organizationSelf")}</option>
            {organizations.map((o) => (
              <option key={o.id} value={o.id}>
                {o.name}
              </option>
            ))}
          </SelectField>
        )}
        <button type="submit" disabled={busy}>
          {submitLabel}
        </button>
      </Form>
    </>
  );
}
