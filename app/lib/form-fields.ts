// zod building blocks shared by the forms' schemas.
import { z } from "zod";
import { researchSubject } from "#app/domain/classification.ts";
import { parseKronor } from "#app/domain/money.ts";
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
 * An amount in whole kronor up to `max`, written as people write it ("4 000 000",
 * "4,5 MSEK", "450 tkr"; app/domain/money.ts), or given as a number by code.
 */
export const kronor = (max: number) =>
  z.union([z.number(), z.string()]).transform((v, ctx) => {
    if (typeof v === "string" && v.trim() === "") {
      ctx.addIssue({ code: "custom", message: msg("validation.required") });
      return z.NEVER;
    }
    const n = typeof v === "number" ? (Number.isSafeInteger(v) && v >= 0 ? v : null) : parseKronor(v);
    if (n === null || n > max) {
      ctx.addIssue({ code: "custom", message: n === null ? msg("validation.kronor") : msg("validation.numberTooLarge") });
      return z.NEVER;
    }
    return n;
  });
