// "The deadline is near and the consortium is not ready": the coordinator hears it 14 and
// 3 days before the call's deadline (app/domain/deadlines.ts says which is due), in the app
// and by email. Each reminder is claimed by a DeadlineReminder row (consortium, days,
// deadline) inserted in the transaction that writes the notice, so a scan run twice, or by
// several workers at once, reminds once: the second insert waits for the first to commit
// and then finds the row. `now` is a parameter so a test can stand 14 days before a deadline.
import { dueReminder } from "#app/domain/deadlines.ts";
import { readyToSubmit } from "#app/domain/letters.ts";
import { consortiumLetters } from "#app/models/letter.server.ts";
import { missingLine } from "#app/domain/eligibility.ts";
import { daysLeft } from "#app/domain/home.ts";
import type { Prisma } from "#app/generated/prisma/client.ts";
import { message } from "#app/i18n/message.ts";
import { getPrisma } from "#app/lib/db.server.ts";
import { evaluateConsortium } from "#app/models/consortium.server.ts";
import { notifyUsers } from "#app/models/notify.server.ts";

const DAY = 24 * 3600 * 1000;

/** Reminds every coordinator due a reminder at `now`; returns how many reminders went out. */
export async function sendDeadlineReminders(now = new Date()): Promise<number> {
  const prisma = getPrisma();
  // A day either side of the widest reminder: daysLeft counts in Stockholm's calendar, the
  // deadline is a UTC date; dueReminder decides exactly.
  const candidates = await prisma.consortium.findMany({
    where: { outcome: null, programme: { deadline: { gte: new Date(now.getTime() - DAY), lte: new Date(now.getTime() + 15 * DAY) } } },
    select: { id: true, programme: { select: { deadline: true } }, deadlineReminders: { select: { days: true, deadline: true } } },
  });
  let sent = 0;
  for (const c of candidates) {
    const deadline = c.programme.deadline!;
    const already = c.deadlineReminders.filter((r) => r.deadline.getTime() === deadline.getTime()).map((r) => r.days);
    // Cheap first look, before evaluating the rules: nothing due whatever the consortium's state.
    if (dueReminder({ daysLeft: daysLeft(deadline, now), ready: false, hasOutcome: false, sent: already }) === null) continue;
    if (await prisma.$transaction((tx) => remindIn(tx, c.id, now))) sent++;
  }
  return sent;
}

/** Claims and writes the reminder due for one consortium, if any; true when it went out. */
async function remindIn(tx: Prisma.TransactionClient, consortiumId: string, now: Date): Promise<boolean> {
  const c = await tx.consortium.findUnique({
    where: { id: consortiumId },
    select: {
      id: true,
      title: true,
      outcome: true,
      coordinatorId: true,
      programme: { select: { deadline: true } },
      deadlineReminders: { select: { days: true, deadline: true } },
    },
  });
  const deadline = c?.programme.deadline;
  if (!c || !deadline) return false;
  const found = await evaluateConsortium(tx, consortiumId);
  if (!found) return false;
  const left = daysLeft(deadline, now);
  // Ready as the consortium page and the announcement judge it: eligible, and every
  // co-funder's letter of intent confirmed.
  const { tally } = await consortiumLetters(tx, consortiumId);
  const due = dueReminder({
    daysLeft: left,
    ready: readyToSubmit(found.evaluation.eligible, tally),
    hasOutcome: c.outcome !== null,
    sent: c.deadlineReminders.filter((r) => r.deadline.getTime() === deadline.getTime()).map((r) => r.days),
  });
  if (due === null) return false;
  const claimed = await tx.deadlineReminder.createMany({ data: [{ consortiumId, days: due, deadline }], skipDuplicates: true });
  if (claimed.count === 0) return false;
  const missing = missingLine(found.evaluation.missing) ?? (tally.passed ? null : { list: tally.messages, join: " " });
  await notifyUsers(tx, [c.coordinatorId], {
    kind: "consortium.deadline-reminder",
    title: "deadline.reminder.title",
    body: "deadline.reminder.body",
    vars: {
      title: c.title,
      date: { date: deadline.toISOString().slice(0, 10) },
      left: left > 1 ? message("workspace.daysLeft", { days: left }) : message(left === 1 ? "workspace.dayLeft" : "workspace.closesToday"),
      missing: missing ?? message("deadline.reminder.open"),
    },
    link: `/consortia/${c.id}`,
  });
  return true;
}
