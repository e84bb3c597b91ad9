// The demo data: realistic in size and spread, valid by the same rules as an import,
// and safe to apply twice.
import { describe, expect, it } from "vitest";
import { exportLines } from "#app/import/export.server.ts";
import { parseLine } from "#app/import/records.ts";
import { findCycles } from "#app/domain/corporate-group.ts";
import { getPrisma } from "#app/lib/db.server.ts";
import { verifyPassword } from "#app/lib/security.server.ts";
import { evaluateConsortium } from "#app/models/consortium.server.ts";
import { seedDemo } from "#prisma/seed.ts";

describe("demo data", () => {
  it("has the eligible universities, about 40 companies in several groups, about 100 researchers and a few hundred postings in both languages", async () => {
    const prisma = getPrisma();
    const first = await seedDemo(prisma);
    const count = (kind: "university" | "company") => prisma.organization.count({ where: { kind } });
    expect(await prisma.organization.count({ where: { eligibleApplicant: true } })).toBe(22);
    expect(await count("company")).toBeGreaterThanOrEqual(40);
    expect(await prisma.organization.count({ where: { kind: "company", parentId: { not: null } } })).toBeGreaterThanOrEqual(10);
    expect(await prisma.user.count({ where: { role: "researcher" } })).toBeGreaterThanOrEqual(100);
    const postings = await prisma.posting.groupBy({ by: ["language", "kind"], _count: true });
    const total = postings.reduce((n, g) => n + g._count, 0);
    expect(total).toBeGreaterThanOrEqual(250);
    for (const lang of ["sv", "en"])
      for (const kind of ["competence", "need"])
        expect(postings.find((g) => g.language === lang && g.kind === kind)?._count ?? 0, `${lang} ${kind}`).toBeGreaterThan(10);
    const subjects = new Set(
      (await prisma.posting.findMany({ select: { subjects: true } })).flatMap((p) => p.subjects.map((s) => s.slice(0, 1))),
    );
    expect(subjects.size).toBeGreaterThanOrEqual(5); // research areas spanned

    const regions = await prisma.organization.findMany({
      where: { region: { not: null } },
      select: { region: true },
      distinct: ["region"],
    });
    expect(regions.map((r) => r.region).filter((r) => !r!.endsWith(" län"))).toEqual([]); // counties, not towns

    const orgs = await prisma.organization.findMany({ select: { id: true, parentId: true } });
    expect(findCycles(new Map(orgs.map((o) => [o.id, o.parentId])))).toEqual([]);

    // Everything passes the import's own validation.
    const rejected: string[] = [];
    for await (const line of exportLines()) {
      const r = parseLine(line);
      if (!r.ok) rejected.push(`${r.error}: ${line.slice(0, 120)}`);
    }
    expect(rejected).toEqual([]);

    const demo = await prisma.user.findUniqueOrThrow({ where: { email: "forskare@demo.example" } });
    expect(await verifyPassword(demo.passwordHash, "samband-demo")).toBe(true);

    // What a visitor would notice first: names, titles and fields that look like the real world.
    const people = await prisma.user.findMany({ where: { ref: { not: null } }, select: { name: true } });
    const twice = people.map((p) => p.name).filter((name, i, all) => all.indexOf(name) !== i);
    expect(twice, "full names shared by two people").toEqual([]);
    expect((await prisma.posting.findMany({ where: { title: { contains: "(" } }, select: { title: true } })).map((p) => p.title)).toEqual(
      [],
    );
    const titles = (await prisma.posting.findMany({ select: { title: true } })).map((p) => p.title);
    expect(new Set(titles).size / titles.length, "share of distinct posting titles").toBeGreaterThan(0.9);
    // Arts, sport and defence colleges: no engineering (2…) or natural science (1…).
    const colleges = [
      "Royal College of Music",
      "Royal Institute of Art",
      "University of Arts, Crafts and Design",
      "Stockholm University of the Arts",
      "Swedish School of Sport and Health Sciences",
      "Swedish Defence University",
    ];
    const atColleges = await prisma.posting.findMany({
      where: { organization: { name: { in: colleges } } },
      select: { title: true, subjects: true, organization: { select: { name: true } } },
    });
    expect(new Set(atColleges.map((p) => p.organization!.name)).size).toBe(colleges.length);
    const offField = atColleges.filter((p) => p.subjects.some((s) => s.startsWith("1") || s.startsWith("2")));
    expect(offField.map((p) => `${p.organization!.name}: ${p.title} ${p.subjects.join(",")}`)).toEqual([]);
    const researchers = await prisma.user.findMany({ where: { ref: { startsWith: "demo-person-" } }, select: { title: true } });
    expect(new Set(researchers.map((r) => r.title)).size).toBeGreaterThanOrEqual(4);
    const reps = await prisma.user.findMany({ where: { ref: { startsWith: "demo-rep-" } }, select: { title: true } });
    expect(reps.every((r) => r.title && !["Professor", "Docent", "Doktorand"].includes(r.title))).toBe(true);

    // Consortia in the states a coordinator meets, for calls that are still open; the demo researcher is in one.
    const now = Date.now();
    for (const p of await prisma.programme.findMany({ where: { ref: { not: null } } }))
      expect(p.deadline!.getTime(), `${p.name} deadline`).toBeGreaterThan(now);
    const states = new Map<string, { eligible: boolean; independent: number; invited: number }>();
    for (const c of await prisma.consortium.findMany({ where: { ref: { not: null } }, include: { members: true, programme: true } })) {
      const { evaluation, consortium } = (await prisma.$transaction((tx) => evaluateConsortium(tx, c.id)))!;
      expect(consortium.thresholdMet, c.ref!).toBe(evaluation.eligible);
      states.set(c.ref!, {
        eligible: evaluation.eligible,
        independent: evaluation.independentCompanies - c.programme.minIndependentCompanies,
        invited: c.members.filter((m) => m.status === "invited").length,
      });
    }
    expect(states.get("demo-consortium-forming")).toMatchObject({ eligible: false });
    expect(states.get("demo-consortium-forming")!.invited).toBeGreaterThan(0);
    expect(states.get("demo-consortium-one-short")).toMatchObject({ eligible: false, independent: -1, invited: 0 });
    expect(states.get("demo-consortium-eligible")).toMatchObject({ eligible: true });
    const mine = await prisma.consortium.findMany({
      where: {
        OR: [{ coordinatorId: demo.id }, { members: { some: { organization: { memberships: { some: { userId: demo.id } } } } } }],
      },
    });
    expect(mine.length).toBeGreaterThanOrEqual(1);

    // What people changed in the demo data survives a repeated seed.
    const paused = await prisma.posting.findFirstOrThrow({ where: { status: "active", ref: { not: null } }, orderBy: { ref: "asc" } });
    await prisma.posting.update({ where: { id: paused.id }, data: { status: "paused" } });
    const described = await prisma.organization.findFirstOrThrow({ where: { ref: { not: null }, needs: null }, orderBy: { ref: "asc" } });
    await prisma.organization.update({ where: { id: described.id }, data: { needs: "Hydraulic test rigs" } });

    // The administrators' funnel has the demo consortia's history, spread over more than one month.
    const steps = await prisma.funnelEvent.findMany({ select: { stage: true, at: true } });
    expect(new Set(steps.map((s) => s.stage))).toEqual(new Set(["invitation", "accepted", "eligible"]));
    expect(new Set(steps.map((s) => s.at.toISOString().slice(0, 7))).size).toBeGreaterThan(1);

    const again = await seedDemo(prisma);
    expect(again).toEqual(first);
    expect(await prisma.funnelEvent.count()).toBe(steps.length); // written once, with the consortia
    expect(await prisma.posting.count()).toBe(total);
    expect((await prisma.posting.findUniqueOrThrow({ where: { id: paused.id } })).status).toBe("paused");
    expect((await prisma.organization.findUniqueOrThrow({ where: { id: described.id } })).needs).toBe("Hydraulic test rigs");
  });
});
