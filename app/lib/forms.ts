// Form validation: a zod schema per form, parsed by Conform (@conform-to/zod); issues
// become messages in the reader's language, keyed by field so they show next to it, and
// every failure has one shape whatever the form.
import { parseWithZod } from "@conform-to/zod/v4";
import { z } from "zod";
import { forbiddenCharacter, isBlank } from "#app/domain/text.ts";
import { isMessageKey, translate, type Locale } from "#app/i18n/index.ts";

/**
 * What every refused form answers: messages already in the reader's language, by field
 * (shown next to it) and for the form as a whole (shown in the error summary), and what
 * was typed, to show again.
 */
export interface Failure {
  status: "error";
  fieldErrors: Record<string, string>;
  formErrors: string[];
  values: Record<string, string>;
}

export type FormResult<T> = { ok: true; data: T } | { ok: false; failure: Failure };

export function failure(parts: { fieldErrors?: Record<string, string>; formErrors?: string[]; values?: Record<string, string> }): Failure {
  return { status: "error", fieldErrors: parts.fieldErrors ?? {}, formErrors: parts.formErrors ?? [], values: parts.values ?? {} };
}

/** The failure among an action's answers, if it is one. */
export function failureOf(result: unknown): Failure | undefined {
  return typeof result === "object" && result !== null && (result as { status?: unknown }).status === "error"
    ? (result as Failure)
    : undefined;
}

/**
 * A custom issue's params fill its message's placeholders; a param given per language
 * ({ sv, en }) is taken in the reader's.
 */
function issueParams(issue: z.core.$ZodIssue, locale: Locale): Record<string, string | number> {
  const params = issue.code === "custom" ? (issue.params ?? {}) : {};
  const vars: Record<string, string | number> = {};
  for (const [k, v] of Object.entries(params as Record<string, unknown>)) {
    if (typeof v === "string" || typeof v === "number") vars[k] = v;
    else if (v && typeof v === "object" && locale in v) vars[k] = String((v as Record<Locale, unknown>)[locale]);
  }
  return vars;
}

/**
 * A schema's own message is a MessageKey of the catalogue (written as such in the
 * schema); zod's built-in issues are worded here by their code.
 */
function message(issue: z.core.$ZodIssue, locale: Locale): string {
  if (isMessageKey(issue.message)) return translate(locale, issue.message, issueParams(issue, locale));
  switch (issue.code) {
    case "too_small":
      return Number(issue.minimum) <= 1
        ? translate(locale, "validation.required")
        : translate(locale, "validation.tooShort", { min: Number(issue.minimum) });
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

/** Intents as a discriminated union, where one of a page's forms carries no intent field: that form's intent. */
export function withDefaultIntent<S extends z.ZodType>(intent: string, union: S) {
  return z.preprocess((v) => ({ intent, ...(v as object) }), union);
}

const CONFORM_RESERVED = new Set(["__intent__", "__state__"]);

/** What was typed, to show again with the errors: never the CSRF token or a password. */
export function formValues(form: FormData): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [k, v] of form.entries()) {
    if (typeof v !== "string" || k === "csrf" || k.toLowerCase().includes("password")) continue;
    // A picker sends each chosen value under the field's name, beside what is still typed: all of them, as one list.
    values[k] = values[k] && v ? `${values[k]}, ${v}` : values[k] || v;
  }
  return values;
}

/**
 * Every field of the form through the schema. Before it, for every form alike: text that
 * shows as nothing (only spaces or zero-width characters) counts as not filled in, and a
 * control character is an error on its field, whether or not the schema knows the field.
 */
export function parseForm<S extends z.ZodType>(schema: S, form: FormData, locale: Locale): FormResult<z.output<S>> {
  const fieldErrors: Record<string, string> = {};
  const cleaned = new FormData();
  for (const [k, v] of form.entries()) {
    // Conform reads these two names as its own JSON state; none of our forms sends them.
    if (typeof v !== "string" || CONFORM_RESERVED.has(k)) continue;
    const found = forbiddenCharacter(k) ?? forbiddenCharacter(v);
    if (found) fieldErrors[k] ??= translate(locale, "validation.controlCharacter", { code: found.code, position: found.position });
    cleaned.append(k, isBlank(v) ? "" : v);
  }
  // Conform reads the names (repeated ones as lists); the schema decides what is missing.
  const submission = parseWithZod(cleaned, {
    schema,
    disableAutoCoercion: true,
    formatError: (issues: z.core.$ZodIssue[]) => message(issues[0]!, locale),
  });
  if (submission.status === "success" && Object.keys(fieldErrors).length === 0) return { ok: true, data: submission.value };
  const formErrors: string[] = [];
  for (const [name, text] of Object.entries(submission.status === "error" ? (submission.error ?? {}) : {})) {
    if (!text) continue;
    const field = name.split(/[.[]/)[0];
    if (field) fieldErrors[field] ??= text;
    else formErrors.push(text);
  }
  return { ok: false, failure: failure({ fieldErrors, formErrors, values: formValues(form) }) };
}
