// Programmes (calls) and their rules, edited by administrators. Changing a rule changes
// every consortium's evaluation under it, so the same transaction writes a
// consortium.changed event for each: the worker then announces any threshold crossed
// or lost because of the new rule, exactly as after a member's change.
import { z } from "zod";
import { isCalendarDate, parseDecimal, PROGRAMME_LIMITS } from "#app/domain/programme.ts";
import { getPrisma } from "#app/lib/db.server.ts";
import { isId } from "#app/lib/form-fields.ts";
import { writeEvents } from "#app/lib/outbox.server.ts";
import { msg } from "#app/i18n/index.ts";

export async function listProgrammes() {
  return getPrisma().programme.findMany({
    orderBy: [{ deadline: { sort: "asc", nulls: "last" } }, { name: "asc" }],
    include: { _count: { select: { consortia: true } } },
  });
}

export async function getProgramme(id: string) {
  return isId(id) ? getPrisma().programme.findUnique({ where: { id } }) : null;
}

const L = PROGRAMME_LIMITS;
const decimal = (key: string, min: number, max: number, scale = 1) =>
  z.string().transform((v, ctx) => {
    const n = parseDecimal(v);
    if (Number.isNaN(n) || n < min || n > max) {
      ctx.addIssue({ code: "custom", message: key });
      return z.NEVER;
    }
    return n / scale;
  });

/** The administrator's form: ratio as a decimal (comma or point), the institutes' cap in per cent. */
export const programmeFormSchema = z.object({
  name: z.string().trim().min(3).max(300),
  projectType: z.enum(["research", "education"]),
  minIndependentCompanies: z
    .string()
    .trim()
    .regex(/^\d{1,3}$/, msg("programme.companiesRange"))
    .transform(Number)
    .pipe(
      z
        .number()
        .min(L.minIndependentCompanies.min, msg("programme.companiesRange"))
        .max(L.minIndependentCompanies.max, msg("programme.companiesRange")),
    ),
  coFundingRatio: decimal("programme.ratioRange", L.coFundingRatio.min, L.coFundingRatio.max),
  instituteCapPercent: decimal("programme.capRange", L.instituteCapShare.min * 100, L.instituteCapShare.max * 100, 100),
  requireEligibleApplicant: z
    .literal("on")
    .optional()
    .transform((v) => v === "on"),
  deadline: z
    .string()
    .trim()
    .refine((v) => v === "" || isCalendarDate(v), msg("programme.deadlineFormat"))
    .transform((v) => (v ? new Date(`${v}T00:00:00Z`) : null)),
});
export type ProgrammeInput = z.output<typeof programmeFormSchema>;

/** Creates (id null) or updates a programme; null if the programme to update does not exist. */
export async function saveProgramme(id: string | null, input: ProgrammeInput): Promise<string | null> {
  const { instituteCapPercent, ...rest } = input;
  const data = { ...rest, instituteCapShare: instituteCapPercent };
  return getPrisma().$transaction(async (tx) => {
    if (!id) return (await tx.programme.create({ data, select: { id: true } })).id;
    const updated = await tx.programme.updateMany({ where: { id }, data });
    if (updated.count === 0) return null;
    const consortia = await tx.consortium.findMany({ where: { programmeId: id }, select: { id: true } });
    await writeEvents(
      tx,
      "consortium.changed",
      consortia.map((c) => ({ consortiumId: c.id })),
    );
    return id;
  });
}
