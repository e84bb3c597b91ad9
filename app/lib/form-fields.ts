// zod building blocks shared by the forms' schemas.
import { z } from "zod";
import { researchSubject } from "../domain/classification.ts";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const isId = (id: string | undefined | null): id is string => typeof id === "string" && UUID.test(id);

/** A comma- or line-separated list typed into one field; blanks and repeats dropped. */
export const listField = (max: number, each: number) =>
  z
    .string()
    .max(5000)
    .optional()
    .transform((v) => [...new Set((v ?? "").split(/[,\n]/).map((s) => s.trim()).filter(Boolean))])
    .pipe(z.array(z.string().max(each)).max(max));

/** Research-subject codes of the Swedish standard. */
export const subjectsField = listField(30, 5).refine((codes) => codes.every((c) => researchSubject(c)), "validation.invalid");

/** Optional text; empty becomes null. */
export const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .optional()
    .transform((v) => v || null);
