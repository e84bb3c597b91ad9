// Form validation shared by server and browser: a zod schema per form; issues become
// messages in the reader's language, keyed by field so they show next to it.
import type { z } from "zod";
import { forbiddenCharacter, isBlank } from "#app/domain/text.ts";
import { translate, type Locale, type MessageKey } from "#app/i18n/index.ts";

export type FieldErrors = Record<string, string>;
export type FormResult<T> = { ok: true; data: T } | { ok: false; errors: FieldErrors; values: Record<string, string> };

function message(issue: z.core.$ZodIssue, locale: Locale): string {
  // A schema may carry its own message as an i18n key.
  if (issue.message.includes(".") && !issue.message.includes(" ")) return translate(locale, issue.message as MessageKey);
  switch (issue.code) {
    case "too_small":
      return Number(issue.minimum) <= 1 ? translate(locale, "validation.required") : translate(locale, "validation.tooShort", { min: Number(issue.minimum) });
    case "too_big":
      return translate(locale, "validation.tooLong", { max: Number(issue.maximum) });
    case "invalid_value":
      return translate(locale, "validation.choice");
    case "invalid_format":
      return issue.format === "email" ? translate(locale, "validation.email") : translate(locale, "validation.invalid");
    case "invalid_type":
      return translate(locale, "validation.required");
    default:
      return translate(locale, "validation.invalid");
  }
}

/** What was typed, to show again with the errors: never the CSRF token or a password. */
export function formValues(form: FormData): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [k, v] of form.entries()) if (typeof v === "string" && k !== "csrf" && !k.toLowerCase().includes("password")) values[k] = v;
  return values;
}

/**
 * Every field of the form through the schema. Before it, for every form alike: text that
 * shows as nothing (only spaces or zero-width characters) counts as not filled in, and a
 * control character is an error on its field, whether or not the schema knows the field.
 */
export function parseForm<S extends z.ZodType>(schema: S, form: FormData, locale: Locale): FormResult<z.output<S>> {
  const values = formValues(form);
  const errors: FieldErrors = {};
  const raw: Record<string, unknown> = {};
  for (const k of new Set(form.keys())) {
    const all = form.getAll(k).filter((v): v is string => typeof v === "string");
    for (const v of [k, ...all]) {
      const found = forbiddenCharacter(v);
      if (found) errors[k] ??= translate(locale, "validation.controlCharacter", { code: found.code, position: found.position });
    }
    const cleaned = all.map((v) => (isBlank(v) ? "" : v));
    raw[k] = cleaned.length > 1 ? cleaned : cleaned[0];
  }
  const result = schema.safeParse(raw);
  if (result.success && Object.keys(errors).length === 0) return { ok: true, data: result.data };
  for (const issue of result.success ? [] : result.error.issues) {
    const field = String(issue.path[0] ?? "form");
    errors[field] ??= message(issue, locale);
  }
  return { ok: false, errors, values };
}
