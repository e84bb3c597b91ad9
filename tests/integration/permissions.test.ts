// The permission rules (app/domain/permissions.ts) are pure; where a query must filter rows
// by them (postings a person may edit), the query says the same in SQL. This checks the
// two agree for every kind of person, so the rule mutation testing guards is the one enforced.
import { describe, expect, it } from "vitest";
import { mayEditPosting } from "#app/domain/permissions.ts";
import { getPrisma } from "#app/lib/db.server.ts";
import { standingIn } from "#app/models/permissions.server.ts";
import { getPosting, listMyPostings } from "#app/models/posting.server.ts";

describe("who may edit a posting", () => {
  it("is the same in the pure rule and in the queries that list and show postings", async () => {
    const prisma = getPrisma();
    const org = await prisma.organization.create({ data: { name: "Regelverket AB", kind: "company" } });
    const other = await prisma.organization.create({ data: { name: "Annat Bolag AB", kind: "company" } });
    const person = (name: string, role: "researcher" | "admin" = "researcher") =>
      prisma.user.create({
        data: { name, email: `${name.toLowerCase()}@example.se`, passwordHash: "x", role, emailConfirmedAt: new Date() },
      });
    const owner = await person("Owner");
    const orgAdmin = await person("Orgadmin");
    const member = await person("Member");
    const otherAdmin = await person("Otheradmin");
    const stranger = await person("Stranger");
    const siteAdmin = await person("Siteadmin", "admin");
    await prisma.membership.createMany({
      data: [
        { userId: owner.id, organizationId: org.id, role: "member" },
        { userId: orgAdmin.id, organizationId: org.id, role: "admin" },
        { userId: member.id, organizationId: org.id, role: "member" },
        { userId: otherAdmin.id, organizationId: other.id, role: "admin" },
      ],
    });
    const posting = await prisma.posting.create({
      data: {
        kind: "need",
        title: "Provning av hydraulik",
        description: "Vi söker ett labb.",
        language: "sv",
        ownerId: owner.id,
        organizationId: org.id,
        status: "paused", // not visible to all: only those who may edit it see it
        expiresAt: new Date(Date.now() + 30 * 86400_000),
      },
    });

    const seen: Record<string, boolean> = {};
    for (const u of [owner, orgAdmin, member, otherAdmin, stranger, siteAdmin]) {
      const rule = mayEditPosting(u.id, owner.id, await standingIn(prisma, u, org.id));
      const shown = await getPosting(posting.id, u.id);
      const listed = (await listMyPostings(u.id)).some((p) => p.id === posting.id);
      expect({ who: u.name, shown: shown?.canEdit ?? false, listed }).toEqual({ who: u.name, shown: rule, listed: rule });
      seen[u.name] = rule;
    }
    // The table the rule gives, so that a rule and queries wrong in the same way still fail here.
    expect(seen).toEqual({ Owner: true, Orgadmin: true, Member: false, Otheradmin: false, Stranger: false, Siteadmin: false });
  });
});
