// Confirming an email address: a link mailed at registration (and again on request)
// proves the person reads that mailbox. A confirmed address at a domain an organization
// has verified ("kau.se") makes its owner a member of that organization without waiting
// for an admin; an unconfirmed one proves nothing and waits like everyone else.
import { domainOf } from "#app/domain/email-domain.ts";
import type { Prisma } from "#app/generated/prisma/client.ts";
import { localeOf, translate } from "#app/i18n/index.ts";
import { publicUrl } from "#app/lib/config.server.ts";
import { getPrisma } from "#app/lib/db.server.ts";
import { writeEvent } from "#app/lib/outbox.server.ts";
import { newToken, sha256 } from "#app/lib/security.server.ts";
import { notifyUsers } from "#app/models/notify.server.ts";

type Tx = Prisma.TransactionClient;

/** The link also signs its owner in, so it lives two days, not weeks. */
const TTL_MS = 2 * 24 * 60 * 60 * 1000;
/** A new link at most this often, so the button cannot be used to flood a mailbox. */
const RESEND_AFTER_MS = 5 * 60 * 1000;

/**
 * Writes a new link (older ones stop working) and its email, inside `tx`. `organization`:
 * a name typed at registration that still needs a choice, offered after confirming.
 */
export async function sendConfirmation(tx: Tx, userId: string, organization?: string): Promise<void> {
  const user = await tx.user.findUniqueOrThrow({ where: { id: userId }, select: { name: true, email: true, locale: true } });
  const token = newToken();
  const locale = localeOf(user.locale);
  await tx.emailConfirmationToken.deleteMany({ where: { userId } });
  await tx.emailConfirmationToken.create({ data: { id: sha256(token), userId, expiresAt: new Date(Date.now() + TTL_MS) } });
  await writeEvent(tx, "email.send", {
    to: user.email,
    subject: translate(locale, "confirm.mail.subject"),
    text: translate(locale, "confirm.mail.body", {
      name: user.name,
      link: `${publicUrl()}/confirm-email?token=${encodeURIComponent(token)}${organization ? `&organization=${encodeURIComponent(organization)}` : ""}`,
    }),
  });
}

/** Sends the link again (at sign-in) unless the address is confirmed or a link went out a moment ago. */
export async function resendConfirmation(userId: string): Promise<"sent" | "confirmed" | "wait"> {
  return getPrisma().$transaction(async (tx) => {
    const user = await tx.user.findUniqueOrThrow({ where: { id: userId }, select: { emailConfirmedAt: true } });
    if (user.emailConfirmedAt) return "confirmed";
    const recent = await tx.emailConfirmationToken.count({ where: { userId, createdAt: { gt: new Date(Date.now() - RESEND_AFTER_MS) } } });
    if (recent > 0) return "wait";
    await sendConfirmation(tx, userId);
    return "sent";
  });
}

export async function confirmationTokenValid(token: string): Promise<boolean> {
  if (!token || token.length > 200) return false;
  const row = await getPrisma().emailConfirmationToken.findUnique({ where: { id: sha256(token) } });
  return Boolean(row && !row.usedAt && row.expiresAt > new Date());
}

/** Confirms the address of the link's account; returns the organizations it joined by domain, or null for a bad link. */
export async function confirmEmail(token: string): Promise<{ userId: string; joined: string[]; pending: number } | null> {
  if (!token || token.length > 200) return null;
  return getPrisma().$transaction(async (tx) => {
    // Checked and used in one statement: two clicks cannot both confirm.
    const used = await tx.emailConfirmationToken.updateMany({
      where: { id: sha256(token), usedAt: null, expiresAt: { gt: new Date() } },
      data: { usedAt: new Date() },
    });
    if (used.count !== 1) return null;
    const { userId } = await tx.emailConfirmationToken.findUniqueOrThrow({ where: { id: sha256(token) }, select: { userId: true } });
    await markConfirmed(tx, userId);
    const joined = await joinByDomain(tx, userId);
    return { userId, joined, pending: await tx.membershipRequest.count({ where: { userId, status: "pending" } }) };
  });
}

/** The address is proven (a confirmation or a password-reset link was used). */
export async function markConfirmed(tx: Tx, userId: string): Promise<void> {
  await tx.user.updateMany({ where: { id: userId, emailConfirmedAt: null }, data: { emailConfirmedAt: new Date() } });
}

/**
 * Grants the person's pending requests to organizations that verified their address's
 * domain; returns those organizations' names. Each is told to the person like an admin's
 * approval would be.
 */
export async function joinByDomain(tx: Tx, userId: string): Promise<string[]> {
  const user = await tx.user.findUniqueOrThrow({ where: { id: userId }, select: { email: true, emailConfirmedAt: true } });
  if (!user.emailConfirmedAt) return [];
  const pending = await tx.membershipRequest.findMany({
    where: { userId, status: "pending", organization: { emailDomains: { has: domainOf(user.email) } } },
    select: { organizationId: true, organization: { select: { name: true } } },
  });
  const granted: typeof pending = [];
  for (const p of pending) {
    // Conditional: an admin who refused it meanwhile has the last word.
    const n = await tx.membershipRequest.updateMany({
      where: { userId, organizationId: p.organizationId, status: "pending" },
      data: { status: "approved", decidedAt: new Date() },
    });
    if (n.count === 0) continue;
    granted.push(p);
    await tx.membership.upsert({
      where: { userId_organizationId: { userId, organizationId: p.organizationId } },
      create: { userId, organizationId: p.organizationId },
      update: {},
    });
    await notifyUsers(tx, [userId], {
      kind: "membership.approved",
      title: "membership.approved.title",
      body: "membership.byDomain.body",
      vars: { organization: p.organization.name },
      link: `/organizations/${p.organizationId}`,
    });
  }
  if (granted.length) await writeEvent(tx, "search.people", { userIds: [userId] });
  return granted.map((p) => p.organization.name);
}
