// zod building blocks shared by the forms' schemas.
import { z } from "zod";
import { researchSubject } from "#app/domain/classification.ts";
import { parseWholeNumber } from "#app/domain/text.ts";
import { msg } from "#app/i18n/index.ts";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const isId = (id: string | undefined | null): id is string => typeof id === "string" && UUID.test(id);

/** A comma- or line-separated list typed into one field; blanks and repeats dropped. */
export const listField = (max: number, each: number) =>
  z
    .string()
    .max(5000)
    .optional()
    .transform((v) => [
      ...new Set(
        (v ?? "")
          .split(/[,\n]/)
          .map((s) => s.trim())
          .filter(Boolean),
      ),
    ])
    .pipe(z.array(z.string().max(each)).max(max));

/** Research-subject codes of the Swedish standard. */
export const subjectsField = listField(30, 5).refine((codes) => codes.every((c) => researchSubject(c)), msg("validation.invalid"));

/** Optional text; empty becomes null. */
export const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .optional()
    .transform((v) => v || null);

/**
 * A whole number up to `max` (kronor, say): typed as digits, spaces between thousands
 * allowed ("4 000 000"), or given as a number by code. Never hex, exponents or signs,
 * which z.coerce.number() would turn into some other amount ("0x10" into 16).
 */
export const wholeNumber = (max: number) =>
  z.union([z.number(), z.string()]).transform((v, ctx) => {
    if (typeof v === "string" && v.trim() === "") {
      ctx.addIssue({ code: "custom", message: msg("validation.required") });
      return z.NEVER;
    }
    const n = typeof v === "number" ? (Number.isSafeInteger(v) && v >= 0 ? v : null) : parseWholeNumber(v);
    if (n === null || n > max) {
      ctx.addIssue({ code: "custom", message: n === null ? msg("validation.number") : msg("validation.numberTooLarge") });
      return z.NEVER;
    }
    return n;
  });
