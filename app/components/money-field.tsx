// An amount in kronor as people write it ("4 000 000", "4,5 MSEK"), with what was
// understood shown under it ("= 4 500 000 kr"): live while typing, and from the server's
// markup after a refused submit without JavaScript. No pattern or required that would make
// the browser refuse on its own: the server says what is wrong.
import { useState } from "react";
import { Field } from "#app/components/form.tsx";
import { useLocale, useT } from "#app/components/i18n.tsx";
import { parseKronor } from "#app/domain/money.ts";
import { formatKronor } from "#app/i18n/format.ts";

export function MoneyField({
  name,
  id = `field-${name}`,
  label,
  hint,
  error,
  defaultValue,
}: {
  name: string;
  /** `field-<name>` unless given (a form repeated on the page gives each its own). */
  id?: string;
  label: string;
  hint?: string;
  error?: string;
  defaultValue?: string;
}) {
  const t = useT();
  const locale = useLocale();
  const [text, setText] = useState(defaultValue ?? "");
  const amount = text.trim() ? parseKronor(text) : null;
  const understoodId = `${id}-understood`;
  return (
    <Field
      name={name}
      id={id}
      label={label}
      hint={hint}
      error={error}
      inputMode="decimal"
      autoComplete="off"
      value={text}
      onChange={(e) => setText(e.target.value)}
      describes={understoodId}
      after={
        <p className="money-understood" id={understoodId} aria-live="polite">
          {text.trim()
            ? amount === null
              ? t("money.notUnderstood")
              : t("money.understood", { amount: formatKronor(locale, amount) })
            : ""}
        </p>
      }
    />
  );
}
