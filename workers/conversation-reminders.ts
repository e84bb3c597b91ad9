// "A first message is waiting for your answer": once per conversation, to the side written
// to, when the first message has waited REMINDER_WORKING_DAYS whole working days (Swedish
// weekdays that are not holidays, app/domain/messaging-safety.ts) with no reply and no
// "not interested". The conversation is claimed (reminderSentAt set, only if still unset and
// unanswered) in the same transaction that writes the notice and its email to the outbox, so a
// job that runs twice, or in two workers at once, reminds once.
import { reminderDue } from "#app/domain/messaging-safety.ts";
import { getPrisma } from "#app/lib/db.server.ts";
import { organizationResponders } from "#app/models/conversation.server.ts";
import { notifyUsers } from "#app/models/notify.server.ts";

const DAY = 24 * 3600 * 1000;

/** Sends the reminders due at `now` (injectable, so tests need not wait); returns how many people were reminded. */
export async function sendConversationReminders(now = new Date(), batch = 500): Promise<number> {
  const prisma = getPrisma();
  // Five working days are at least seven calendar days: a cheap bound before the exact rule.
  const candidates = await prisma.conversation.findMany({
    where: { status: "open", firstResponseAt: null, reminderSentAt: null, createdAt: { lte: new Date(now.getTime() - 7 * DAY) } },
    select: { id: true, createdAt: true, recipientUserId: true, recipientOrganizationId: true, sender: { select: { name: true } } },
    orderBy: { createdAt: "asc" },
    take: batch,
  });
  let reminded = 0;
  for (const c of candidates.filter((c) => reminderDue(c.createdAt, now))) {
    reminded += await prisma.$transaction(async (tx) => {
      const claimed = await tx.$executeRaw`
        UPDATE "Conversation" SET "reminderSentAt" = ${now}
        WHERE id = ${c.id}::uuid AND "reminderSentAt" IS NULL AND "firstResponseAt" IS NULL AND status = 'open'`;
      if (claimed !== 1) return 0;
      const to = c.recipientUserId
        ? [c.recipientUserId]
        : c.recipientOrganizationId
          ? await organizationResponders(tx, c.recipientOrganizationId)
          : [];
      return notifyUsers(tx, to, {
        kind: "conversation.reminder",
        title: "conversation.notice.reminderTitle",
        body: "conversation.notice.reminderBody",
        // A deleted sender's message still waits: named as a former user.
        vars: { sender: c.sender?.name ?? { key: "conversation.former" } },
        link: `/messages/${c.id}`,
      });
    });
  }
  return reminded;
}
