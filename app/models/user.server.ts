// Accounts: registration, sign-in, password reset. Queries about users live here.
import { z } from "zod";
import type { Prisma } from "#app/generated/prisma/client.ts";
import { publicUrl } from "#app/lib/config.server.ts";
import { getPrisma } from "#app/lib/db.server.ts";
import type { PayloadOf } from "#app/lib/jobs.server.ts";
import { writeEvent } from "#app/lib/outbox.server.ts";
import { hashPassword, newToken, sha256, verifyPassword } from "#app/lib/security.server.ts";
import { localeOf, translate, type Locale } from "#app/i18n/index.ts";
import { joinByDomain, markConfirmed, sendConfirmation } from "#app/models/email-confirmation.server.ts";
import { affiliate, affiliationSchema, type AffiliationResult } from "#app/models/membership.server.ts";

const RESET_TTL_MS = 60 * 60 * 1000;

export const email = z.string().trim().toLowerCase().max(254).pipe(z.email());
export const password = z.string().min(10).max(200);

export const registerSchema = z.object({
  name: z.string().trim().min(1).max(200),
  email,
  password,
  role: z.enum(["researcher", "company_rep", "coordinator"]),
  organization: affiliationSchema.shape.organization,
  /** An existing organization chosen (its id), or "new": create it even if similar names exist (an exact name still asks to join). */
  organizationId: affiliationSchema.shape.organizationId,
});
export type Registration = z.output<typeof registerSchema>;

export type RegisterResult = { ok: true; userId: string; affiliation: AffiliationResult } | { ok: false; reason: "email_taken" };

/**
 * Creates the account and acts on the organization named: a request to join an existing
 * one, or a new one with the person as its admin. The form settles the choice first
 * (checkAffiliation); should a similar organization appear in between, the account is
 * still created and the choice is made next, on the profile page.
 */
export async function registerUser(input: Registration, locale: Locale): Promise<RegisterResult> {
  const prisma = getPrisma();
  const passwordHash = await hashPassword(input.password);
  try {
    return await prisma.$transaction(async (tx) => {
      const user = await tx.user.create({ data: { name: input.name, email: input.email, passwordHash, role: input.role, locale } });
      const affiliation = await affiliate(tx, user, {
        organization: input.organization,
        organizationId: input.organizationId,
        message: undefined,
      });
      // A name that needs a choice is carried through the link to the profile page.
      const choose = affiliation.kind === "choose" || affiliation.kind === "unknown-number";
      await sendConfirmation(tx, user.id, choose ? input.organization : undefined);
      return { ok: true as const, userId: user.id, affiliation };
    });
  } catch (error) {
    if ((error as { code?: string }).code === "P2002") return { ok: false, reason: "email_taken" };
    throw error;
  }
}

/** The account if the password is right, whether its address is confirmed yet, and whether an administrator suspended it. */
export async function authenticate(
  emailAddress: string,
  pw: string,
): Promise<{ id: string; confirmed: boolean; suspended: boolean } | null> {
  const user = await getPrisma().user.findUnique({
    where: { email: emailAddress.trim().toLowerCase() },
    select: { id: true, passwordHash: true, emailConfirmedAt: true, suspendedAt: true },
  });
  return (await verifyPassword(user?.passwordHash ?? null, pw)) && user
    ? { id: user.id, confirmed: user.emailConfirmedAt !== null, suspended: user.suspendedAt !== null }
    : null;
}

/**
 * Someone registered with an address that has an account: its owner is told by email (in
 * their language) how to sign in or reset, and the form answers exactly as for a new
 * address, so registration does not reveal who has an account.
 */
export async function tellOwnerOfTakenAddress(emailAddress: string): Promise<void> {
  const prisma = getPrisma();
  const user = await prisma.user.findUnique({ where: { email: emailAddress }, select: { name: true, email: true, locale: true } });
  if (!user) return;
  const locale = localeOf(user.locale);
  await writeEvent(prisma, "email.send", {
    to: user.email,
    subject: translate(locale, "register.taken.subject"),
    text: translate(locale, "register.taken.body", {
      name: user.name,
      login: `${publicUrl()}/login`,
      reset: `${publicUrl()}/forgot-password`,
    }),
  });
}

/**
 * Asks for a password-reset link: one outbox event, whether or not an account has the
 * address, so the answer and the time it takes tell nobody which addresses have one.
 * The worker does the rest (issuePasswordReset).
 */
export async function requestPasswordReset(emailAddress: string, fallbackLocale: Locale): Promise<void> {
  await writeEvent(getPrisma(), "account.password-reset", { email: emailAddress.trim().toLowerCase(), locale: fallbackLocale });
}

/**
 * In the worker, in the transaction that marks the request done: for an account with
 * that address, a new token that replaces every older one (only the latest link works),
 * and the email carrying it. Nothing for an unknown address.
 */
export async function issuePasswordReset(tx: Prisma.TransactionClient, request: PayloadOf<"account.password-reset">): Promise<boolean> {
  // Locked, so two requests issued at once take turns and the later one replaces the
  // earlier one's token instead of both staying valid.
  const [user] = await tx.$queryRaw<{ id: string; name: string; email: string; locale: string | null }[]>`
    SELECT id, name, email, locale FROM "User" WHERE email = ${request.email} FOR UPDATE`;
  if (!user) return false;
  const token = newToken();
  const locale = localeOf(user.locale, request.locale);
  const link = `${publicUrl()}/reset-password?token=${encodeURIComponent(token)}`;
  await tx.passwordResetToken.deleteMany({ where: { userId: user.id } });
  await tx.passwordResetToken.create({ data: { id: sha256(token), userId: user.id, expiresAt: new Date(Date.now() + RESET_TTL_MS) } });
  await writeEvent(tx, "email.send", {
    to: user.email,
    subject: translate(locale, "mail.reset.subject"),
    text: translate(locale, "mail.reset.body", { name: user.name, link }),
  });
  return true;
}

/**
 * Sets the new password if the token is valid and unused; returns the user id. Every
 * token of that account ends with it, so an older link cannot reset it again.
 */
export async function resetPassword(token: string, newPassword: string): Promise<string | null> {
  const prisma = getPrisma();
  const passwordHash = await hashPassword(newPassword);
  return prisma.$transaction(async (tx) => {
    // Marking the token used in the same statement that checks it: two tabs submitting
    // the same link cannot both succeed.
    const used = await tx.passwordResetToken.updateMany({
      where: { id: sha256(token), usedAt: null, expiresAt: { gt: new Date() } },
      data: { usedAt: new Date() },
    });
    if (used.count !== 1) return null;
    const { userId } = await tx.passwordResetToken.findUniqueOrThrow({ where: { id: sha256(token) }, select: { userId: true } });
    await tx.passwordResetToken.deleteMany({ where: { userId } });
    // The link came by email: the address is proven, as a confirmation link would.
    await tx.user.update({ where: { id: userId }, data: { passwordHash } });
    await markConfirmed(tx, userId);
    await joinByDomain(tx, userId);
    await tx.session.deleteMany({ where: { userId } });
    return userId;
  });
}

export async function resetTokenValid(token: string): Promise<boolean> {
  const row = await getPrisma().passwordResetToken.findUnique({ where: { id: sha256(token) } });
  return Boolean(row && !row.usedAt && row.expiresAt > new Date());
}

/** The language a signed-in person chose, kept for their emails and next visits. */
export async function setLocale(userId: string, locale: Locale): Promise<void> {
  await getPrisma().user.update({ where: { id: userId }, data: { locale } });
}
