// Telling people: an in-app notification and an email, written in the caller's
// transaction (the email as an outbox event), so the news exists exactly when the change
// that caused it commits. Texts are rendered in each recipient's language. Every notice
// of the product goes out through notifyUsers, so they all look alike.
import type { Prisma } from "#app/generated/prisma/client.ts";
import { localeOf, translate, type Locale, type MessageKey } from "#app/i18n/index.ts";
import { publicUrl } from "#app/lib/config.server.ts";
import { writeEvents } from "#app/lib/outbox.server.ts";

export interface Notice {
  /** Stored on the notification, e.g. "membership.request". */
  kind: string;
  title: MessageKey;
  body: MessageKey;
  /** The texts' placeholders; a function when one of them is itself a text in the recipient's language. */
  vars: Record<string, string> | ((locale: Locale) => Record<string, string>);
  /** A path inside the app; the email carries it as an absolute link from APP_URL. */
  link: string;
}

/** Notifies each distinct user once; returns how many were told. */
export async function notifyUsers(tx: Prisma.TransactionClient, userIds: Iterable<string>, notice: Notice): Promise<number> {
  const ids = [...new Set(userIds)];
  if (ids.length === 0) return 0;
  const users = await tx.user.findMany({ where: { id: { in: ids } }, select: { id: true, name: true, email: true, locale: true } });
  const link = `${publicUrl()}${notice.link}`;
  const messages = users.map((u) => {
    const locale = localeOf(u.locale);
    const vars = { ...(typeof notice.vars === "function" ? notice.vars(locale) : notice.vars), name: u.name, link };
    const title = translate(locale, notice.title, vars);
    const body = translate(locale, notice.body, vars);
    return { user: u, title, body, mail: translate(locale, "notice.mail", { ...vars, body }) };
  });
  await tx.notification.createMany({
    data: messages.map((m) => ({
      userId: m.user.id,
      kind: notice.kind,
      title: m.title.slice(0, 300),
      body: m.body.slice(0, 5000),
      link: notice.link,
    })),
  });
  await writeEvents(
    tx,
    "email.send",
    messages.map((m) => ({ to: m.user.email, subject: `Samband: ${m.title}`, text: m.mail })),
  );
  return users.length;
}

/**
 * Who decides for an organization (requests to join it): its admins whose address is
 * confirmed (an account that never confirmed proves nothing and may be a squatter's), else
 * the site's admins.
 */
export async function organizationDeciders(tx: Prisma.TransactionClient, organizationId: string): Promise<string[]> {
  const admins = await tx.membership.findMany({
    where: { organizationId, role: "admin", user: { emailConfirmedAt: { not: null } } },
    select: { userId: true },
  });
  if (admins.length > 0) return admins.map((a) => a.userId);
  return siteAdmins(tx);
}

/**
 * Who hears of an invitation for an organization when no contact is named: the people who
 * may answer it (its confirmed admins, else its confirmed members), else the site's admins.
 */
export async function organizationPeople(tx: Prisma.TransactionClient, organizationId: string): Promise<string[]> {
  const people = await tx.membership.findMany({
    where: { organizationId, user: { emailConfirmedAt: { not: null } } },
    select: { userId: true, role: true },
  });
  const admins = people.filter((p) => p.role === "admin");
  if (admins.length > 0) return admins.map((a) => a.userId);
  if (people.length > 0) return people.map((p) => p.userId);
  return siteAdmins(tx);
}

async function siteAdmins(tx: Prisma.TransactionClient): Promise<string[]> {
  return (await tx.user.findMany({ where: { role: "admin" }, select: { id: true } })).map((u) => u.id);
}
