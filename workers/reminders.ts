// "Your posting expires soon": once per expiry date, REMINDER_DAYS before it. The
// posting is claimed (reminderSentAt set) in the same transaction that writes the email
// to the outbox, so a job that runs twice, or in two workers at once, sends one email.
import { publicUrl } from "#app/lib/config.server.ts";
import { getPrisma } from "#app/lib/db.server.ts";
import { writeEvent } from "#app/lib/outbox.server.ts";
import { localeOf, translate } from "#app/i18n/index.ts";

export const REMINDER_DAYS = 14;

export async function sendExpiryReminders(now = new Date(), batch = 500): Promise<number> {
  const prisma = getPrisma();
  const horizon = new Date(now.getTime() + REMINDER_DAYS * 24 * 3600 * 1000);
  const baseUrl = publicUrl();
  const due = await prisma.posting.findMany({
    where: { status: "active", reminderSentAt: null, expiresAt: { gt: now, lte: horizon } },
    select: {
      id: true,
      title: true,
      expiresAt: true,
      owner: { select: { name: true, email: true, locale: true } },
      organization: {
        select: { memberships: { where: { role: "admin" }, select: { user: { select: { name: true, email: true, locale: true } } } } },
      },
    },
    orderBy: { expiresAt: "asc" },
    take: batch,
  });
  let sent = 0;
  for (const p of due) {
    // A person's posting goes to them; an organization's to its admins.
    const recipients = p.owner ? [p.owner] : (p.organization?.memberships.map((m) => m.user) ?? []);
    await prisma.$transaction(async (tx) => {
      // Raw SQL: a reminder is not an edit, so updatedAt must not move.
      const claimed = await tx.$executeRaw`
        UPDATE "Posting" SET "reminderSentAt" = ${now} WHERE id = ${p.id}::uuid AND "reminderSentAt" IS NULL AND "expiresAt" = ${p.expiresAt}`;
      if (claimed !== 1) return;
      for (const r of recipients) {
        const locale = localeOf(r.locale);
        const date = p.expiresAt.toLocaleDateString(locale === "sv" ? "sv-SE" : "en-GB", {
          year: "numeric",
          month: "long",
          day: "numeric",
        });
        const vars = { name: r.name, title: p.title, date, link: `${baseUrl}/postings/${p.id}` };
        await writeEvent(tx, "email.send", {
          to: r.email,
          subject: translate(locale, "mail.expiry.subject", vars),
          text: translate(locale, "mail.expiry.body", vars),
        });
        sent++;
      }
    });
  }
  return sent;
}
