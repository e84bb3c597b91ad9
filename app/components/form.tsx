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
  /** `field-<name>` unless given: a form repeated on one page (one per partner) gives each its own. */
  id?: string;
  label: string;
  hint?: string;
  error?: string;
  multiline?: boolean;
  rows?: number;
  /** Shown under the input (what a money field understood), and read with it when its id is in `describes`. */
  after?: ReactNode;
  describes?: string;
}

/** A field's message, with "Error:" for those who hear it rather than see its colour. */
export function FieldError({ id, children }: { id: string; children: ReactNode }) {
  const t = useT();
  return (
    <p className="error" id={id}>
      <span className="visually-hidden">{`${t("errorSummary.prefix")} `}</span>
      {children}
    </p>
  );
}

export function Field({ name, id = `field-${name}`, label, hint, error, multiline, rows = 6, after, describes, ...input }: FieldProps) {
  const describedBy = [hint && `${id}-hint`, error && `${id}-error`, describes].filter(Boolean).join(" ") || undefined;
  const common = { id, name, "aria-invalid": error ? true : undefined, "aria-describedby": describedBy };
  return (
    <div className={`field${error ? " field-error" : ""}`}>
      <label htmlFor={id}>{label}</label>
      {hint && (
        <p className="hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      {error && <FieldError id={`${id}-error`}>{error}</FieldError>}
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
      {after}
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
      {error && <FieldError id={`${id}-error`}>{error}</FieldError>}
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

/**
 * The GOV.UK error summary above a refused form: "There is a problem", then each message
 * as a link to its field (`#field-<name>`), the form's own messages first. It takes focus
 * after a refused submit so a screen reader reads it, and a link moves focus to its field.
 * A form repeated on a page (one per partner) keys its messages by its fields' own ids.
 */
export function ErrorSummary({ failure }: { failure?: Failure }) {
  const t = useT();
  const ref = useRef<HTMLDivElement>(null);
  const fields = Object.entries(failure?.fieldErrors ?? {});
  const count = fields.length + (failure?.formErrors.length ?? 0);
  useEffect(() => {
    if (count) ref.current?.focus();
  }, [count, failure]);
  if (!count) return null;
  return (
    <div className="error-summary" role="alert" aria-labelledby="error-summary-title" tabIndex={-1} ref={ref}>
      <h2 id="error-summary-title">{t("errorSummary.title")}</h2>
      <ul>
        {failure?.formErrors.map((m) => (
          <li key={m}>{m}</li>
        ))}
        {fields.map(([name, message]) => (
          <li key={name}>
            <a
              href={`#field-${name}`}
              onClick={(e) => {
                // The browser scrolls to an anchor but leaves focus where it was; the person wants to type there.
                const target = document.getElementById(`field-${name}`);
                if (!target) return;
                e.preventDefault();
                target.focus();
                target.scrollIntoView({ block: "center" });
              }}
            >
              {message}
            </a>
          </li>
        ))}
      </ul>
    </div>
  );
}
