// Telling people: an in-app notification and an email, written in the caller's
// transaction (the email as an outbox event), so the news exists exactly when the change
// that caused it commits. The notification keeps its texts by key with their variables and
// is rendered in the reader's language whenever it is read (a language switch later still
// applies); the email is rendered once, in the recipient's language. Every notice of the
// product goes out through notifyUsers, so they all look alike.
import type { Prisma } from "#app/generated/prisma/client.ts";
import { formatDateTime } from "#app/i18n/format.ts";
import { isMessageKey, localeOf, translate, type Locale, type MessageKey } from "#app/i18n/index.ts";
import { renderMessage, type MessageVar } from "#app/i18n/message.ts";
import { publicUrl } from "#app/lib/config.server.ts";
import { writeEvents } from "#app/lib/outbox.server.ts";

export interface Notice {
  /** Stored on the notification, e.g. "membership.request". */
  kind: string;
  title: MessageKey;
  body: MessageKey;
  /** The texts' placeholders; one that is itself a text is a message, rendered in the reader's language. */
  vars: Record<string, MessageVar>;
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
    const vars = { ...notice.vars, name: u.name, link };
    const title = renderMessage(locale, { key: notice.title, vars });
    const body = renderMessage(locale, { key: notice.body, vars });
    return { user: u, title, body, mail: translate(locale, "notice.mail", { name: u.name, link, body }) };
  });
  await tx.notification.createMany({
    data: messages.map((m) => ({
      userId: m.user.id,
      kind: notice.kind,
      title: m.title.slice(0, 300),
      body: m.body.slice(0, 5000),
      titleKey: notice.title,
      bodyKey: notice.body,
      params: notice.vars as Prisma.InputJsonObject,
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

interface StoredNotification {
  title: string;
  body: string;
  titleKey: string | null;
  bodyKey: string | null;
  params: Prisma.JsonValue;
  createdAt: Date;
}

/** A notification's texts in the reader's language; rows written before keys existed show their stored text. */
export function renderNotification(locale: Locale, n: StoredNotification): { title: string; body: string; createdAt: string } {
  const vars = n.params && typeof n.params === "object" && !Array.isArray(n.params) ? (n.params as Record<string, MessageVar>) : {};
  const render = (key: string | null, stored: string) => (key && isMessageKey(key) ? renderMessage(locale, { key, vars }) : stored);
  return { title: render(n.titleKey, n.title), body: render(n.bodyKey, n.body), createdAt: formatDateTime(locale, n.createdAt) };
}
