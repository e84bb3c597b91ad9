import { describe, expect, it } from "vitest";
import { getPrisma } from "#app/lib/db.server.ts";
import { sendExpiryReminders } from "#workers/reminders.ts";

const DAY = 24 * 3600 * 1000;

describe("expiry reminders", () => {
  it("emails the owner once, 14 days ahead, in their language; again only after a renewal", async () => {
    const prisma = getPrisma();
    const now = new Date("2027-03-01T08:00:00Z");
    const sv = await prisma.user.create({ data: { name: "Sara", email: "sara@example.se", role: "researcher", locale: "sv" } });
    const org = await prisma.organization.create({ data: { name: "Org AB", kind: "company" } });
    const admin = await prisma.user.create({ data: { name: "Adam", email: "adam@org.example", role: "company_rep" } });
    await prisma.membership.create({ data: { userId: admin.id, organizationId: org.id, role: "admin" } });
    const base = { kind: "need" as const, description: "d", language: "sv", keywords: [], subjects: [] };
    const soon = await prisma.posting.create({
      data: { ...base, title: "Snart slut", ownerId: sv.id, expiresAt: new Date(now.getTime() + 10 * DAY) },
    });
    await prisma.posting.create({
      data: { ...base, title: "Org posting", organizationId: org.id, expiresAt: new Date(now.getTime() + 13 * DAY) },
    });
    await prisma.posting.create({ data: { ...base, title: "Far away", ownerId: sv.id, expiresAt: new Date(now.getTime() + 60 * DAY) } });
    await prisma.posting.create({ data: { ...base, title: "Already expired", ownerId: sv.id, expiresAt: new Date(now.getTime() - DAY) } });
    await prisma.posting.create({
      data: { ...base, title: "Paused", status: "paused", ownerId: sv.id, expiresAt: new Date(now.getTime() + 5 * DAY) },
    });

    const [a, b] = await Promise.all([sendExpiryReminders(now), sendExpiryReminders(now)]);
    expect(a + b).toBe(2);
    const mails = (await prisma.outboxEvent.findMany({ orderBy: { id: "asc" } })).map(
      (e) => e.payload as { to: string; subject: string; text: string },
    );
    expect(mails.map((m) => m.to).sort()).toEqual(["adam@org.example", "sara@example.se"]);
    const sara = mails.find((m) => m.to === "sara@example.se")!;
    expect(sara.subject).toBe('Din annons "Snart slut" upphör 11 mars 2027');
    expect(sara.text).toContain(`/postings/${soon.id}`);
    expect(await sendExpiryReminders(now)).toBe(0);
    // A reminder is not an edit.
    expect((await prisma.posting.findUniqueOrThrow({ where: { id: soon.id } })).updatedAt).toEqual(soon.updatedAt);

    // Renewed (new expiry, reminder re-armed): reminded again when that date nears.
    await prisma.posting.update({ where: { id: soon.id }, data: { expiresAt: new Date(now.getTime() + 375 * DAY), reminderSentAt: null } });
    expect(await sendExpiryReminders(now)).toBe(0);
    expect(await sendExpiryReminders(new Date(now.getTime() + 362 * DAY))).toBe(1);
  });
});
