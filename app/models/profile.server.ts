// A person's own profile.
import { z } from "zod";
import { resolveLanguage } from "#app/domain/languages.ts";
import { parseOrcid } from "#app/domain/orcid.ts";
import { getPrisma } from "#app/lib/db.server.ts";
import { writeEvent } from "#app/lib/outbox.server.ts";
import { isId, listField, optionalText, subjectsField } from "#app/lib/form-fields.ts";
import { msg } from "#app/i18n/index.ts";
import { listedFor } from "#app/models/posting.server.ts";

export const profileSchema = z.object({
  name: z.string().trim().min(1).max(200),
  title: optionalText(200),
  orcid: z
    .string()
    .trim()
    .max(60)
    .optional()
    .refine((v) => !v || parseOrcid(v).ok, msg("validation.orcid"))
    .transform((v) => (v ? (parseOrcid(v) as { value: string }).value : null)),
  // Codes or names ("sv", "svenska", "Swedish"), stored as ISO 639-1 codes.
  languages: listField(20, 100).transform((typed, ctx) => {
    const codes: string[] = [];
    for (const t of typed) {
      const code = resolveLanguage(t);
      if (!code) {
        ctx.addIssue({ code: "custom", message: msg("validation.languageUnknown"), params: { typed: t } });
        return z.NEVER;
      }
      codes.push(code);
    }
    return [...new Set(codes)];
  }),
  researchInterests: optionalText(10_000),
  competencies: optionalText(10_000),
  keywords: listField(50, 100),
  subjects: subjectsField,
});
export type ProfileInput = z.output<typeof profileSchema>;

export async function getOwnProfile(userId: string) {
  return getPrisma().user.findUniqueOrThrow({
    where: { id: userId },
    select: {
      name: true,
      title: true,
      orcid: true,
      languages: true,
      researchInterests: true,
      competencies: true,
      keywords: true,
      subjects: true,
    },
  });
}

/** False when another user holds the ORCID iD. */
export async function saveProfile(userId: string, input: ProfileInput): Promise<boolean> {
  try {
    await getPrisma().$transaction(async (tx) => {
      await tx.user.update({ where: { id: userId }, data: input });
      await writeEvent(tx, "search.people", { userIds: [userId] });
    });
    return true;
  } catch (error) {
    if ((error as { code?: string }).code === "P2002") return false;
    throw error;
  }
}

/** A person's public profile, for signed-in users only (names are personal data). */
export async function getPublicProfile(id: string, viewerId: string | null, now = new Date()) {
  if (!isId(id)) return null;
  return getPrisma().user.findUnique({
    where: { id },
    select: {
      id: true,
      name: true,
      title: true,
      role: true,
      orcid: true,
      languages: true,
      researchInterests: true,
      competencies: true,
      keywords: true,
      subjects: true,
      memberships: { select: { organization: { select: { id: true, name: true } } } },
      postings: {
        where: { status: "active", expiresAt: { gt: now }, ...listedFor(viewerId) },
        select: { id: true, title: true, kind: true, language: true },
        orderBy: { updatedAt: "desc" },
      },
    },
  });
}
