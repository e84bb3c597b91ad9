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
  label,
  hint,
  error,
  defaultValue,
}: {
  name: string;
  label: string;
  hint?: string;
  error?: string;
  defaultValue?: string;
}) {
  const t = useT();
  const locale = useLocale();
  const [text, setText] = useState(defaultValue ?? "");
  const amount = text.trim() ? parseKronor(text) : null;
  const id = `field-${name}-understood`;
  return (
    <Field
      name={name}
      label={label}
      hint={hint}
      error={error}
      inputMode="decimal"
      autoComplete="off"
      value={text}
      onChange={(e) => setText(e.target.value)}
      describes={id}
      after={
        <p className="money-understood" id={id} aria-live="polite">
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
