// The demo data: realistic in size and spread, valid by the same rules as an import,
// and safe to apply twice.
import { describe, expect, it } from "vitest";
import { exportLines } from "#app/import/export.server.ts";
import { parseLine } from "#app/import/records.ts";
import { findCycles } from "#app/domain/corporate-group.ts";
import { getPrisma } from "#app/lib/db.server.ts";
import { verifyPassword } from "#app/lib/security.server.ts";
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

    // What people changed in the demo data survives a repeated seed.
    const paused = await prisma.posting.findFirstOrThrow({ where: { status: "active", ref: { not: null } }, orderBy: { ref: "asc" } });
    await prisma.posting.update({ where: { id: paused.id }, data: { status: "paused" } });
    const described = await prisma.organization.findFirstOrThrow({ where: { ref: { not: null }, needs: null }, orderBy: { ref: "asc" } });
    await prisma.organization.update({ where: { id: described.id }, data: { needs: "Hydraulic test rigs" } });

    const again = await seedDemo(prisma);
    expect(again).toEqual(first);
    expect(await prisma.posting.count()).toBe(total);
    expect((await prisma.posting.findUniqueOrThrow({ where: { id: paused.id } })).status).toBe("paused");
    expect((await prisma.organization.findUniqueOrThrow({ where: { id: described.id } })).needs).toBe("Hydraulic test rigs");
  });
});
