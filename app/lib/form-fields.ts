// zod building blocks shared by the forms' schemas.
import { z } from "zod";
import { resolveSubject } from "#app/domain/subject-search.ts";
import { parseKronor } from "#app/domain/money.ts";
import { formatKronor } from "#app/i18n/format.ts";
import { msg } from "#app/i18n/index.ts";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const isId = (id: string | undefined | null): id is string => typeof id === "string" && UUID.test(id);

/**
 * A comma- or line-separated list typed into one field, or several fields of one name (a
 * picker's chosen values, each in a hidden input, beside what is still typed); blanks and
 * repeats dropped.
 */
export const listField = (max: number, each: number) =>
  z
    .union([z.string().max(5000), z.array(z.string().max(5000)).max(200)])
    .optional()
    .transform((v) => [
      ...new Set(
        [v ?? ""]
          .flat()
          .join(",")
          .split(/[,\n]/)
          .map((s) => s.trim())
          .filter(Boolean),
      ),
    ])
    .pipe(z.array(z.string().max(each)).max(max));

/**
 * Research subjects of the Swedish standard, by code or by exact Swedish or English name
 * (so the form works as a plain text field without JavaScript); stored as codes. A name
 * that is not exactly one subject is not guessed: the message names it and the closest
 * subjects, in the reader's language.
 */
export const subjectsField = listField(30, 200).transform((typed, ctx) => {
  const codes: string[] = [];
  for (const t of typed) {
    const sv = resolveSubject(t, "sv");
    if (sv.ok) {
      codes.push(sv.code);
      continue;
    }
    const en = resolveSubject(t, "en");
    const suggest = (r: typeof en) => (r.ok ? "" : r.suggestions.map((h) => `${h.label} (${h.code})`).join(", "));
    ctx.addIssue({
      code: "custom",
      message: sv.suggestions.length ? msg("validation.subjectUnknownSuggest") : msg("validation.subjectUnknown"),
      params: { typed: t.slice(0, 100), suggestions: { sv: suggest(sv), en: suggest(en) } },
    });
    return z.NEVER;
  }
  return [...new Set(codes)];
});

/** Optional text; empty becomes null. */
export const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .optional()
    .transform((v) => v || null);

/**
 * An amount in whole kronor up to `max`, written as people write it ("4 000 000",
 * "4,5 MSEK", "450 tkr"; app/domain/money.ts), or given as a number by code.
 */
export const kronor = (max: number) =>
  z.union([z.number(), z.string()]).transform((v, ctx) => {
    if (typeof v === "string" && v.trim() === "") {
      ctx.addIssue({ code: "custom", message: msg("validation.kronorRequired") });
      return z.NEVER;
    }
    const n = typeof v === "number" ? (Number.isSafeInteger(v) && v >= 0 ? v : null) : parseKronor(v);
    if (n === null) {
      ctx.addIssue({ code: "custom", message: msg("validation.kronor") });
      return z.NEVER;
    }
    if (n > max) {
      const params = { max: { sv: formatKronor("sv", max), en: formatKronor("en", max) } };
      ctx.addIssue({ code: "custom", message: msg("validation.kronorTooLarge"), params });
      return z.NEVER;
    }
    return n;
  });

/** An amount that may be left empty, meaning none (a pledge of cash but nothing in kind). */
export const kronorOrNone = (max: number) =>
  z
    .union([z.number(), z.string()])
    .optional()
    .transform((v) => (v === undefined || (typeof v === "string" && !v.trim()) ? 0 : v))
    .pipe(kronor(max));
