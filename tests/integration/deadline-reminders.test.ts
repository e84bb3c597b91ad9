// Deadline reminders: the coordinator of a consortium that is not ready hears 14 and 3
// days before the call's deadline, each exactly once with two scans running at once; a
// ready consortium, one with an outcome recorded and one whose deadline has passed hear
// nothing. The scan's clock is passed in, so the test stands at "deadline − 14 days".
import { describe, expect, it } from "vitest";
import { getPrisma } from "#app/lib/db.server.ts";
import { publicUrl } from "#app/lib/config.server.ts";
import { invite, respond, setPledge } from "#app/models/consortium.server.ts";
import { renderNotification } from "#app/models/notify.server.ts";
import { saveLetter } from "#app/models/letter.server.ts";
import { sendDeadlineReminders } from "#workers/deadlines.ts";

const DAY = 24 * 3600 * 1000;
const DEADLINE = "2027-04-15";
/** 08:00 in Stockholm, `days` calendar days before the deadline. */
const before = (days: number) => new Date(new Date(`${DEADLINE}T06:00:00Z`).getTime() - days * DAY);

let n = 0;
async function consortium(programmeId: string, title: string, opts: { ready?: boolean; eligible?: boolean } = {}) {
  const ready = opts.ready ?? false;
  const eligible = opts.eligible ?? ready;
  const prisma = getPrisma();
  const tag = ++n;
  const uni = await prisma.organization.create({
    data: { name: `Reminder University ${tag}`, kind: "university", eligibleApplicant: true },
  });
  const coordinator = await prisma.user.create({
    data: { name: `Coordinator ${tag}`, email: `reminder-coord-${tag}@example.se`, role: "coordinator", emailConfirmedAt: new Date() },
  });
  const c = await prisma.consortium.create({
    data: { programmeId, title, summary: "s", requestedFunding: 100_000n, leadOrganizationId: uni.id, coordinatorId: coordinator.id },
  });
  if (eligible) {
    // Two independent companies pledging the whole requested funding: every rule passes;
    // ready to submit once both letters of intent are confirmed too.
    for (const name of ["Alfa", "Beta"]) {
      const org = await prisma.organization.create({ data: { name: `${name} Reminder ${tag} AB`, kind: "company" } });
      const rep = await prisma.user.create({
        data: {
          name: `${name} rep`,
          email: `reminder-${name.toLowerCase()}-${tag}@example.se`,
          role: "company_rep",
          emailConfirmedAt: new Date(),
        },
      });
      await prisma.membership.create({ data: { userId: rep.id, organizationId: org.id, role: "admin" } });
      expect(await invite(c.id, coordinator.id, org.id)).toEqual({ ok: true });
      expect(await respond(c.id, org.id, rep.id, true)).toEqual({ ok: true });
      expect(await setPledge(c.id, org.id, rep.id, { pledgeCash: 50_000, pledgeInKind: 0 })).toEqual({ ok: true });
      if (ready)
        expect(await saveLetter(c.id, org.id, rep.id, { role: "Test site", motive: "Our lines" }, true)).toMatchObject({ ok: true });
    }
  }
  return { id: c.id, coordinatorId: coordinator.id, email: `reminder-coord-${tag}@example.se` };
}

const reminderMails = async (to: string) =>
  (
    await getPrisma().outboxEvent.findMany({
      where: { topic: "email.send", payload: { path: ["to"], equals: to } },
      orderBy: { id: "asc" },
    })
  ).map((e) => e.payload as { subject: string; text: string });

describe("deadline reminders", () => {
  it("remind a coordinator 14 and 3 days ahead, once each under two concurrent scans, and nobody else", async () => {
    const prisma = getPrisma();
    const programme = await prisma.programme.create({
      data: { name: "Reminder call", projectType: "research", deadline: new Date(`${DEADLINE}T00:00:00Z`) },
    });
    const lagging = await consortium(programme.id, "Lagging <b>consortium</b>");
    const ready = await consortium(programme.id, "Ready consortium", { ready: true });
    const submitted = await consortium(programme.id, "Submitted consortium");
    await prisma.consortium.update({ where: { id: submitted.id }, data: { outcome: "submitted", submittedOn: new Date("2027-03-01") } });
    const past = await prisma.programme.create({
      data: { name: "Closed call", projectType: "research", deadline: new Date(before(20).toISOString().slice(0, 10)) },
    });
    const closed = await consortium(past.id, "Closed consortium");

    // 15 days before: nothing yet.
    expect(await Promise.all([sendDeadlineReminders(before(15)), sendDeadlineReminders(before(15))])).toEqual([0, 0]);

    // 14 days before, two workers at once: one reminder, to the lagging consortium's coordinator only.
    const [a, b] = await Promise.all([sendDeadlineReminders(before(14)), sendDeadlineReminders(before(14))]);
    expect(a + b).toBe(1);
    let rows = await prisma.deadlineReminder.findMany({ orderBy: { days: "desc" } });
    expect(rows.map((r) => [r.consortiumId, r.days, r.deadline.toISOString().slice(0, 10)])).toEqual([[lagging.id, 14, DEADLINE]]);
    let notes = await prisma.notification.findMany({ where: { kind: "consortium.deadline-reminder" } });
    expect(notes.map((x) => x.userId)).toEqual([lagging.coordinatorId]);
    // Rendered when read, in the reader's language, with what is still missing.
    const en = renderNotification("en", notes[0]!);
    expect(en.title).toBe("“Lagging <b>consortium</b>”: the deadline is 15 April 2027 (14 days left)");
    expect(en.body).toMatch(/^The consortium is not ready to submit yet\. Missing: /);
    expect(renderNotification("sv", notes[0]!).title).toBe(
      "”Lagging <b>consortium</b>”: sista ansökningsdag är 15 april 2027 (14 dagar kvar)",
    );
    const mails = await reminderMails(lagging.email);
    expect(mails).toHaveLength(1);
    expect(mails[0]!.text).toContain(`${publicUrl()}/consortia/${lagging.id}`);

    // Later the same day, and the days after: nothing more until 3 days are left.
    for (const days of [14, 13, 10, 4]) expect(await sendDeadlineReminders(before(days))).toBe(0);

    // 3 days before, two workers at once: the second reminder, once.
    const [c, d] = await Promise.all([sendDeadlineReminders(before(3)), sendDeadlineReminders(before(3))]);
    expect(c + d).toBe(1);
    notes = await prisma.notification.findMany({ where: { kind: "consortium.deadline-reminder" }, orderBy: { createdAt: "asc" } });
    expect(notes.map((x) => x.userId)).toEqual([lagging.coordinatorId, lagging.coordinatorId]);
    expect(renderNotification("en", notes[1]!).title).toContain("(3 days left)");
    expect(await reminderMails(lagging.email)).toHaveLength(2);

    // Closing day and after the deadline: nothing.
    for (const days of [1, 0, -1, -30]) expect(await sendDeadlineReminders(before(days))).toBe(0);
    rows = await prisma.deadlineReminder.findMany();
    expect(rows).toHaveLength(2);
    // The ready consortium, the submitted one and the one past its deadline were never reminded.
    for (const other of [ready, submitted, closed]) {
      expect(await prisma.deadlineReminder.count({ where: { consortiumId: other.id } })).toBe(0);
      expect(await prisma.notification.count({ where: { userId: other.coordinatorId, kind: "consortium.deadline-reminder" } })).toBe(0);
    }

    // A moved deadline re-arms the reminders for the new date.
    await prisma.programme.update({ where: { id: programme.id }, data: { deadline: new Date("2027-05-15T00:00:00Z") } });
    expect(await sendDeadlineReminders(new Date("2027-05-01T06:00:00Z"))).toBe(1);
    expect(await prisma.deadlineReminder.count({ where: { consortiumId: lagging.id } })).toBe(3);
  });

  it("reminds a consortium that became not ready, and not one that was ready when the day came", async () => {
    const prisma = getPrisma();
    const programme = await prisma.programme.create({
      data: { name: "Second reminder call", projectType: "research", deadline: new Date(`${DEADLINE}T00:00:00Z`) },
    });
    const ready = await consortium(programme.id, "Ready, then not", { ready: true });
    expect(await sendDeadlineReminders(before(14))).toBe(0);
    // A company leaves: 3 days before, it is not ready, and only the 3-day reminder goes out.
    const seat = await prisma.consortiumMember.findFirstOrThrow({ where: { consortiumId: ready.id } });
    await prisma.consortiumMember.update({
      where: { consortiumId_organizationId: { consortiumId: ready.id, organizationId: seat.organizationId } },
      data: { status: "withdrawn" },
    });
    expect(await sendDeadlineReminders(before(3))).toBe(1);
    expect((await prisma.deadlineReminder.findMany({ where: { consortiumId: ready.id } })).map((r) => r.days)).toEqual([3]);
  });

  it("reminds an eligible consortium whose letters of intent are not all confirmed, naming whom it waits for", async () => {
    const prisma = getPrisma();
    const programme = await prisma.programme.create({
      data: { name: "Letters reminder call", projectType: "research", deadline: new Date(`${DEADLINE}T00:00:00Z`) },
    });
    const unlettered = await consortium(programme.id, "Eligible, letters open", { eligible: true });
    await Promise.all([sendDeadlineReminders(before(14)), sendDeadlineReminders(before(14))]);
    expect((await prisma.deadlineReminder.findMany({ where: { consortiumId: unlettered.id } })).map((r) => r.days)).toEqual([14]);
    const note = await prisma.notification.findFirstOrThrow({
      where: { userId: unlettered.coordinatorId, kind: "consortium.deadline-reminder" },
    });
    expect(renderNotification("en", note).body).toMatch(/Letters of intent confirmed: 0 of 2\. Waiting for: .*Alfa Reminder/);
  });
});
