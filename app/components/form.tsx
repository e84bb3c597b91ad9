// Form parts: every field has a visible label, its hint and its error are tied to it
// with aria-describedby, and the error summary is announced and focusable.
import { useRouteLoaderData } from "@remix-run/react";
import { useEffect, useRef, type InputHTMLAttributes, type ReactNode } from "react";
import type { Failure } from "#app/lib/forms.ts";
import type { RootData } from "#app/root.tsx";
import { useT } from "#app/components/i18n.tsx";

export function CsrfField() {
  const token = useRouteLoaderData<RootData>("root")?.csrf ?? "";
  return <input type="hidden" name="csrf" value={token} />;
}

interface FieldProps extends InputHTMLAttributes<HTMLInputElement> {
  name: string;
  label: string;
  hint?: string;
  error?: string;
  multiline?: boolean;
  rows?: number;
}

export function Field({ name, label, hint, error, multiline, rows = 6, ...input }: FieldProps) {
  const id = `field-${name}`;
  const describedBy = [hint && `${id}-hint`, error && `${id}-error`].filter(Boolean).join(" ") || undefined;
  const common = { id, name, "aria-invalid": error ? true : undefined, "aria-describedby": describedBy };
  return (
    <div className={`field${error ? " field-error" : ""}`}>
      <label htmlFor={id}>{label}</label>
      {hint && (
        <p className="hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      {error && (
        <p className="error" id={`${id}-error`}>
          {error}
        </p>
      )}
      {multiline ? (
        <textarea
          {...common}
          rows={rows}
          defaultValue={input.defaultValue as string | undefined}
          required={input.required}
          maxLength={input.maxLength}
        />
      ) : (
        <input {...common} {...input} />
      )}
    </div>
  );
}

export function SelectField({
  name,
  label,
  error,
  children,
  defaultValue,
}: {
  name: string;
  label: string;
  error?: string;
  children: ReactNode;
  defaultValue?: string;
}) {
  const id = `field-${name}`;
  return (
    <div className={`field${error ? " field-error" : ""}`}>
      <label htmlFor={id}>{label}</label>
      {error && (
        <p className="error" id={`${id}-error`}>
          {error}
        </p>
      )}
      <select
        id={id}
        name={name}
        defaultValue={defaultValue}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
      >
        {children}
      </select>
    </div>
  );
}

/** The GOV.UK-style summary above a refused form: the form's own message, else "see the fields below". */
export function ErrorSummary({ failure }: { failure?: Failure }) {
  const t = useT();
  const ref = useRef<HTMLDivElement>(null);
  const count = failure ? Object.keys(failure.fieldErrors).length + failure.formErrors.length : 0;
  useEffect(() => {
    if (count) ref.current?.focus();
  }, [count, failure]);
  if (!count) return null;
  return (
    <div className="error-summary" role="alert" tabIndex={-1} ref={ref}>
      <p>{failure?.formErrors[0] ?? t("form.errorSummary")}</p>
    </div>
  );
}
